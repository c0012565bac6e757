package io.catalogbulk.ingest.category;

import static io.catalogbulk.ingest.support.ContentTestSupport.accepted;
import static io.catalogbulk.ingest.support.ContentTestSupport.newProduct;
import static io.catalogbulk.ingest.support.ContentTestSupport.newStore;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.ingest.support.ContentTestSupport.StoredOperation;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Categories through the sync routes, and their async and bulk forms accepted and stored with the right topic and scope. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CategoryRoutesTests {

    static int create(String prefix, String name, int parent) {
        return asAdmin().body("{\"category\":{\"name\":\"" + name + "\",\"parent_id\":" + parent + ",\"is_active\":true}}")
                .post(prefix + "/V1/categories").then().statusCode(200).extract().path("id");
    }

    @Test
    void theTreeStartsAtRootOneAndDefaultCategoryTwo() {
        asAdmin().get("/rest/V1/categories/1").then().statusCode(200).body("level", equalTo(0)).body("path", equalTo("1"))
                .body("name", equalTo("Root Catalog"));
        asAdmin().get("/rest/V1/categories/2").then().statusCode(200).body("level", equalTo(1)).body("path", equalTo("1/2"))
                .body("parent_id", equalTo(1)).body("name", equalTo("Default Category"));
    }

    @Test
    void createReadUpdateAndDeleteSynchronously() {
        String name = "Tees " + unique("t");
        int id = asAdmin().body("{\"category\":{\"name\":\"" + name + "\",\"is_active\":true,\"position\":4,"
                + "\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"Soft\"}]}}")
                .post("/rest/V1/categories").then().statusCode(200)
                .body("parent_id", equalTo(2)).body("level", equalTo(2)).body("position", equalTo(4))
                .body("name", equalTo(name)).body("is_active", equalTo(true)).body("include_in_menu", equalTo(true))
                .body("custom_attributes.find { it.attribute_code == 'url_key' }.value", equalTo(name.toLowerCase().replace(' ', '-')))
                .body("custom_attributes.find { it.attribute_code == 'description' }.value", equalTo("Soft"))
                .extract().path("id");
        asAdmin().get("/rest/V1/categories/" + id).then().statusCode(200).body("path", equalTo("1/2/" + id));
        int child = create("/rest", "Child " + unique("c"), id);
        asAdmin().get("/rest/V1/categories/" + id).then().body("children", equalTo(String.valueOf(child)));
        asAdmin().get("/rest/V1/categories/" + child).then().body("level", equalTo(3)).body("path", equalTo("1/2/" + id + "/" + child));

        asAdmin().body("{\"category\":{\"name\":\"Renamed\",\"include_in_menu\":false}}").put("/rest/all/V1/categories/" + id)
                .then().statusCode(200).body("name", equalTo("Renamed")).body("include_in_menu", equalTo(false))
                .body("id", equalTo(id));

        asAdmin().delete("/rest/V1/categories/" + id).then().statusCode(200).body(equalTo("true"));
        asAdmin().get("/rest/V1/categories/" + id).then().statusCode(404)
                .body("message", equalTo("No such entity with %fieldName = %fieldValue"))
                .body("parameters.fieldName", equalTo("id")).body("parameters.fieldValue", equalTo(id));
        // The subtree went with it.
        asAdmin().get("/rest/V1/categories/" + child).then().statusCode(404);
    }

    @Test
    void namesFollowTheStoreScopeTable() {
        String store = newStore();
        int id = create("/rest/" + store, "Store made", 2);
        // Created with a store code: global values and that store's values.
        asAdmin().get("/rest/all/V1/categories/" + id).then().body("name", equalTo("Store made"));
        asAdmin().body("{\"category\":{\"name\":\"Default only\"}}").put("/rest/V1/categories/" + id).then().statusCode(200);
        asAdmin().body("{\"category\":{\"name\":\"Store only\"}}").put("/rest/" + store + "/V1/categories/" + id).then().statusCode(200);
        asAdmin().get("/rest/V1/categories/" + id).then().body("name", equalTo("Default only"));
        asAdmin().get("/rest/default/V1/categories/" + id).then().body("name", equalTo("Default only"));
        asAdmin().get("/rest/" + store + "/V1/categories/" + id).then().body("name", equalTo("Store only"));
        asAdmin().get("/rest/all/V1/categories/" + id).then().body("name", equalTo("Store made"));
        asAdmin().body("{\"category\":{\"name\":\"Everywhere\"}}").put("/rest/all/V1/categories/" + id).then().statusCode(200);
        asAdmin().get("/rest/all/V1/categories/" + id).then().body("name", equalTo("Everywhere"));
        asAdmin().get("/rest/" + store + "/V1/categories/" + id).then().body("name", equalTo("Store only"));
        asAdmin().get("/rest/V1/categories/" + id + "?storeId=0").then().body("name", equalTo("Everywhere"));
        asAdmin().get("/rest/V1/categories/" + id + "?storeId=987654").then().statusCode(404);
    }

    @Test
    void businessRulesAnswerMagentosMessages() {
        asAdmin().body("{\"category\":{\"name\":\"Orphan\",\"parent_id\":987654}}").post("/rest/V1/categories").then().statusCode(400)
                .body("message", equalTo("Could not save category: %1"))
                .body("parameters[0]", equalTo("The parent category 987654 doesn't exist."));
        asAdmin().body("{\"category\":{\"is_active\":true}}").post("/rest/V1/categories").then().statusCode(400)
                .body("parameters[0]", equalTo("The \"Name\" attribute value is empty. Set the attribute and try again."));
        String name = "Twin " + unique("u");
        create("/rest", name, 2);
        asAdmin().body("{\"category\":{\"name\":\"" + name + "\"}}").post("/rest/V1/categories").then().statusCode(400)
                .body("message", equalTo("Could not save category: %1"))
                .body("parameters[0]", equalTo("URL key for specified store already exists."));
        asAdmin().delete("/rest/V1/categories/2").then().statusCode(400)
                .body("message", equalTo("Cannot delete category with id %1")).body("parameters[0]", equalTo("2"));
        asAdmin().body("{\"category\":{\"name\":\"x\"}}").put("/rest/V1/categories/987654").then().statusCode(404);
        asAdmin().delete("/rest/V1/categories/987654").then().statusCode(404);
        asAdmin().body("{\"category\":{\"name\":\"x\",\"is_anchor\":true}}").post("/rest/V1/categories").then().statusCode(400);
    }

    @Test
    void aProductLinkShowsInTheProductsCategoryLinks() {
        String sku = newProduct("Linked tee", 12);
        int id = create("/rest", "Links " + unique("l"), 2);
        asAdmin().body("{\"productLink\":{\"sku\":\"" + sku + "\",\"position\":3,\"category_id\":\"" + id + "\"}}")
                .post("/rest/V1/categories/" + id + "/products").then().statusCode(200).body(equalTo("true"));
        asAdmin().get("/rest/V1/products/" + sku).then().statusCode(200)
                .body("extension_attributes.category_links[0].category_id", equalTo(String.valueOf(id)))
                .body("extension_attributes.category_links[0].position", equalTo(3));
        asAdmin().body("{\"productLink\":{\"sku\":\"no-such-sku-" + id + "\"}}").post("/rest/V1/categories/" + id + "/products")
                .then().statusCode(404)
                .body("message", equalTo("The product that was requested doesn't exist. Verify the product and try again."));
        asAdmin().body("{\"productLink\":{\"sku\":\"" + sku + "\"}}").post("/rest/V1/categories/987654/products")
                .then().statusCode(404).body("parameters.fieldName", equalTo("id"));
    }

    @Test
    void asyncAndBulkFormsAreAcceptedWithTheirTopicAndScope() throws Exception {
        List<StoredOperation> created = accepted(asAdmin().body("{\"category\":{\"name\":\"Async\"}}").post("/rest/async/V1/categories"));
        assertEquals(1, created.size());
        assertEquals("async.catalog.category.save.post", created.get(0).topic());

        String store = newStore();
        List<StoredOperation> renamed = accepted(asAdmin().body("[{\"id\":3,\"category\":{\"name\":\"A\"}},{\"id\":\"4\",\"category\":{\"name\":\"B\"}}]")
                .put("/rest/" + store + "/async/bulk/V1/categories/byId"));
        assertEquals(2, renamed.size());
        assertEquals("async.catalog.category.save.put", renamed.get(1).topic());
        assertEquals("store", renamed.get(0).scope());
        // The path id is copied into the category (Magento's PUT rule), as the sync route does.
        assertTrue(renamed.get(1).serializedData().contains("\"id\":4"), renamed.get(1).serializedData());

        List<StoredOperation> links = accepted(asAdmin()
                .body("[{\"categoryId\":3,\"productLink\":{\"sku\":\"a\",\"position\":1}},{\"category_id\":4,\"productLink\":{\"sku\":\"b\"}}]")
                .post("/rest/async/bulk/V1/categories/byCategoryId/products"));
        assertEquals(List.of("async.catalog.categorylink.save.post", "async.catalog.categorylink.save.post"),
                links.stream().map(StoredOperation::topic).toList());

        List<StoredOperation> deleted = accepted(asAdmin().body("[{\"category_id\":\"5\"}]").delete("/rest/all/async/bulk/V1/categories/byCategoryId"));
        assertEquals("async.catalog.category.deletebyidentifier.delete", deleted.get(0).topic());
        assertEquals("all", deleted.get(0).scope());

        asAdmin().body("[{\"category\":\"not an object\"}]").post("/rest/async/bulk/V1/categories").then().statusCode(400)
                .body("errors.index", hasItem(0));
    }
}
