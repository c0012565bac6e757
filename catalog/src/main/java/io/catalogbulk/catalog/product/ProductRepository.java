package io.catalogbulk.catalog.product;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/**
 * Products in PostgreSQL. Writes go through {@link #lockBySku} first: the row lock on the product (by its
 * case-insensitive SKU) serializes concurrent writers of one product, so parallel workers never interleave
 * partial updates.
 */
@ApplicationScoped
public class ProductRepository {

    /** The global columns of a locked product. */
    record ProductRow(long id, String sku, String typeId, int attributeSetId, BigDecimal weight) {
    }

    Optional<ProductRow> lockBySku(Connection connection, String sku) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, sku, type_id, attribute_set_id, weight FROM catalog_product WHERE lower(sku) = lower(?) FOR UPDATE")) {
            statement.setString(1, sku);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ProductRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5)))
                        : Optional.empty();
            }
        }
    }

    /** Inserts a product; empty when another transaction created the same SKU first. */
    Optional<Long> insert(Connection connection, String sku, String typeId, int attributeSetId, BigDecimal weight)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product (sku, type_id, attribute_set_id, weight) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT ((lower(sku))) DO NOTHING RETURNING id")) {
            statement.setString(1, sku);
            statement.setString(2, typeId);
            statement.setInt(3, attributeSetId);
            statement.setBigDecimal(4, weight);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Updates the global (unscoped) columns that are given, and always updated_at. */
    void updateGlobal(Connection connection, long id, String typeId, Integer attributeSetId, BigDecimal weight)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE catalog_product SET type_id = COALESCE(?, type_id), attribute_set_id = COALESCE(?, attribute_set_id),"
                        + " weight = COALESCE(?, weight), updated_at = now() WHERE id = ?")) {
            statement.setString(1, typeId);
            setInteger(statement, 2, attributeSetId);
            statement.setBigDecimal(3, weight);
            statement.setLong(4, id);
            statement.executeUpdate();
        }
    }

    /** Writes the given values of one store; unset members keep what the store row had. */
    void upsertValues(Connection connection, long productId, int storeId, ProductValues values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_store_value AS v (product_id, store_id, name, price, status, visibility, custom_attributes)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)"
                        + " ON CONFLICT (product_id, store_id) DO UPDATE SET"
                        + " name = COALESCE(EXCLUDED.name, v.name), price = COALESCE(EXCLUDED.price, v.price),"
                        + " status = COALESCE(EXCLUDED.status, v.status), visibility = COALESCE(EXCLUDED.visibility, v.visibility),"
                        + " custom_attributes = v.custom_attributes || EXCLUDED.custom_attributes")) {
            statement.setLong(1, productId);
            statement.setInt(2, storeId);
            statement.setString(3, values.name());
            statement.setBigDecimal(4, values.price());
            setInteger(statement, 5, values.status());
            setInteger(statement, 6, values.visibility());
            statement.setString(7, values.customAttributes() == null ? "{}" : Json.string(values.customAttributes()));
            statement.executeUpdate();
        }
    }

    /** The product as {@code storeId} sees it (store value, else global value). */
    Optional<ProductView> read(Connection connection, String sku, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT p.id, p.sku, p.type_id, p.attribute_set_id, p.weight, p.created_at, p.updated_at,"
                        + " g.name, g.price, g.status, g.visibility, g.custom_attributes,"
                        + " s.name, s.price, s.status, s.visibility, s.custom_attributes"
                        + " FROM catalog_product p"
                        + " JOIN catalog_product_store_value g ON g.product_id = p.id AND g.store_id = 0"
                        + " LEFT JOIN catalog_product_store_value s ON s.product_id = p.id AND s.store_id = ? AND s.store_id <> 0"
                        + " WHERE lower(p.sku) = lower(?)")) {
            statement.setInt(1, storeId);
            statement.setString(2, sku);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, JsonNode> attributes = new LinkedHashMap<>();
                merge(attributes, rs.getString(12));
                merge(attributes, rs.getString(17));
                return Optional.of(new ProductView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getBigDecimal(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                        first(rs.getString(13), rs.getString(8)),
                        first(rs.getBigDecimal(14), rs.getBigDecimal(9)),
                        first(integer(rs, 15), integer(rs, 10)),
                        first(integer(rs, 16), integer(rs, 11)),
                        attributes));
            }
        }
    }

    boolean delete(Connection connection, String sku) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM catalog_product WHERE lower(sku) = lower(?)")) {
            statement.setString(1, sku);
            return statement.executeUpdate() > 0;
        }
    }

    /** SKUs that exist, of the given ones (for tests and diagnostics). */
    public List<String> existingSkus(Connection connection, List<String> skus) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT sku FROM catalog_product WHERE lower(sku) = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("text", skus.stream().map(String::toLowerCase).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                List<String> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
                return found;
            }
        }
    }

    private static void merge(Map<String, JsonNode> target, String json) {
        if (json == null) {
            return;
        }
        JsonNode node = Json.parse(json);
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(e -> target.put(e.getKey(), e.getValue()));
        }
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
