package io.catalogbulk.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Through the three running services: Magento's multi-store case (an async PUT of a product name in the
 * default store, in 'all' and in a second store, read back in all three), the seed's CMS bulk delete and
 * cart bulk, and a category bulk whose bad item fails clearly while the rest completes.
 */
class ContentEndToEndIT {

    private static RunningSystem system;
    private static String bearer;

    @BeforeAll
    static void startSystem() throws Exception {
        system = RunningSystem.shared();
        bearer = "Bearer " + given().baseUri(system.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "admin123"))
                .post("/rest/V1/integration/admin/token").then().statusCode(200).extract().as(String.class);
    }

    // No @AfterAll: the shared system stops when the test JVM exits (RunningSystem.shared()).

    private static RequestSpecification ingest() {
        return given().baseUri(system.baseUrl()).header("Authorization", bearer).contentType(ContentType.JSON);
    }

    @Test
    void productNameInDefaultAllAndASecondStore() {
        String second = "e2e_" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        ingest().body(Map.of("store", Map.of("code", second, "name", "Second"))).post("/rest/V1/store/storeViews")
                .then().statusCode(200);
        // For the PUT in each store: the name each of default, all and the second store reads afterwards.
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("default", List.of("new", "old", "old"));
        expected.put("all", List.of("new", "new", "new"));
        expected.put(second, List.of("old", "old", "new"));
        Map<String, String> skus = new LinkedHashMap<>();
        Map<String, String> bulks = new LinkedHashMap<>();
        for (String store : expected.keySet()) {
            String sku = "e2e-scope-" + UUID.randomUUID().toString().substring(0, 8);
            ingest().body(Map.of("product", Map.of("sku", sku, "name", "old", "price", 10, "attribute_set_id", 4)))
                    .post("/rest/all/V1/products").then().statusCode(200);
            skus.put(store, sku);
            bulks.put(store, ingest().body(Map.of("product", Map.of("name", "new")))
                    .put("/rest/" + store + "/async/V1/products/" + sku).then().statusCode(202).extract().path("bulk_uuid"));
        }
        for (String store : expected.keySet()) {
            assertEquals(2, awaitFinished(bulks.get(store)).getInt("extension_attributes.bulk_status"), store);
            List<String> reads = List.of("default", "all", second);
            for (int i = 0; i < reads.size(); i++) {
                ingest().get("/rest/" + reads.get(i) + "/V1/products/" + skus.get(store)).then().statusCode(200)
                        .body("name", equalTo(expected.get(store).get(i)));
            }
            // No store code reads the default store.
            ingest().get("/rest/V1/products/" + skus.get(store)).then().body("name", equalTo(expected.get(store).get(0)));
        }
    }

    @Test
    void seedCmsBulkDeleteAndCartBulk() {
        int first = ingest().body(Map.of("page", Map.of("title", "E2E one " + UUID.randomUUID()))).post("/rest/V1/cmsPage")
                .then().statusCode(200).extract().path("id");
        int second = ingest().body(Map.of("page", Map.of("title", "E2E two " + UUID.randomUUID()))).post("/rest/V1/cmsPage")
                .then().statusCode(200).extract().path("id");
        String deletes = ingest().body(List.of(Map.of("page_id", String.valueOf(first)), Map.of("page_id", String.valueOf(second))))
                .delete("/rest/async/bulk/V1/cmsPage/byPageId").then().statusCode(202).extract().path("bulk_uuid");
        assertEquals(2, awaitFinished(deletes).getInt("extension_attributes.bulk_status"));
        ingest().get("/rest/V1/cmsPage/" + first).then().statusCode(404);
        ingest().get("/rest/V1/cmsPage/" + second).then().statusCode(404);

        String sku = "e2e-cart-" + UUID.randomUUID().toString().substring(0, 8);
        ingest().body(Map.of("product", Map.of("sku", sku, "name", "Cart tee", "price", 25, "attribute_set_id", 4)))
                .post("/rest/V1/products").then().statusCode(200);
        int cart = ingest().post("/rest/V1/carts").then().statusCode(200).extract().as(Integer.class);
        String items = ingest().body(List.of(
                Map.of("quoteId", cart, "cartItem", Map.of("sku", sku, "qty", 2, "quote_id", String.valueOf(cart))),
                Map.of("quoteId", cart, "cartItem", Map.of("sku", sku, "qty", 0, "quote_id", String.valueOf(cart)))))
                .post("/rest/async/bulk/V1/carts/byQuoteId/items").then().statusCode(202).extract().path("bulk_uuid");
        JsonPath status = awaitFinished(items);
        assertEquals(3, status.getInt("extension_attributes.bulk_status"));
        JsonPath detailed = given().baseUri(system.baseUrl()).header("Authorization", bearer)
                .get("/rest/V1/bulk/" + items + "/detailed-status").then().statusCode(200).extract().jsonPath();
        assertEquals(1, detailed.getInt("operations_list.find { it.id == 0 }.status"));
        assertEquals(3, detailed.getInt("operations_list.find { it.id == 1 }.status"));
        assertEquals("Invalid value of \"0\" provided for the qty field.", detailed.getString("operations_list.find { it.id == 1 }.result_message"));
        ingest().get("/rest/V1/carts/" + cart).then().statusCode(200).body("items_qty", equalTo(2)).body("items[0].price", equalTo(25));
        ingest().get("/rest/V1/carts/" + cart + "/totals").then().statusCode(200).body("grand_total", equalTo(50));
    }

    @Test
    void categoryBulkFailsTheOrphanAndLinksAProduct() {
        String name = "E2E " + UUID.randomUUID().toString().substring(0, 8);
        String bulk = ingest().body(List.of(Map.of("category", Map.of("name", name, "is_active", true)),
                Map.of("category", Map.of("name", "Orphan", "parent_id", 987654))))
                .post("/rest/async/bulk/V1/categories").then().statusCode(202).extract().path("bulk_uuid");
        assertEquals(3, awaitFinished(bulk).getInt("extension_attributes.bulk_status"));
        JsonPath detailed = given().baseUri(system.baseUrl()).header("Authorization", bearer)
                .get("/rest/V1/bulk/" + bulk + "/detailed-status").then().statusCode(200).extract().jsonPath();
        assertEquals("Could not save category: The parent category 987654 doesn't exist.",
                detailed.getString("operations_list.find { it.id == 1 }.result_message"));
        int id = JsonPath.from(detailed.getString("operations_list.find { it.id == 0 }.result_serialized_data")).getInt("id");

        String sku = "e2e-cat-" + UUID.randomUUID().toString().substring(0, 8);
        ingest().body(Map.of("product", Map.of("sku", sku, "name", "Linked", "price", 5, "attribute_set_id", 4)))
                .post("/rest/V1/products").then().statusCode(200);
        String link = ingest().body(Map.of("productLink", Map.of("sku", sku, "position", 1, "category_id", String.valueOf(id))))
                .post("/rest/async/V1/categories/" + id + "/products").then().statusCode(202).extract().path("bulk_uuid");
        assertEquals(2, awaitFinished(link).getInt("extension_attributes.bulk_status"));
        ingest().get("/rest/V1/products/" + sku).then().statusCode(200)
                .body("extension_attributes.category_links[0].category_id", equalTo(String.valueOf(id)));
    }

    private static JsonPath awaitFinished(String bulkUuid) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = given().baseUri(system.baseUrl()).header("Authorization", bearer)
                    .get("/rest/V1/bulk/" + bulkUuid + "/status").then().statusCode(200).extract().jsonPath();
            return last[0].getInt("extension_attributes.bulk_status") >= 2;
        });
        return last[0];
    }
}
