package io.catalogbulk.catalog.category;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.scope.ScopedValues;
import io.catalogbulk.core.webapi.Json;

/** Categories, their store-scoped values and their product links in PostgreSQL. */
@ApplicationScoped
public class CategoryRepository {

    static final String FIELDS = "fields";
    static final String CUSTOM_ATTRIBUTES = "custom_attributes";

    static final ScopedValues VALUES = new ScopedValues("catalog_category_store_value", "category_id",
            List.of(FIELDS, CUSTOM_ATTRIBUTES));

    /** The unscoped columns of a category. */
    record CategoryRow(int id, Integer parentId, String path, int level, int position, boolean includeInMenu,
            List<String> availableSortBy, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** Reads and locks a category row, so concurrent writers of one category serialize. */
    Optional<CategoryRow> lock(Connection connection, int id) throws SQLException {
        return row(connection, id, " FOR UPDATE");
    }

    Optional<CategoryRow> find(Connection connection, int id) throws SQLException {
        return row(connection, id, "");
    }

    private Optional<CategoryRow> row(Connection connection, int id, String suffix) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, parent_id, path, level, position, include_in_menu, available_sort_by, created_at, updated_at"
                        + " FROM catalog_category WHERE id = ?" + suffix)) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int parent = rs.getInt(2);
                Integer parentId = rs.wasNull() ? null : parent;
                Array sortBy = rs.getArray(7);
                List<String> sort = null;
                if (sortBy != null) {
                    sort = new ArrayList<>();
                    for (Object o : (Object[]) sortBy.getArray()) {
                        sort.add(String.valueOf(o));
                    }
                }
                return Optional.of(new CategoryRow(rs.getInt(1), parentId, rs.getString(3), rs.getInt(4), rs.getInt(5),
                        rs.getBoolean(6), sort, rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class)));
            }
        }
    }

    /** Inserts a category below its (locked) parent; path and level follow from the parent. */
    int insert(Connection connection, CategoryRow parent, Integer position, boolean includeInMenu, List<String> sortBy)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_category (parent_id, path, level, position, include_in_menu, available_sort_by)"
                        // After the last sibling; a sibling at the largest position an int holds is joined, not overflowed.
                        + " VALUES (?, '', ?, coalesce(?, (SELECT least(coalesce(max(position), 0)::bigint + 1, 2147483647)::int"
                        + " FROM catalog_category WHERE parent_id = ?)), ?, ?)"
                        + " RETURNING id")) {
            statement.setInt(1, parent.id());
            statement.setInt(2, parent.level() + 1);
            statement.setObject(3, position);
            statement.setInt(4, parent.id());
            statement.setBoolean(5, includeInMenu);
            statement.setArray(6, sortBy == null ? null : connection.createArrayOf("text", sortBy.toArray()));
            int id;
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                id = rs.getInt(1);
            }
            try (PreparedStatement path = connection.prepareStatement("UPDATE catalog_category SET path = ? WHERE id = ?")) {
                path.setString(1, parent.path() + "/" + id);
                path.setInt(2, id);
                path.executeUpdate();
            }
            return id;
        }
    }

    void updateGlobal(Connection connection, int id, Integer position, Boolean includeInMenu, List<String> sortBy)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE catalog_category SET position = coalesce(?, position), include_in_menu = coalesce(?, include_in_menu),"
                        + " available_sort_by = coalesce(?, available_sort_by), updated_at = now() WHERE id = ?")) {
            statement.setObject(1, position);
            statement.setObject(2, includeInMenu);
            statement.setArray(3, sortBy == null ? null : connection.createArrayOf("text", sortBy.toArray()));
            statement.setInt(4, id);
            statement.executeUpdate();
        }
    }

    void writeValues(Connection connection, int id, int storeId, ObjectNode fields, ObjectNode customAttributes)
            throws SQLException {
        VALUES.write(connection, id, storeId, Map.of(FIELDS, fields, CUSTOM_ATTRIBUTES, customAttributes));
    }

    Map<String, ObjectNode> values(Connection connection, int id, int storeId) throws SQLException {
        return VALUES.read(connection, id, storeId);
    }

    /**
     * Whether a sibling of the parent (other than {@code exceptId}) has this url_key as the given store sees it:
     * Magento builds the category URL from the parent's path and the key, so two siblings may not share one.
     */
    boolean urlKeyTaken(Connection connection, int parentId, Integer exceptId, int storeId, String urlKey) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM catalog_category c"
                        + " LEFT JOIN catalog_category_store_value g ON g.category_id = c.id AND g.store_id = 0"
                        + " LEFT JOIN catalog_category_store_value s ON s.category_id = c.id AND s.store_id = ?"
                        + " WHERE c.parent_id = ? AND c.id <> ? AND lower(coalesce(s.custom_attributes ->> 'url_key',"
                        + " g.custom_attributes ->> 'url_key')) = lower(?)")) {
            statement.setInt(1, storeId);
            statement.setInt(2, parentId);
            statement.setInt(3, exceptId == null ? -1 : exceptId);
            statement.setString(4, urlKey);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Child ids in position order. */
    /** One category of a tree: its place and how many products are linked to it directly. */
    record TreeRow(int id, int parentId, int position, int level, int productCount) {
    }

    /** The categories below a path (not the one at it), parents before children, siblings in position order. */
    List<TreeRow> subtree(Connection connection, String path) throws SQLException {
        List<TreeRow> out = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.id, c.parent_id, c.position, c.level,"
                        + " (SELECT count(*) FROM catalog_category_product p WHERE p.category_id = c.id)::int"
                        + " FROM catalog_category c WHERE c.path LIKE ? ORDER BY c.level, c.position, c.id")) {
            statement.setString(1, path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(new TreeRow(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
                }
            }
        }
        return out;
    }

    int productCount(Connection connection, int categoryId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*)::int FROM catalog_category_product WHERE category_id = ?")) {
            statement.setInt(1, categoryId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    List<Integer> children(Connection connection, int id) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM catalog_category WHERE parent_id = ? ORDER BY position, id")) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }

    /** Deletes a category and (by the foreign key) its subtree and product links. */
    boolean delete(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM catalog_category WHERE id = ?")) {
            statement.setInt(1, id);
            return statement.executeUpdate() > 0;
        }
    }

    Optional<Long> productId(Connection connection, String sku) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM catalog_product WHERE lower(sku) = lower(?) FOR SHARE")) {
            statement.setString(1, sku);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The child of a category whose global name is {@code name} (case-insensitively), the lowest id if several. */
    Optional<Integer> childByName(Connection connection, int parentId, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.id FROM catalog_category c JOIN catalog_category_store_value v ON v.category_id = c.id AND v.store_id = 0"
                        + " WHERE c.parent_id = ? AND lower(v.fields->>'name') = lower(?) ORDER BY c.id LIMIT 1")) {
            statement.setInt(1, parentId);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    /** The children of a category by lower-case global name (the lowest id of a name, as {@link #childByName}). */
    Map<String, Integer> childrenByName(Connection connection, int parentId) throws SQLException {
        Map<String, Integer> children = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.id, v.fields->>'name' FROM catalog_category c JOIN catalog_category_store_value v ON v.category_id = c.id"
                        + " AND v.store_id = 0 WHERE c.parent_id = ? ORDER BY c.id")) {
            statement.setInt(1, parentId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        children.putIfAbsent(rs.getString(2).toLowerCase(Locale.ROOT), rs.getInt(1));
                    }
                }
            }
        }
        return children;
    }

    void linkIfMissing(Connection connection, int categoryId, long productId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_category_product (category_id, product_id, position) VALUES (?, ?, 0)"
                        + " ON CONFLICT (category_id, product_id) DO NOTHING")) {
            statement.setInt(1, categoryId);
            statement.setLong(2, productId);
            statement.executeUpdate();
        }
    }

    void link(Connection connection, int categoryId, long productId, int position) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_category_product (category_id, product_id, position) VALUES (?, ?, ?)"
                        + " ON CONFLICT (category_id, product_id) DO UPDATE SET position = excluded.position")) {
            statement.setInt(1, categoryId);
            statement.setLong(2, productId);
            statement.setInt(3, position);
            statement.executeUpdate();
        }
    }

    /** A product's category links as Magento's extension_attributes.category_links shows them. */
    public static ArrayNode links(Connection connection, long productId) throws SQLException {
        return links(connection, List.of(productId)).getOrDefault(productId, Json.NODES.arrayNode());
    }

    /** The category links of each product that has any, in category id order, in one statement. */
    public static Map<Long, ArrayNode> links(Connection connection, Collection<Long> productIds) throws SQLException {
        Map<Long, ArrayNode> out = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT product_id, category_id, position"
                + " FROM catalog_category_product WHERE product_id = ANY (?) ORDER BY product_id, category_id")) {
            statement.setArray(1, connection.createArrayOf("bigint", productIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ObjectNode link = out.computeIfAbsent(rs.getLong(1), id -> Json.NODES.arrayNode()).addObject();
                    link.put("position", rs.getInt(3));
                    link.put("category_id", String.valueOf(rs.getInt(2)));
                }
            }
        }
        return out;
    }

    static ObjectNode attributeMap(JsonNode list) {
        ObjectNode map = Json.NODES.objectNode();
        if (list != null) {
            for (JsonNode attribute : list) {
                map.set(attribute.get("attribute_code").asText(), attribute.get("value"));
            }
        }
        return map;
    }
}
