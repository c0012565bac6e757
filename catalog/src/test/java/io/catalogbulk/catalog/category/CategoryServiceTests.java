package io.catalogbulk.catalog.category;

import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.text;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.CatalogFixtures.newProduct;
import static io.catalogbulk.catalog.testing.CatalogFixtures.newStore;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.testing.CatalogDb;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Categories: the tree, the store scope table of their values, product links and Magento's rules. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CategoryServiceTests {

    @Inject
    CategoryService categories;

    static int create(String prefix, String name, int parent) {
        return post(prefix + "/V1/categories", "{\"category\":{\"name\":\"" + name + "\",\"parent_id\":" + parent + ",\"is_active\":true}}")
                .statusCode(200).path("id");
    }

    @Test
    void theTreeStartsAtRootOneAndDefaultCategoryTwo() {
        get("/V1/categories/1").statusCode(200).body("level", equalTo(0)).body("path", equalTo("1"))
                .body("name", equalTo("Root Catalog"));
        get("/V1/categories/2").statusCode(200).body("level", equalTo(1)).body("path", equalTo("1/2"))
                .body("parent_id", equalTo(1)).body("name", equalTo("Default Category"));
    }

    @Test
    void theTreeBelowACategoryDepthLevelsDeep() {
        int top = create("", "Tree " + unique("t"), 2);
        int second = create("", "B second", top);
        int first = create("", "A first", top);
        put("/V1/categories/" + first, "{\"category\":{\"position\":0}}").statusCode(200);
        int grandchild = create("", "Grandchild", second);
        String sku = newProduct("Tree product", 5);
        post("/V1/categories/" + second + "/products", "{\"productLink\":{\"sku\":\"" + sku + "\",\"position\":1}}").statusCode(200);

        get("/V1/categories?rootCategoryId=" + top).statusCode(200)
                .body("id", equalTo(top)).body("parent_id", equalTo(2)).body("level", equalTo(2))
                .body("is_active", equalTo(true)).body("product_count", equalTo(0))
                // Siblings in position order.
                .body("children_data.id", contains(first, second))
                .body("children_data[1].name", equalTo("B second"))
                .body("children_data[1].product_count", equalTo(1))
                .body("children_data[1].children_data.id", contains(grandchild))
                .body("children_data[1].children_data[0].children_data", empty());
        get("/V1/categories?rootCategoryId=" + top + "&depth=1").statusCode(200)
                .body("children_data.id", contains(first, second))
                .body("children_data[1].children_data", empty());
        get("/V1/categories?rootCategoryId=" + top + "&depth=0").statusCode(200).body("children_data", empty());
        // Without a root: the default category, with this subtree somewhere below it.
        get("/V1/categories?depth=1").statusCode(200).body("id", equalTo(2)).body("name", equalTo("Default Category"))
                .body("children_data.id", hasItem(top));
        get("/V1/categories?rootCategoryId=987654").statusCode(404)
                .body("parameters.fieldName", equalTo("id"));
    }

    @Test
    void createReadUpdateAndDeleteSynchronously() throws Exception {
        String name = "Tees " + unique("t");
        int id = post("/V1/categories", "{\"category\":{\"name\":\"" + name + "\",\"is_active\":true,\"position\":4,"
                + "\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"Soft\"}]}}").statusCode(200)
                .body("parent_id", equalTo(2)).body("level", equalTo(2)).body("position", equalTo(4))
                .body("name", equalTo(name)).body("is_active", equalTo(true)).body("include_in_menu", equalTo(true))
                .body("custom_attributes.find { it.attribute_code == 'url_key' }.value", equalTo(name.toLowerCase().replace(' ', '-')))
                .body("custom_attributes.find { it.attribute_code == 'description' }.value", equalTo("Soft"))
                .path("id");
        get("/V1/categories/" + id).statusCode(200).body("path", equalTo("1/2/" + id));
        int child = create("", "Child " + unique("c"), id);
        get("/V1/categories/" + id).body("children", equalTo(String.valueOf(child)));
        get("/V1/categories/" + child).body("level", equalTo(3)).body("path", equalTo("1/2/" + id + "/" + child));

        put("/all/V1/categories/" + id, "{\"category\":{\"name\":\"Renamed\",\"include_in_menu\":false}}")
                .statusCode(200).body("name", equalTo("Renamed")).body("include_in_menu", equalTo(false))
                .body("id", equalTo(id));

        delete("/V1/categories/" + id).statusCode(200).body(equalTo("true"));
        get("/V1/categories/" + id).statusCode(404)
                .body("message", equalTo("No such entity with %fieldName = %fieldValue"))
                .body("parameters.fieldName", equalTo("id")).body("parameters.fieldValue", equalTo(id));
        assertEquals(0, count("SELECT count(*) FROM catalog_category WHERE id = ?", id));
        // The subtree went with it.
        get("/V1/categories/" + child).statusCode(404);
    }

    @Test
    void namesFollowTheStoreScopeTable() {
        String store = newStore();
        int id = create("/" + store, "Store made", 2);
        // Created with a store code: global values and that store's values.
        get("/all/V1/categories/" + id).body("name", equalTo("Store made"));
        put("/V1/categories/" + id, "{\"category\":{\"name\":\"Default only\"}}").statusCode(200);
        put("/" + store + "/V1/categories/" + id, "{\"category\":{\"name\":\"Store only\"}}").statusCode(200);
        get("/V1/categories/" + id).body("name", equalTo("Default only"));
        get("/default/V1/categories/" + id).body("name", equalTo("Default only"));
        get("/" + store + "/V1/categories/" + id).body("name", equalTo("Store only"));
        get("/all/V1/categories/" + id).body("name", equalTo("Store made"));
        put("/all/V1/categories/" + id, "{\"category\":{\"name\":\"Everywhere\"}}").statusCode(200);
        get("/all/V1/categories/" + id).body("name", equalTo("Everywhere"));
        get("/" + store + "/V1/categories/" + id).body("name", equalTo("Store only"));
        get("/V1/categories/" + id + "?storeId=0").body("name", equalTo("Everywhere"));
        get("/V1/categories/" + id + "?storeId=987654").statusCode(404);
    }

    @Test
    void businessRulesAnswerMagentosMessages() {
        post("/V1/categories", "{\"category\":{\"name\":\"Orphan\",\"parent_id\":987654}}").statusCode(400)
                .body("message", equalTo("Could not save category: %1"))
                .body("parameters[0]", equalTo("The parent category 987654 doesn't exist."));
        post("/V1/categories", "{\"category\":{\"is_active\":true}}").statusCode(400)
                .body("parameters[0]", equalTo("The \"Name\" attribute value is empty. Set the attribute and try again."));
        String name = "Twin " + unique("u");
        create("", name, 2);
        post("/V1/categories", "{\"category\":{\"name\":\"" + name + "\"}}").statusCode(400)
                .body("message", equalTo("Could not save category: %1"))
                .body("parameters[0]", equalTo("URL key for specified store already exists."));
        delete("/V1/categories/2").statusCode(400)
                .body("message", equalTo("Cannot delete category with id %1")).body("parameters[0]", equalTo("2"));
        put("/V1/categories/987654", "{\"category\":{\"name\":\"x\"}}").statusCode(404);
        delete("/V1/categories/987654").statusCode(404);
        post("/V1/categories", "{\"category\":{\"name\":\"x\",\"is_anchor\":true}}").statusCode(400);
    }

    @Test
    void aProductLinkShowsInTheProductsCategoryLinks() throws Exception {
        String sku = newProduct("Linked tee", 12);
        int id = create("", "Links " + unique("l"), 2);
        post("/V1/categories/" + id + "/products", "{\"productLink\":{\"sku\":\"" + sku + "\",\"position\":3,\"category_id\":\"" + id + "\"}}")
                .statusCode(200).body(equalTo("true"));
        get("/V1/products/" + sku).statusCode(200)
                .body("extension_attributes.category_links[0].category_id", equalTo(String.valueOf(id)))
                .body("extension_attributes.category_links[0].position", equalTo(3));
        assertEquals(1, count("SELECT count(*) FROM catalog_category_product WHERE category_id = ? AND position = 3", id));
        post("/V1/categories/" + id + "/products", "{\"productLink\":{\"sku\":\"no-such-sku-" + id + "\"}}").statusCode(404)
                .body("message", equalTo("The product that was requested doesn't exist. Verify the product and try again."));
        post("/V1/categories/987654/products", "{\"productLink\":{\"sku\":\"" + sku + "\"}}")
                .statusCode(404).body("parameters.fieldName", equalTo("id"));
    }

    @Test
    void namesAreStoredInTheValueRowOfTheirScope() throws Exception {
        String store = newStore();
        int storeId = (int) count("SELECT store_id FROM store WHERE code = ?", store);
        String globalName = "Global " + unique("n");
        int id = create("", globalName, 2);
        put("/" + store + "/V1/categories/" + id, "{\"category\":{\"name\":\"Store name\"}}").statusCode(200);
        put("/V1/categories/" + id, "{\"category\":{\"name\":\"Default name\"}}").statusCode(200);
        assertEquals("Store name", categoryName(id, storeId));
        assertEquals("Default name", categoryName(id, 1));
        assertEquals(globalName, categoryName(id, 0));
        put("/all/V1/categories/" + id, "{\"category\":{\"name\":\"Global name\"}}").statusCode(200);
        assertEquals("Global name", categoryName(id, 0));
        assertEquals("Store name", categoryName(id, storeId));
    }

    /** The category's own name row in one store (0 = global), null when that store has none. */
    static String categoryName(int id, int store) throws Exception {
        return text("SELECT fields ->> 'name' FROM catalog_category_store_value WHERE category_id = ? AND store_id = ?", id, store);
    }

    /**
     * The import's category paths: two transactions creating the same new path create each level once (the second
     * waits for the first's lock on the parent, then finds the level), and reading a path that exists does not wait
     * for another transaction that holds its parent's lock (parallel import batches would otherwise run one at a time).
     */
    @Test
    void ensurePathCreatesAMissingLevelOnceAndReadsAnExistingOneWithoutWaiting() throws Exception {
        String top = "Path " + unique("p");
        List<String> path = List.of("Default Category", top, "Leaf");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection first = CatalogDb.db(); Connection second = CatalogDb.db()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            int created = categories.ensurePath(context(first), path);
            Future<Integer> concurrent = executor.submit(() -> categories.ensurePath(context(second), path));
            Thread.sleep(500);
            assertFalse(concurrent.isDone(), "the second creator waits for the first's lock on the parent");
            first.commit();
            assertEquals(created, concurrent.get(10, TimeUnit.SECONDS));
            second.commit();
            assertEquals(1, count("select count(*) from catalog_category_store_value where store_id = 0 and fields->>'name' = ?", top));

            int other = categories.ensurePath(context(first), List.of("Default Category", "Other " + unique("p")));
            assertEquals(created, executor.submit(() -> categories.ensurePath(context(second), path)).get(5, TimeUnit.SECONDS),
                    "an existing path is read while another transaction holds the lock of Default Category");
            assertNotEquals(created, other);
            first.rollback();
            second.rollback();
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * An import batch resolves its paths through the children it has read (one read per parent): existing levels
     * resolve as a read per level does (names case-insensitively), a missing one is created once and found again.
     */
    @Test
    void ensurePathThroughKnownChildrenResolvesAsOneReadPerLevelDoes() throws Exception {
        String top = "Known " + unique("p");
        try (Connection connection = CatalogDb.db()) {
            connection.setAutoCommit(false);
            int existing = categories.ensurePath(context(connection), List.of("Default Category", top, "Leaf"));
            CategoryService.KnownChildren known = new CategoryService.KnownChildren();
            assertEquals(existing, categories.ensurePath(context(connection), List.of("default category", top.toUpperCase(), "leaf"), known));
            int sibling = categories.ensurePath(context(connection), List.of("Default Category", top, "Sibling"), known);
            assertNotEquals(existing, sibling);
            assertEquals(sibling, categories.ensurePath(context(connection), List.of("Default Category", top, "SIBLING"), known));
            assertEquals(sibling, categories.ensurePath(context(connection), List.of("Default Category", top, "Sibling")),
                    "the level created through the known children is the one a fresh read finds");
            assertEquals(1, countIn(connection, "select count(*) from catalog_category_store_value where store_id = 0 and fields->>'name' = 'Sibling'"
                    + " and category_id in (select id from catalog_category where parent_id = (select parent_id from catalog_category where id = ?))",
                    sibling));
            connection.rollback();
        }
    }

    private static long countIn(Connection connection, String sql, Object... args) throws Exception {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static OperationContext context(Connection connection) {
        return new OperationContext(connection, StoreScope.all(), new Caller(1, UserType.ADMIN), true);
    }
}
