package io.catalogbulk.catalog.cms;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.search.SearchField;
import io.catalogbulk.core.search.SqlSearch;

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

    /**
     * What a page or block search may filter and sort on, by Magento's names: the id column (page_id, block_id),
     * identifier, the store-scoped title and is_active (1 or 0) as the searching store sees them, and the times.
     */
    static Map<String, SearchField> searchFields(CmsKind kind) {
        Map<String, SearchField> fields = new LinkedHashMap<>();
        String id = kind.body() + "_id";
        fields.put(id, new SearchField(id, "c.id", SearchField.ValueType.INTEGER));
        fields.put("identifier", new SearchField("identifier", "c.identifier", SearchField.ValueType.TEXT));
        fields.put("title", new SearchField("title", MERGED + "->>'title'", SearchField.ValueType.TEXT));
        fields.put("is_active", new SearchField("is_active",
                "(CASE WHEN coalesce((" + MERGED + "->>'active')::boolean, true) THEN 1 ELSE 0 END)", SearchField.ValueType.INTEGER));
        fields.put("creation_time", new SearchField("creation_time", "c.creation_time", SearchField.ValueType.TIMESTAMP));
        fields.put("update_time", new SearchField("update_time", "c.update_time", SearchField.ValueType.TIMESTAMP));
        return Collections.unmodifiableMap(fields);
    }

    /** The global values (g) overlaid by the searching store's (s), as {@link io.catalogbulk.catalog.scope.ScopedValues} reads them. */
    private static final String MERGED = "(coalesce(g.fields, '{}'::jsonb) || coalesce(s.fields, '{}'::jsonb))";

    /** Pages or blocks and their values as one store sees them; the value table is {table}_store_value keyed by {body}_id. */
    private static String from(CmsKind kind) {
        String values = kind.table() + "_store_value";
        String key = kind.body() + "_id";
        return " FROM " + kind.table() + " c"
                + " LEFT JOIN " + values + " g ON g." + key + " = c.id AND g.store_id = 0"
                + " LEFT JOIN " + values + " s ON s." + key + " = c.id AND s.store_id = ?";
    }

    /** The ids of one page of a search, in its order. */
    List<Integer> search(Connection connection, CmsKind kind, SqlSearch search, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.id" + from(kind) + " WHERE " + search.where()
                + " ORDER BY " + search.orderBy() + " LIMIT ? OFFSET ?")) {
            statement.setInt(1, storeId);
            int next = search.bind(statement, 2);
            statement.setInt(next, search.limit());
            statement.setInt(next + 1, search.offset());
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        }
    }

    /** How many pages or blocks match the search (every page of it). */
    long count(Connection connection, CmsKind kind, SqlSearch search, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*)" + from(kind) + " WHERE " + search.where())) {
            statement.setInt(1, storeId);
            search.bind(statement, 2);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
