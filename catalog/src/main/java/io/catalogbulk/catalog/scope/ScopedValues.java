package io.catalogbulk.catalog.scope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/**
 * Store-scoped values of an entity kept as JSON objects per store: a row for store 0 holds the global values,
 * a row for another store only the keys that store overrides. Reads merge global then store (store wins), so
 * a store without its own value sees the global one, which is the contract's store-scope table (api.md §2).
 * The table and column names are fixed by the calling code, never taken from a request.
 */
public final class ScopedValues {

    private final String table;
    private final String entityColumn;
    private final List<String> columns;

    /**
     * @param columns the jsonb columns of the table (e.g. {@code fields}, {@code custom_attributes}); each is
     *                merged key by key
     */
    public ScopedValues(String table, String entityColumn, List<String> columns) {
        this.table = table;
        this.entityColumn = entityColumn;
        this.columns = List.copyOf(columns);
    }

    /** Writes the given keys of a store (0: global), keeping the keys it does not mention. */
    public void write(Connection connection, long entityId, int storeId, Map<String, ObjectNode> values) throws SQLException {
        boolean any = values.values().stream().anyMatch(v -> v != null && !v.isEmpty());
        if (!any) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(entityColumn).append(", store_id");
        columns.forEach(c -> sql.append(", ").append(c));
        sql.append(") VALUES (?, ?");
        columns.forEach(c -> sql.append(", ?::jsonb"));
        sql.append(") ON CONFLICT (").append(entityColumn).append(", store_id) DO UPDATE SET ");
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(c).append(" = ").append(table).append('.').append(c).append(" || excluded.").append(c);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setLong(1, entityId);
            statement.setInt(2, storeId);
            for (int i = 0; i < columns.size(); i++) {
                ObjectNode value = values.get(columns.get(i));
                statement.setString(3 + i, value == null ? "{}" : Json.string(withoutNullKeys(value)));
            }
            statement.executeUpdate();
        }
    }

    /** The values a store sees, per column: global values overlaid by the store's own (store 0: global only). */
    public Map<String, ObjectNode> read(Connection connection, long entityId, int storeId) throws SQLException {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        columns.forEach(c -> out.put(c, Json.NODES.objectNode()));
        StringBuilder sql = new StringBuilder("SELECT store_id");
        columns.forEach(c -> sql.append(", ").append(c).append("::text"));
        sql.append(" FROM ").append(table).append(" WHERE ").append(entityColumn)
                .append(" = ? AND store_id IN (0, ?) ORDER BY store_id");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setLong(1, entityId);
            statement.setInt(2, storeId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        JsonNode stored = Json.parse(rs.getString(2 + i));
                        out.get(columns.get(i)).setAll((ObjectNode) stored);
                    }
                }
            }
        }
        return out;
    }


    /** A JSON null in a request means "no value": it is not stored, so the store keeps inheriting. */
    private static ObjectNode withoutNullKeys(ObjectNode value) {
        ObjectNode copy = value.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext(); ) {
            if (it.next().getValue().isNull()) {
                it.remove();
            }
        }
        return copy;
    }
}
