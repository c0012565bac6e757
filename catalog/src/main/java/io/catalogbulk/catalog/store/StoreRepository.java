package io.catalogbulk.catalog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Store views, websites and groups in PostgreSQL. */
@ApplicationScoped
public class StoreRepository {

    private static final String COLUMNS = "store_id, code, name, website_id, store_group_id, sort_order, is_active";

    public List<StoreView> list(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM store ORDER BY store_id");
                ResultSet rs = statement.executeQuery()) {
            List<StoreView> stores = new ArrayList<>();
            while (rs.next()) {
                stores.add(read(rs));
            }
            return stores;
        }
    }

    public Optional<StoreView> byId(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM store WHERE store_id = ?")) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public Optional<StoreView> byCode(Connection connection, String code) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM store WHERE lower(code) = lower(?)")) {
            statement.setString(1, code);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public boolean websiteExists(Connection connection, int websiteId) throws SQLException {
        return exists(connection, "SELECT 1 FROM store_website WHERE website_id = ?", websiteId);
    }

    /** The first store group of a website (Magento's default group), if any. */
    public Optional<Integer> defaultGroupOf(Connection connection, int websiteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT group_id FROM store_group WHERE website_id = ? ORDER BY group_id LIMIT 1")) {
            statement.setInt(1, websiteId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    public boolean groupBelongsTo(Connection connection, int groupId, int websiteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM store_group WHERE group_id = ? AND website_id = ?")) {
            statement.setInt(1, groupId);
            statement.setInt(2, websiteId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Inserts a store view; returns empty when the code is taken. */
    public Optional<StoreView> insert(Connection connection, String code, String name, int websiteId, int groupId,
            int sortOrder, boolean active) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO store (code, name, website_id, store_group_id, sort_order, is_active) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT ((lower(code))) DO NOTHING RETURNING " + COLUMNS)) {
            statement.setString(1, code);
            statement.setString(2, name);
            statement.setInt(3, websiteId);
            statement.setInt(4, groupId);
            statement.setInt(5, sortOrder);
            statement.setInt(6, active ? 1 : 0);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection connection, String sql, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static StoreView read(ResultSet rs) throws SQLException {
        return new StoreView(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                rs.getInt(7) == 1);
    }
}
