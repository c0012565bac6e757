package io.catalogbulk.catalog.cart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Carts (quote) and their items in PostgreSQL. */
@ApplicationScoped
public class CartRepository {

    record CartRow(int id, int storeId, Integer customerId, boolean active, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    record ItemRow(int itemId, int quoteId, String sku, String name, String productType, BigDecimal price, BigDecimal qty) {
    }

    /** A product as the cart's store sees it: store value first, then the global value. */
    record ProductOffer(long id, String sku, String typeId, String name, BigDecimal price, int status) {
    }

    int create(Connection connection, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO quote (store_id) VALUES (?) RETURNING id")) {
            statement.setInt(1, storeId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Reads a cart; with {@code lock} its row stays locked, so concurrent additions to one cart serialize. */
    Optional<CartRow> find(Connection connection, int id, boolean lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, store_id, customer_id, is_active, created_at, updated_at FROM quote WHERE id = ?"
                        + (lock ? " FOR UPDATE" : ""))) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int customer = rs.getInt(3);
                Integer customerId = rs.wasNull() ? null : customer;
                return Optional.of(new CartRow(rs.getInt(1), rs.getInt(2), customerId, rs.getBoolean(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)));
            }
        }
    }

    Optional<ProductOffer> product(Connection connection, String sku, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT p.id, p.sku, p.type_id, coalesce(s.name, g.name), coalesce(s.price, g.price), coalesce(s.status, g.status, 1)"
                        + " FROM catalog_product p"
                        + " LEFT JOIN catalog_product_store_value g ON g.product_id = p.id AND g.store_id = 0"
                        + " LEFT JOIN catalog_product_store_value s ON s.product_id = p.id AND s.store_id = ?"
                        + " WHERE lower(p.sku) = lower(?)")) {
            statement.setInt(1, storeId);
            statement.setString(2, sku);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ProductOffer(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getBigDecimal(5), rs.getInt(6)))
                        : Optional.empty();
            }
        }
    }

    /** Adds the quantity to the cart's item of that product, or a new item; returns the item id. */
    int addItem(Connection connection, int quoteId, ProductOffer product, BigDecimal qty) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE quote_item SET qty = qty + ?, price = ?, name = ? WHERE quote_id = ? AND product_id = ? RETURNING item_id")) {
            update.setBigDecimal(1, qty);
            update.setBigDecimal(2, product.price());
            update.setString(3, product.name());
            update.setInt(4, quoteId);
            update.setLong(5, product.id());
            try (ResultSet rs = update.executeQuery()) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO quote_item (quote_id, product_id, sku, name, product_type, price, qty) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " RETURNING item_id")) {
            insert.setInt(1, quoteId);
            insert.setLong(2, product.id());
            insert.setString(3, product.sku());
            insert.setString(4, product.name());
            insert.setString(5, product.typeId());
            insert.setBigDecimal(6, product.price());
            insert.setBigDecimal(7, qty);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void touch(Connection connection, int quoteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE quote SET updated_at = now() WHERE id = ?")) {
            statement.setInt(1, quoteId);
            statement.executeUpdate();
        }
    }

    List<ItemRow> items(Connection connection, int quoteId) throws SQLException {
        List<ItemRow> out = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT item_id, quote_id, sku, name, product_type, price, qty FROM quote_item WHERE quote_id = ? ORDER BY item_id")) {
            statement.setInt(1, quoteId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(new ItemRow(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBigDecimal(6), rs.getBigDecimal(7)));
                }
            }
        }
        return out;
    }

    /** Sets an item's quantity; false when the cart has no such item. */
    boolean setQty(Connection connection, int quoteId, int itemId, BigDecimal qty) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE quote_item SET qty = ? WHERE quote_id = ? AND item_id = ?")) {
            statement.setBigDecimal(1, qty);
            statement.setInt(2, quoteId);
            statement.setInt(3, itemId);
            return statement.executeUpdate() == 1;
        }
    }

    /** Removes an item; false when the cart has no such item. */
    boolean deleteItem(Connection connection, int quoteId, int itemId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM quote_item WHERE quote_id = ? AND item_id = ?")) {
            statement.setInt(1, quoteId);
            statement.setInt(2, itemId);
            return statement.executeUpdate() == 1;
        }
    }
}
