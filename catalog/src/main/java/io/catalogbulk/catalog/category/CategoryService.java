package io.catalogbulk.catalog.category;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.product.ProductService;
import io.catalogbulk.catalog.store.StoreRepository;
import io.catalogbulk.catalog.urlkey.ProductUrlKeys;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Category handlers (Magento's CategoryRepositoryInterface and CategoryLinkRepositoryInterface). The tree
 * starts at root 1 and the default category 2; a new category goes below its parent (default 2), which
 * must exist. Name, is_active and the custom attributes are store-scoped, the rest global.
 */
@ApplicationScoped
@Unremovable
public class CategoryService {

    static final int ROOT_ID = 1;
    static final int DEFAULT_CATEGORY_ID = 2;
    static final String COULD_NOT_SAVE = "Could not save category: %1";
    static final String URL_KEY_TAKEN = "URL key for specified store already exists.";

    @Inject
    CategoryRepository repository;

    @Inject
    StoreRepository stores;

    /** POST /V1/categories and PUT /V1/categories/:id (the URL id is copied into category.id). */
    public JsonNode save(OperationContext context, ObjectNode params) throws SQLException {
        ObjectNode category = (ObjectNode) params.get("category");
        Connection connection = context.connection();
        int id;
        if (category.hasNonNull("id")) {
            id = category.get("id").asInt();
            CategoryRepository.CategoryRow row = repository.lock(connection, id)
                    .orElseThrow(() -> WebapiException.noSuchEntity("id", category.get("id").asInt()));
            update(context, row, category);
        } else {
            id = create(context, category);
        }
        return read(connection, id, context.scope().readStoreId());
    }

    private int create(OperationContext context, ObjectNode category) throws SQLException {
        Connection connection = context.connection();
        String name = Json.text(category, "name");
        if (name == null || name.isBlank()) {
            throw couldNotSave("The \"Name\" attribute value is empty. Set the attribute and try again.");
        }
        int parentId = category.path("parent_id").asInt(DEFAULT_CATEGORY_ID);
        CategoryRepository.CategoryRow parent = repository.lock(connection, parentId)
                .orElseThrow(() -> couldNotSave("The parent category " + parentId + " doesn't exist."));
        ObjectNode attributes = CategoryRepository.attributeMap(category.get("custom_attributes"));
        String urlKey = attributes.hasNonNull("url_key") ? attributes.get("url_key").asText() : slug(name);
        attributes.put("url_key", urlKey);
        if (repository.urlKeyTaken(connection, parentId, null, context.scope().readStoreId(), urlKey)
                || repository.urlKeyTaken(connection, parentId, null, StoreScope.ADMIN_STORE_ID, urlKey)) {
            throw couldNotSave(URL_KEY_TAKEN);
        }
        if (!attributes.has("url_path")) {
            String parentPath = parent.level() >= 2
                    ? repository.values(connection, parent.id(), StoreScope.ADMIN_STORE_ID).get(CategoryRepository.CUSTOM_ATTRIBUTES)
                            .path("url_path").asText(null)
                    : null;
            attributes.put("url_path", parentPath == null ? urlKey : parentPath + "/" + urlKey);
        }
        int id = repository.insert(connection, parent, category.has("position") ? category.get("position").asInt() : null,
                category.path("include_in_menu").asBoolean(true), sortBy(category));
        ObjectNode fields = scopedFields(category);
        ObjectNode global = fields.deepCopy();
        if (!global.hasNonNull("is_active")) {
            global.put("is_active", true);
        }
        repository.writeValues(connection, id, StoreScope.ADMIN_STORE_ID, global, attributes);
        if (context.scope().createAlsoWritesStoreValues()) {
            repository.writeValues(connection, id, context.scope().storeId(), fields, attributes);
        }
        return id;
    }

    private void update(OperationContext context, CategoryRepository.CategoryRow row, ObjectNode category) throws SQLException {
        Connection connection = context.connection();
        if (category.hasNonNull("parent_id") && row.parentId() != null && category.get("parent_id").asInt() != row.parentId()) {
            throw couldNotSave("The parent of category " + row.id() + " is " + row.parentId()
                    + "; saving a category does not move it.");
        }
        if (category.has("name") && category.get("name").asText().isBlank()) {
            throw couldNotSave("The \"Name\" attribute value is empty. Set the attribute and try again.");
        }
        int storeId = context.scope().updateStoreId();
        ObjectNode attributes = CategoryRepository.attributeMap(category.get("custom_attributes"));
        if (attributes.hasNonNull("url_key") && row.parentId() != null) {
            // Siblings renamed at the same time serialize here (a create already holds the parent's row lock).
            ProductUrlKeys.lock(connection, "category-url-key:" + row.parentId() + ":"
                    + attributes.get("url_key").asText());
        }
        if (attributes.hasNonNull("url_key") && row.parentId() != null
                && repository.urlKeyTaken(connection, row.parentId(), row.id(), storeId, attributes.get("url_key").asText())) {
            throw couldNotSave(URL_KEY_TAKEN);
        }
        repository.updateGlobal(connection, row.id(), category.has("position") ? category.get("position").asInt() : null,
                category.has("include_in_menu") ? category.get("include_in_menu").asBoolean() : null, sortBy(category));
        repository.writeValues(connection, row.id(), storeId, scopedFields(category), attributes);
    }

    /**
     * The category at a path of names from the root catalog (Magento's import column {@code categories}:
     * {@code Default Category/Gear/Bags}), each missing level created as POST /V1/categories creates a category (global
     * name, url_key from the name). Names compare case-insensitively with the global names. A missing level is created
     * under its parent's row lock, so two imports creating the same path create it once.
     */
    public int ensurePath(OperationContext context, List<String> names) throws SQLException {
        return ensurePath(context, names, null);
    }

    /**
     * The children of categories by lower-case global name, each parent's read with one statement when a path first
     * passes through it: what the rows of one import batch resolve their paths against (a batch names a few paths
     * many times). Kept for one transaction only, so a category renamed or moved later is read afresh.
     */
    public static final class KnownChildren {
        private final Map<Integer, Map<String, Integer>> byParent = new HashMap<>();
    }

    /** {@link #ensurePath(OperationContext, List)} resolving existing levels through {@code known} (null: one read per level). */
    public int ensurePath(OperationContext context, List<String> names, KnownChildren known) throws SQLException {
        Connection connection = context.connection();
        int parentId = ROOT_ID;
        OperationContext global = new OperationContext(connection, StoreScope.all(), context.caller(), context.asynchronous());
        for (String name : names) {
            // The path almost always exists (every row of an import names the same few): read it without a lock, so
            // parallel batches do not queue on the root category's row lock until each one's commit. Only a missing
            // level is created under its parent's lock, and looked up again once the lock is held (READ COMMITTED: a
            // level another transaction created and committed meanwhile is seen then, so it is not created twice).
            Map<String, Integer> children = null;
            Optional<Integer> child;
            if (known == null) {
                child = repository.childByName(connection, parentId, name);
            } else {
                children = known.byParent.get(parentId);
                if (children == null) {
                    children = repository.childrenByName(connection, parentId);
                    known.byParent.put(parentId, children);
                }
                child = Optional.ofNullable(children.get(name.toLowerCase(Locale.ROOT)));
            }
            if (child.isEmpty()) {
                repository.lock(connection, parentId).orElseThrow(() -> new IllegalStateException("The root category is missing"));
                child = repository.childByName(connection, parentId, name);
            }
            int childId;
            if (child.isPresent()) {
                childId = child.get();
            } else {
                ObjectNode category = Json.NODES.objectNode();
                category.put("name", name);
                category.put("parent_id", parentId);
                category.put("is_active", true);
                childId = create(global, category);
            }
            if (children != null) {
                children.putIfAbsent(name.toLowerCase(Locale.ROOT), childId);
            }
            parentId = childId;
        }
        return parentId;
    }

    /** Puts a product into a category unless it is there already (its position there is kept). */
    public void assign(Connection connection, int categoryId, long productId) throws SQLException {
        repository.linkIfMissing(connection, categoryId, productId);
    }

    /** GET /V1/categories/:categoryId (optional ?storeId= overrides the store of the URL). */
    public JsonNode get(OperationContext context, ObjectNode params) throws SQLException {
        int storeId = context.scope().readStoreId();
        if (params.has("storeId")) {
            storeId = params.get("storeId").asInt();
            if (stores.byId(context.connection(), storeId).isEmpty()) {
                throw WebapiException.notFound(Phrase.of(WebapiException.STORE_NOT_FOUND));
            }
        }
        return read(context.connection(), id(params), storeId);
    }

    /**
     * GET /V1/categories (Magento's CategoryManagementInterface::getTree): the category rootCategoryId (default: the
     * default category, as for a store view) with children_data down to depth levels (0: none; default: all),
     * names and is_active as the store of the URL sees them, product_count the products linked to each directly.
     */
    public JsonNode getTree(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        int rootId = params.hasNonNull("rootCategoryId") ? params.get("rootCategoryId").asInt() : DEFAULT_CATEGORY_ID;
        Integer depth = params.hasNonNull("depth") ? params.get("depth").asInt() : null;
        CategoryRepository.CategoryRow root = repository.find(connection, rootId)
                .orElseThrow(() -> WebapiException.noSuchEntity("id", rootId));
        int storeId = context.scope().readStoreId();
        Map<Integer, ObjectNode> nodes = new java.util.HashMap<>();
        ObjectNode top = treeNode(connection, rootId, root.parentId() == null ? 0 : root.parentId(), root.position(),
                root.level(), repository.productCount(connection, rootId), storeId);
        nodes.put(rootId, top);
        if (depth == null || depth > 0) {
            for (CategoryRepository.TreeRow row : repository.subtree(connection, root.path())) {
                if (depth != null && row.level() - root.level() > depth) {
                    break;
                }
                ObjectNode parent = nodes.get(row.parentId());
                if (parent == null) {
                    continue;
                }
                ObjectNode node = treeNode(connection, row.id(), row.parentId(), row.position(), row.level(), row.productCount(), storeId);
                ((ArrayNode) parent.get("children_data")).add(node);
                nodes.put(row.id(), node);
            }
        }
        return top;
    }

    private ObjectNode treeNode(Connection connection, int id, int parentId, int position, int level, int productCount,
            int storeId) throws SQLException {
        ObjectNode fields = repository.values(connection, id, storeId).get(CategoryRepository.FIELDS);
        ObjectNode node = Json.NODES.objectNode();
        node.put("id", id);
        node.put("parent_id", parentId);
        if (fields.hasNonNull("name")) {
            node.put("name", fields.get("name").asText());
        } else {
            node.putNull("name");
        }
        node.put("is_active", fields.path("is_active").asBoolean(true));
        node.put("position", position);
        node.put("level", level);
        node.put("product_count", productCount);
        node.putArray("children_data");
        return node;
    }

    /** DELETE /V1/categories/:categoryId: the category and its subtree; the root and the default category stay. */
    public JsonNode deleteByIdentifier(OperationContext context, ObjectNode params) throws SQLException {
        int id = id(params);
        if (id == ROOT_ID || id == DEFAULT_CATEGORY_ID) {
            throw WebapiException.badRequest(Phrase.positional("Cannot delete category with id %1", String.valueOf(id)));
        }
        repository.lock(context.connection(), id).orElseThrow(() -> WebapiException.noSuchEntity("id", id));
        repository.delete(context.connection(), id);
        return BooleanNode.TRUE;
    }

    /** POST /V1/categories/:categoryId/products: assigns a product (or moves it to a new position); answers true. */
    public JsonNode saveProductLink(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode link = params.get("productLink");
        String given = link.hasNonNull("category_id") ? link.get("category_id").asText() : params.get("categoryId").asText();
        int categoryId;
        try {
            categoryId = Integer.parseInt(given.trim());
        } catch (NumberFormatException e) {
            throw WebapiException.noSuchEntity("id", given);
        }
        Connection connection = context.connection();
        repository.lock(connection, categoryId).orElseThrow(() -> WebapiException.noSuchEntity("id", categoryId));
        if (categoryId == ROOT_ID) {
            throw WebapiException.badRequest(Phrase.positional("Could not save product \"%1\" with position %2 to category %3",
                    link.get("sku").asText(), link.path("position").asInt(0), categoryId));
        }
        long productId = repository.productId(connection, link.get("sku").asText())
                .orElseThrow(() -> WebapiException.notFound(Phrase.of(ProductService.NOT_FOUND)));
        repository.link(connection, categoryId, productId, link.path("position").asInt(0));
        return BooleanNode.TRUE;
    }

    /** CategoryInterface in Magento's key order, as one store sees it. */
    ObjectNode read(Connection connection, int id, int storeId) throws SQLException {
        CategoryRepository.CategoryRow row = repository.find(connection, id)
                .orElseThrow(() -> WebapiException.noSuchEntity("id", id));
        Map<String, ObjectNode> values = repository.values(connection, id, storeId);
        ObjectNode fields = values.get(CategoryRepository.FIELDS);
        ObjectNode out = Json.NODES.objectNode();
        out.put("id", row.id());
        out.put("parent_id", row.parentId() == null ? 0 : row.parentId());
        if (fields.hasNonNull("name")) {
            out.put("name", fields.get("name").asText());
        }
        out.put("is_active", fields.path("is_active").asBoolean(true));
        out.put("position", row.position());
        out.put("level", row.level());
        List<String> children = new ArrayList<>();
        for (Integer child : repository.children(connection, id)) {
            children.add(String.valueOf(child));
        }
        out.put("children", String.join(",", children));
        out.put("created_at", Json.timestamp(row.createdAt()));
        out.put("updated_at", Json.timestamp(row.updatedAt()));
        out.put("path", row.path());
        if (row.availableSortBy() != null) {
            ArrayNode sort = out.putArray("available_sort_by");
            row.availableSortBy().forEach(sort::add);
        }
        out.put("include_in_menu", row.includeInMenu());
        ObjectNode attributes = values.get(CategoryRepository.CUSTOM_ATTRIBUTES);
        attributes.put("children_count", String.valueOf(children.size()));
        ArrayNode list = out.putArray("custom_attributes");
        new TreeMap<String, JsonNode>(toMap(attributes)).forEach((code, value) ->
                list.addObject().put("attribute_code", code).set("value", value));
        return out;
    }

    private static Map<String, JsonNode> toMap(ObjectNode node) {
        Map<String, JsonNode> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private static ObjectNode scopedFields(ObjectNode category) {
        ObjectNode fields = Json.NODES.objectNode();
        if (category.hasNonNull("name")) {
            fields.put("name", category.get("name").asText());
        }
        if (category.hasNonNull("is_active")) {
            fields.put("is_active", category.get("is_active").asBoolean());
        }
        return fields;
    }

    private static List<String> sortBy(ObjectNode category) {
        if (!category.hasNonNull("available_sort_by")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        category.get("available_sort_by").forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Magento's URL key from a name: lower case, every run of other characters one dash. */
    static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "category" : slug;
    }

    private static int id(ObjectNode params) {
        return params.get("categoryId").asInt();
    }

    private static WebapiException couldNotSave(String inner) {
        return WebapiException.badRequest(Phrase.positional(COULD_NOT_SAVE, inner));
    }
}
