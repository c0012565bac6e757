package io.catalogbulk.catalog.cms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** CMS pages and blocks in PostgreSQL; the table names come from {@link CmsKind}, never from a request. */
@ApplicationScoped
public class CmsRepository {

    record CmsRow(int id, String identifier, OffsetDateTime creationTime, OffsetDateTime updateTime) {
    }

    Optional<CmsRow> lock(Connection connection, CmsKind kind, int id) throws SQLException {
        return row(connection, kind, id, " FOR UPDATE");
    }

    Optional<CmsRow> find(Connection connection, CmsKind kind, int id) throws SQLException {
        return row(connection, kind, id, "");
    }

    private Optional<CmsRow> row(Connection connection, CmsKind kind, int id, String suffix) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, identifier, creation_time, update_time FROM " + kind.table() + " WHERE id = ?" + suffix)) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next()
                        ? Optional.of(new CmsRow(rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                                rs.getObject(4, OffsetDateTime.class)))
                        : Optional.empty();
            }
        }
    }

    boolean identifierTaken(Connection connection, CmsKind kind, String identifier, int exceptId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM " + kind.table() + " WHERE lower(identifier) = lower(?) AND id <> ?")) {
            statement.setString(1, identifier);
            statement.setInt(2, exceptId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Inserts a page or block; empty when a concurrent transaction took the identifier first. */
    Optional<Integer> insert(Connection connection, CmsKind kind, String identifier) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO " + kind.table() + " (identifier) VALUES (?) ON CONFLICT ((lower(identifier))) DO NOTHING RETURNING id")) {
            statement.setString(1, identifier);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    void update(Connection connection, CmsKind kind, int id, String identifier) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE " + kind.table() + " SET identifier = coalesce(?, identifier), update_time = now() WHERE id = ?")) {
            statement.setString(1, identifier);
            statement.setInt(2, id);
            statement.executeUpdate();
        }
    }

    boolean delete(Connection connection, CmsKind kind, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + kind.table() + " WHERE id = ?")) {
            statement.setInt(1, id);
            return statement.executeUpdate() > 0;
        }
    }

    void writeValues(Connection connection, CmsKind kind, int id, int storeId, ObjectNode fields) throws SQLException {
        kind.values().write(connection, id, storeId, Map.of(CmsKind.FIELDS, fields));
    }

    ObjectNode values(Connection connection, CmsKind kind, int id, int storeId) throws SQLException {
        return kind.values().read(connection, id, storeId).get(CmsKind.FIELDS);
    }
}
