package io.catalogbulk.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Magento's whole product payload through the three packaged services and the one base URL a Magento client is
 * given: products with extension_attributes (website_ids, category_links, stock_item) and product_links created in
 * bulk and changed asynchronously, tier_prices likewise, the bulk followed through status routes at that same address, the result read
 * back with GET; then the new link routes in bulk.
 */
class ProductPayloadEndToEndIT {

    private static RunningSystem system;
    private static String bearer;

    @BeforeAll
    static void startSystem() throws Exception {
        system = RunningSystem.shared();
        bearer = "Bearer " + given().baseUri(system.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "admin123"))
                .post("/rest/V1/integration/admin/token")
                .then().statusCode(200).extract().as(String.class);
    }

    static Map<String, Object> tutorialProduct(String sku, List<Map<String, Object>> productLinks) {
        return Map.of("product", Map.of("sku", sku, "name", "Champ Tee " + sku, "attribute_set_id", 4, "price", 25, "status", 1,
                "visibility", 4, "type_id", "simple", "weight", "0.5",
                "extension_attributes", Map.of("website_ids", List.of(1),
                        "category_links", List.of(Map.of("position", 0, "category_id", "2")),
                        "stock_item", Map.of("qty", 10, "is_in_stock", true)),
                "product_links", productLinks));
    }

    @Test
    void theWholePayloadInBulkAndAsynchronously() {
        String prefix = "PP-" + UUID.randomUUID().toString().substring(0, 8);
        String target = prefix + "-target";
        api().body(tutorialProduct(target, List.of())).post("/rest/V1/products").then().statusCode(200);
        Map<String, Object> related = Map.of("sku", prefix + "-a", "link_type", "related", "linked_product_sku", target, "position", 1);
        // Two products in one bulk, one of them linked to the product created above.
        bulk("/V1/products", List.of(tutorialProduct(prefix + "-a", List.of(related)), tutorialProduct(prefix + "-b", List.of())), 2);
        for (String sku : List.of(prefix + "-a", prefix + "-b")) {
            api().get("/rest/V1/products/" + sku).then().statusCode(200)
                    .body("extension_attributes.website_ids", contains(1))
                    .body("extension_attributes.category_links.category_id", contains("2"))
                    .body("extension_attributes.stock_item.qty", equalTo(10))
                    .body("extension_attributes.stock_item.is_in_stock", equalTo(true));
        }
        api().get("/rest/V1/products/" + prefix + "-a").then().body("product_links.linked_product_sku", contains(target));

        // Asynchronously: a member left out is unchanged, a list given replaces.
        String uuid = api().body(Map.of("product", Map.of("price", 30, "extension_attributes", Map.of("stock_item", Map.of("qty", 4)),
                "product_links", List.of()))).put("/rest/async/V1/products/" + prefix + "-a")
                .then().statusCode(202).extract().path("bulk_uuid");
        assertEquals(2, bulkStatus(uuid).getInt("extension_attributes.bulk_status"));
        api().get("/rest/V1/products/" + prefix + "-a").then().statusCode(200)
                .body("price", equalTo(30))
                .body("extension_attributes.stock_item.qty", equalTo(4))
                .body("extension_attributes.stock_item.is_in_stock", equalTo(true))
                .body("extension_attributes.category_links.category_id", contains("2"))
                .body("product_links", empty());

        // The link routes in bulk: path parameters become bySku, as for every route.
        bulk("/V1/products/bySku/links", List.of(Map.of("sku", prefix + "-b", "items",
                List.of(Map.of("link_type", "crosssell", "linked_product_sku", target, "position", 0)))), 1);
        api().get("/rest/V1/products/" + prefix + "-b/links/crosssell").then().statusCode(200)
                .body("linked_product_sku", contains(target));
    }

    @Test
    void tierPricesInBulkAndAsynchronously() {
        String prefix = "PT-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> tiers = List.of(Map.of("customer_group_id", 32000, "qty", 2, "value", 20),
                Map.of("customer_group_id", 1, "qty", 5, "value", 0, "extension_attributes", Map.of("website_id", 1, "percentage_value", 10)));
        List<Map<String, Object>> products = new ArrayList<>();
        for (String sku : List.of(prefix + "-a", prefix + "-b")) {
            products.add(Map.of("product", Map.of("sku", sku, "name", "Tiered " + sku, "price", 25, "tier_prices", tiers)));
        }
        bulk("/V1/products", products, 2);
        for (String sku : List.of(prefix + "-a", prefix + "-b")) {
            api().get("/rest/V1/products/" + sku).then().statusCode(200)
                    .body("tier_prices.customer_group_id", contains(32000, 1))
                    .body("tier_prices[1].value", equalTo(22.5f))
                    .body("tier_prices[1].extension_attributes.percentage_value", equalTo(10));
        }
        // Asynchronously: left out, unchanged; a list given, replaces.
        String uuid = api().body(Map.of("product", Map.of("price", 30))).put("/rest/async/V1/products/" + prefix + "-a")
                .then().statusCode(202).extract().path("bulk_uuid");
        assertEquals(2, bulkStatus(uuid).getInt("extension_attributes.bulk_status"));
        api().get("/rest/V1/products/" + prefix + "-a").then().body("tier_prices", hasSize(2));
        uuid = api().body(Map.of("product", Map.of("tier_prices", List.of()))).put("/rest/async/V1/products/" + prefix + "-a")
                .then().statusCode(202).extract().path("bulk_uuid");
        assertEquals(2, bulkStatus(uuid).getInt("extension_attributes.bulk_status"));
        api().get("/rest/V1/products/" + prefix + "-a").then().body("tier_prices", empty());
        // A broken tier price is refused by the synchronous route with Magento's 400, never a 500.
        api().body(Map.of("product", Map.of("tier_prices", List.of(Map.of("customer_group_id", 987654, "qty", 1, "value", 1)))))
                .put("/rest/V1/products/" + prefix + "-b").then().statusCode(400)
                .body("message", equalTo("No such entity with Customer Group = %1."));
    }

    private static RequestSpecification api() {
        return given().baseUri(system.baseUrl()).header("Authorization", bearer).contentType(ContentType.JSON);
    }

    /** Posts a bulk and waits until every one of its operations completed. */
    private static void bulk(String bulkPath, List<Map<String, Object>> items, int operations) {
        String uuid = api().body(items).post("/rest/async/bulk" + bulkPath)
                .then().statusCode(202).body("errors", equalTo(false)).extract().path("bulk_uuid");
        JsonPath status = bulkStatus(uuid);
        if (status.getInt("extension_attributes.counts.complete") != operations) {
            throw new AssertionError(bulkPath + " did not complete: " + api().get("/rest/V1/bulk/" + uuid + "/detailed-status").asString());
        }
    }

    /** Follows a bulk to its end through the one base URL (ingest forwards the status routes). */
    private static JsonPath bulkStatus(String uuid) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = api().get("/rest/V1/bulk/" + uuid + "/status").then().statusCode(200).extract().jsonPath();
            return last[0].getInt("extension_attributes.bulk_status") >= 2;
        });
        return last[0];
    }
}
