package io.catalogbulk.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
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

/**
 * Magento's "create a configurable product with bulk APIs" tutorial through the three packaged services: a
 * size attribute, a configurable t-shirt with three simple children, its configurable option and links, an
 * image, custom option, prices and stock, every step a bulk call followed to its final status, then the
 * result read back through the synchronous routes.
 */
class ConfigurableProductTutorialIT {

    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

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

    @Test
    void aTShirtInThreeSizesBuiltWithBulkCalls() {
        String code = "size_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String parent = "MS-Tee-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> sizes = List.of("S", "M", "L");

        // 1. The size attribute with its three options.
        List<Map<String, Object>> labels = new ArrayList<>();
        sizes.forEach(size -> labels.add(Map.of("label", size)));
        bulk("/V1/products/attributes", List.of(Map.of("attribute", Map.of("attribute_code", code, "frontend_input", "select",
                "default_frontend_label", "Size", "scope", "global", "is_required", false, "options", labels))), 1);
        JsonPath attribute = ingest().get("/rest/V1/products/attributes/" + code).then().statusCode(200)
                .body("options.label", contains("S", "M", "L")).extract().jsonPath();
        int attributeId = attribute.getInt("attribute_id");
        List<String> optionIds = attribute.getList("options.value", String.class);

        // 2. The configurable parent and its simple children, each with its size.
        List<Map<String, Object>> products = new ArrayList<>();
        products.add(Map.of("product", Map.of("sku", parent, "name", "Champ Tee", "type_id", "configurable", "attribute_set_id", 4,
                "visibility", 4, "status", 1)));
        for (int i = 0; i < sizes.size(); i++) {
            products.add(Map.of("product", Map.of("sku", parent + "-" + sizes.get(i), "name", "Champ Tee " + sizes.get(i),
                    "type_id", "simple", "attribute_set_id", 4, "price", 25, "visibility", 1, "status", 1,
                    "custom_attributes", List.of(Map.of("attribute_code", code, "value", optionIds.get(i))))));
        }
        bulk("/V1/products", products, products.size());

        // 3. The size becomes the parent's configurable option, 4. the children are linked.
        List<Map<String, Object>> values = new ArrayList<>();
        optionIds.forEach(id -> values.add(Map.of("value_index", Integer.parseInt(id))));
        bulk("/V1/configurable-products/bySku/options", List.of(Map.of("sku", parent, "option", Map.of(
                "attribute_id", String.valueOf(attributeId), "label", "Size", "position", 0, "is_use_default", true, "values", values))), 1);
        List<Map<String, Object>> links = new ArrayList<>();
        sizes.forEach(size -> links.add(Map.of("sku", parent, "childSku", parent + "-" + size)));
        bulk("/V1/configurable-products/bySku/child", links, 3);

        // 5. Image, custom option, prices and stock, also in bulk.
        bulk("/V1/products/bySku/media", List.of(Map.of("sku", parent, "entry", Map.of("media_type", "image", "label", "Front",
                "position", 1, "disabled", false, "types", List.of("image", "small_image", "thumbnail"),
                "content", Map.of("base64_encoded_data", PNG, "type", "image/png", "name", "champ-tee.png")))), 1);
        bulk("/V1/products/options", List.of(Map.of("option", Map.of("product_sku", parent, "title", "Gift wrap", "type", "drop_down",
                "is_require", false, "sort_order", 1, "values", List.of(Map.of("title", "Yes", "price", 2, "price_type", "fixed"))))), 1);
        List<Map<String, Object>> prices = new ArrayList<>();
        List<Map<String, Object>> stock = new ArrayList<>();
        for (String size : sizes) {
            prices.add(Map.of("prices", List.of(Map.of("sku", parent + "-" + size, "price", 29, "store_id", 1))));
            stock.add(Map.of("sourceItems", List.of(Map.of("sku", parent + "-" + size, "source_code", "default", "quantity", 100, "status", 1))));
        }
        bulk("/V1/products/base-prices", prices, 3);
        bulk("/V1/inventory/source-items", stock, 3);

        // The result, read back synchronously.
        ingest().get("/rest/V1/configurable-products/" + parent + "/children").then().statusCode(200)
                .body("sku", containsInAnyOrder(parent + "-S", parent + "-M", parent + "-L"))
                .body("price", contains(29, 29, 29));
        ingest().get("/rest/V1/products/" + parent).then().statusCode(200)
                .body("type_id", equalTo("configurable"))
                .body("extension_attributes.configurable_product_options[0].attribute_id", equalTo(String.valueOf(attributeId)))
                .body("extension_attributes.configurable_product_links", hasSize(3))
                .body("options[0].title", equalTo("Gift wrap"))
                .body("media_gallery_entries[0].types", contains("image", "small_image", "thumbnail"));
        ingest().get("/rest/V1/products/" + parent + "/media").then().statusCode(200)
                .body("", hasSize(1)).body("[0].file", equalTo("/c/h/champ-tee.png"));
        ingest().queryParam("searchCriteria[filter_groups][0][filters][0][field]", "sku")
                .queryParam("searchCriteria[filter_groups][0][filters][0][value]", parent + "%")
                .queryParam("searchCriteria[filter_groups][0][filters][0][condition_type]", "like")
                .queryParam("searchCriteria[filter_groups][1][filters][0][field]", "type_id")
                .queryParam("searchCriteria[filter_groups][1][filters][0][value]", "configurable")
                .get("/rest/V1/products").then().statusCode(200)
                .body("total_count", equalTo(1)).body("items[0].sku", equalTo(parent));
        ingest().queryParam("searchCriteria[filter_groups][0][filters][0][field]", "sku")
                .queryParam("searchCriteria[filter_groups][0][filters][0][value]", parent + "-%")
                .queryParam("searchCriteria[filter_groups][0][filters][0][condition_type]", "like")
                .get("/rest/V1/inventory/source-items").then().statusCode(200)
                .body("total_count", equalTo(3)).body("items.quantity", contains(100, 100, 100));

        // A rule broken inside a bulk: the operation fails with its reason, the bulk ends as failed.
        String failedBulk = post("/V1/configurable-products/bySku/child", List.of(Map.of("sku", parent, "childSku", parent + "-M")));
        JsonPath failed = bulkStatus(failedBulk);
        assertEquals(0, failed.getInt("extension_attributes.counts.complete"));
        assertEquals(1, failed.getInt("extension_attributes.counts.not_retriably_failed"));
        JsonPath detailed = statusGet("/rest/V1/bulk/" + failedBulk + "/detailed-status");
        assertEquals("The product is already attached.", detailed.getString("operations_list[0].result_message"));
        assertEquals(3, detailed.getInt("operations_list[0].status"));
    }

