package io.catalogbulk.catalog.product;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.search.SearchField;
import io.catalogbulk.core.search.SqlSearch;
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

    /** The global columns of a product to create. */
    record NewProduct(String sku, String typeId, int attributeSetId, BigDecimal weight) {
    }

    /** The global columns of a product as stored. */
    record StoredProduct(long id, String sku, String typeId, int attributeSetId, BigDecimal weight, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    /** The values of one store row as stored (custom attributes as JSON text). */
    record StoredValues(String name, BigDecimal price, Integer status, Integer visibility, String customAttributes) {
    }

    /**
     * Inserts products with one statement, in the given order (the worker sorts a batch by SKU, so concurrent
     * batches meet on the SKU index in the same order); returns the new rows by lower-case SKU, as stored. A SKU
     * that exists, or that another transaction creates first, is left out.
     */
    Map<String, StoredProduct> insertAll(Connection connection, List<NewProduct> products) throws SQLException {
        String[] skus = new String[products.size()];
        String[] types = new String[products.size()];
        Integer[] sets = new Integer[products.size()];
        BigDecimal[] weights = new BigDecimal[products.size()];
        for (int i = 0; i < products.size(); i++) {
            NewProduct product = products.get(i);
            skus[i] = product.sku();
            types[i] = product.typeId();
            sets[i] = product.attributeSetId();
            weights[i] = product.weight();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product (sku, type_id, attribute_set_id, weight)"
                        + " SELECT s, t, a, w FROM unnest(?::text[], ?::text[], ?::int[], ?::numeric[]) WITH ORDINALITY AS n(s, t, a, w, o)"
                        + " ORDER BY o"
                        + " ON CONFLICT ((lower(sku))) DO NOTHING"
                        + " RETURNING id, sku, type_id, attribute_set_id, weight, created_at, updated_at")) {
            statement.setArray(1, connection.createArrayOf("text", skus));
            statement.setArray(2, connection.createArrayOf("text", types));
            statement.setArray(3, connection.createArrayOf("int4", sets));
            statement.setArray(4, connection.createArrayOf("numeric", weights));
            Map<String, StoredProduct> inserted = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    inserted.put(rs.getString(2).toLowerCase(), new StoredProduct(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getInt(4), rs.getBigDecimal(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class)));
                }
            }
            return inserted;
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

    /**
     * {@link #upsertValues} for many products of one store, in one statement (each product at most once); returns
     * the rows as stored, by product id.
     */
    Map<Long, StoredValues> upsertValuesAll(Connection connection, List<Long> productIds, int storeId, List<ProductValues> values) throws SQLException {
        int n = productIds.size();
        String[] names = new String[n];
        BigDecimal[] prices = new BigDecimal[n];
        Integer[] statuses = new Integer[n];
        Integer[] visibilities = new Integer[n];
        String[] attributes = new String[n];
        for (int i = 0; i < n; i++) {
            ProductValues v = values.get(i);
            names[i] = v.name();
            prices[i] = v.price();
            statuses[i] = v.status();
            visibilities[i] = v.visibility();
            attributes[i] = v.customAttributes() == null ? "{}" : Json.string(v.customAttributes());
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_store_value AS v (product_id, store_id, name, price, status, visibility, custom_attributes)"
                        + " SELECT u.p, ?, u.n, u.pr, u.st, u.vi, u.ca::jsonb"
                        + " FROM unnest(?::bigint[], ?::text[], ?::numeric[], ?::int[], ?::int[], ?::text[]) AS u(p, n, pr, st, vi, ca)"
                        + " ON CONFLICT (product_id, store_id) DO UPDATE SET"
                        + " name = COALESCE(EXCLUDED.name, v.name), price = COALESCE(EXCLUDED.price, v.price),"
                        + " status = COALESCE(EXCLUDED.status, v.status), visibility = COALESCE(EXCLUDED.visibility, v.visibility),"
                        + " custom_attributes = v.custom_attributes || EXCLUDED.custom_attributes"
                        + " RETURNING product_id, name, price, status, visibility, custom_attributes::text")) {
            statement.setInt(1, storeId);
            statement.setArray(2, connection.createArrayOf("int8", productIds.toArray(new Long[0])));
            statement.setArray(3, connection.createArrayOf("text", names));
            statement.setArray(4, connection.createArrayOf("numeric", prices));
            statement.setArray(5, connection.createArrayOf("int4", statuses));
            statement.setArray(6, connection.createArrayOf("int4", visibilities));
            statement.setArray(7, connection.createArrayOf("text", attributes));
            Map<Long, StoredValues> stored = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getLong(1), new StoredValues(rs.getString(2), rs.getBigDecimal(3), integer(rs, 4), integer(rs, 5),
                            rs.getString(6)));
                }
            }
            return stored;
        }
    }

    /**
     * A product as one store sees it: each store-scoped value from the store's row, else from the global row
     * ({@code store} null or all-null when the store has no row). {@link #read} builds it from its join; a
     * set-based save from what its inserts returned.
     */
    static ProductView view(StoredProduct product, StoredValues global, StoredValues store) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        merge(attributes, global.customAttributes());
        StoredValues own = store == null ? new StoredValues(null, null, null, null, null) : store;
        merge(attributes, own.customAttributes());
        return new ProductView(product.id(), product.sku(), product.typeId(), product.attributeSetId(), product.weight(),
                product.createdAt(), product.updatedAt(), first(own.name(), global.name()), first(own.price(), global.price()),
                first(own.status(), global.status()), first(own.visibility(), global.visibility()), attributes);
    }

    /** Columns and joins of a product as one store sees it; the store id is the first bound parameter. */
    private static final String VIEW_SELECT =
            "SELECT p.id, p.sku, p.type_id, p.attribute_set_id, p.weight, p.created_at, p.updated_at,"
                    + " g.name, g.price, g.status, g.visibility, g.custom_attributes,"
                    + " s.name, s.price, s.status, s.visibility, s.custom_attributes"
                    + " FROM catalog_product p"
                    + " JOIN catalog_product_store_value g ON g.product_id = p.id AND g.store_id = 0"
                    + " LEFT JOIN catalog_product_store_value s ON s.product_id = p.id AND s.store_id = ? AND s.store_id <> 0";

    /** The searchable fields of GET /V1/products: store-scoped ones resolve store value, then global value. */
    static final Map<String, SearchField> SEARCH_FIELDS = searchFields();

    private static Map<String, SearchField> searchFields() {
        Map<String, SearchField> fields = new LinkedHashMap<>();
        fields.put("entity_id", new SearchField("entity_id", "p.id", SearchField.ValueType.INTEGER));
        fields.put("sku", new SearchField("sku", "p.sku", SearchField.ValueType.TEXT));
        fields.put("name", new SearchField("name", "COALESCE(s.name, g.name)", SearchField.ValueType.TEXT));
        fields.put("type_id", new SearchField("type_id", "p.type_id", SearchField.ValueType.TEXT));
        fields.put("status", new SearchField("status", "COALESCE(s.status, g.status)", SearchField.ValueType.INTEGER));
        fields.put("visibility", new SearchField("visibility", "COALESCE(s.visibility, g.visibility)", SearchField.ValueType.INTEGER));
        fields.put("attribute_set_id", new SearchField("attribute_set_id", "p.attribute_set_id", SearchField.ValueType.INTEGER));
        fields.put("created_at", new SearchField("created_at", "p.created_at", SearchField.ValueType.TIMESTAMP));
        fields.put("updated_at", new SearchField("updated_at", "p.updated_at", SearchField.ValueType.TIMESTAMP));
        return Collections.unmodifiableMap(fields);
    }

    /** The product as {@code storeId} sees it (store value, else global value). */
    Optional<ProductView> read(Connection connection, String sku, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(VIEW_SELECT + " WHERE lower(p.sku) = lower(?)")) {
            statement.setInt(1, storeId);
            statement.setString(2, sku);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    /** One page of products matching the search, as {@code storeId} sees them. */
    List<ProductView> search(Connection connection, SqlSearch search, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(VIEW_SELECT + " WHERE " + search.where()
                + " ORDER BY " + search.orderBy() + " LIMIT ? OFFSET ?")) {
            statement.setInt(1, storeId);
            int next = search.bind(statement, 2);
            statement.setInt(next, search.limit());
            statement.setInt(next + 1, search.offset());
            List<ProductView> views = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    views.add(view(rs));
                }
            }
            return views;
        }
    }

    /** How many products match the search (every page). */
    long count(Connection connection, SqlSearch search, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM (" + VIEW_SELECT + " WHERE " + search.where() + ") matching")) {
            statement.setInt(1, storeId);
            search.bind(statement, 2);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The products with these ids, as {@code storeId} sees them, in id order. */
    List<ProductView> readByIds(Connection connection, List<Long> ids, int storeId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(VIEW_SELECT + " WHERE p.id = ANY (?) ORDER BY p.id")) {
            statement.setInt(1, storeId);
            statement.setArray(2, connection.createArrayOf("bigint", ids.toArray()));
            List<ProductView> views = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    views.add(view(rs));
                }
            }
            return views;
        }
    }

    private static ProductView view(ResultSet rs) throws SQLException {
        return view(new StoredProduct(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class)),
                new StoredValues(rs.getString(8), rs.getBigDecimal(9), integer(rs, 10), integer(rs, 11), rs.getString(12)),
                new StoredValues(rs.getString(13), rs.getBigDecimal(14), integer(rs, 15), integer(rs, 16), rs.getString(17)));
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