    private static io.restassured.specification.RequestSpecification ingest() {
        return given().baseUri(system.baseUrl()).header("Authorization", bearer).contentType(ContentType.JSON);
    }

    private static String post(String bulkPath, List<Map<String, Object>> items) {
        return ingest().body(items).post("/rest/async/bulk" + bulkPath)
                .then().statusCode(202).body("errors", equalTo(false)).body("request_items", hasSize(items.size()))
                .extract().path("bulk_uuid");
    }

    /** Posts a bulk and waits until every one of its operations completed. */
    private static void bulk(String bulkPath, List<Map<String, Object>> items, int operations) {
        String uuid = post(bulkPath, items);
        JsonPath status = bulkStatus(uuid);
        if (status.getInt("extension_attributes.counts.complete") != operations) {
            throw new AssertionError(bulkPath + " did not complete: "
                    + statusGet("/rest/V1/bulk/" + uuid + "/detailed-status").prettify());
        }
    }

    private static JsonPath bulkStatus(String uuid) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = statusGet("/rest/V1/bulk/" + uuid + "/status");
            return last[0].getInt("extension_attributes.bulk_status") >= 2;
        });
        return last[0];
    }

    private static JsonPath statusGet(String path) {
        return given().baseUri(system.baseUrl()).header("Authorization", bearer).get(path)
                .then().statusCode(200).extract().jsonPath();
    }
}
