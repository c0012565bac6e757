package io.catalogbulk.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogbulk.testsupport.TestEnvironment;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Follows bulks through the three running services: POST to ingest-service, execution by worker-service
 * through RabbitMQ, short and detailed status from status-service, and the entities read back through the
 * synchronous routes and the database.
 */
class BulkEndToEndIT {

    private static RunningSystem system;
    private static String bearer;

    @BeforeAll
    static void startSystem() throws Exception {
        system = RunningSystem.shared();
        String token = given().baseUri(system.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "admin123"))
                .post("/rest/V1/integration/admin/token")
                .then().statusCode(200).extract().as(String.class);
        bearer = "Bearer " + token;
    }

    // No @AfterAll: the shared system stops when the test JVM exits (RunningSystem.shared()).

    @Test
    void thousandProductBulkReachesFinishedAndEveryProductExists() throws Exception {
        String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(Map.of("product", Map.of(
                    "sku", prefix + i,
                    "name", "Bulk product " + i,
                    "price", 10 + i,
                    "status", 1,
                    "visibility", 4,
                    "type_id", "simple",
                    "attribute_set_id", 4,
                    "weight", 1.5,
                    "custom_attributes", List.of(Map.of("attribute_code", "description", "value", "Item " + i)))));
        }

        long posted = System.nanoTime();
        JsonPath accepted = given().baseUri(system.baseUrl()).header("Authorization", bearer)
                .contentType(ContentType.JSON).body(items)
                .post("/rest/async/bulk/V1/products")
                .then().statusCode(202)
                .body("errors", equalTo(false))
                .body("request_items", hasSize(1000))
                .body("request_items[999].id", equalTo(999))
                .body("request_items[999].status", equalTo("accepted"))
                .body("request_items[0].data_hash", matchesPattern("[0-9a-f]{64}"))
                .extract().jsonPath();
        long acceptedAt = System.nanoTime();
        String bulkUuid = accepted.getString("bulk_uuid");

        JsonPath status = awaitFinished(bulkUuid, Duration.ofMinutes(3));
        long finishedAt = System.nanoTime();
        System.out.printf("[e2e] 1,000-product bulk: 202 after %d ms, final status after %d ms (POST to final)%n",
                (acceptedAt - posted) / 1_000_000, (finishedAt - posted) / 1_000_000);

        assertEquals(2, status.getInt("extension_attributes.bulk_status"), "finished successfully");
        assertEquals(1000, status.getInt("extension_attributes.counts.complete"));
        assertEquals(1000, status.getInt("operation_count"));
        assertEquals("1000", statusGet("/rest/V1/bulk/" + bulkUuid + "/operation-status/1").asString());
        assertEquals("0", statusGet("/rest/V1/bulk/" + bulkUuid + "/operation-status/4").asString());

        JsonPath detailed = statusGet("/rest/V1/bulk/" + bulkUuid + "/detailed-status").jsonPath();
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.post", detailed.getString("operations_list[500].topic_name"));
        JsonPath saved = JsonPath.from(detailed.getString("operations_list[500].result_serialized_data"));
        assertEquals(prefix + "500", saved.getString("sku"));
        assertEquals(510, saved.getInt("price"));

        given().baseUri(system.baseUrl()).header("Authorization", bearer)
                .get("/rest/V1/products/" + prefix + "999")
                .then().statusCode(200)
                .body("sku", equalTo(prefix + "999"))
                .body("name", equalTo("Bulk product 999"))
                .body("price", equalTo(1009))
                .body("type_id", equalTo("simple"));
        assertEquals(1000, countRows("SELECT count(*) FROM catalog_product WHERE sku LIKE ?", prefix + "%"));

        JsonPath search = given().baseUri(system.baseUrl()).header("Authorization", bearer)
                .queryParam("searchCriteria[filter_groups][0][filters][0][field]", "bulk_uuid")
                .queryParam("searchCriteria[filter_groups][0][filters][0][value]", bulkUuid)
                .queryParam("searchCriteria[page_size]", 10)
                .get("/rest/V1/bulk")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1000, search.getInt("total_count"));
        assertEquals(10, search.getList("items").size());
    }

    @Test
    void seedCustomerBulkCreatesThreeAndFailsTheDuplicate() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String shaw = "mshaw." + tag + "@example.com";
        String martin = "bmartin." + tag + "@example.com";
        String gomez = "tgomez." + tag + "@example.com";
        List<Map<String, Object>> items = List.of(
                customer(shaw, "Melanie Shaw", "Doe"),
                customer(martin, "Bryce", "Martin"),
                customer(martin, "Bryce", "Martin"),
                customer(gomez, "Teresa", "Gomez"));

        String bulkUuid = given().baseUri(system.baseUrl()).header("Authorization", bearer)
                .contentType(ContentType.JSON).body(items)
                .post("/rest/async/bulk/V1/customers")
                .then().statusCode(202)
                .body("request_items", hasSize(4))
                .body("request_items.status", equalTo(List.of("accepted", "accepted", "accepted", "accepted")))
                .extract().path("bulk_uuid");

        JsonPath status = awaitFinished(bulkUuid, Duration.ofMinutes(1));
        assertEquals(3, status.getInt("extension_attributes.bulk_status"), "finished with a failure");
        assertEquals(3, status.getInt("extension_attributes.counts.complete"));
        assertEquals(1, status.getInt("extension_attributes.counts.not_retriably_failed"));

        JsonPath detailed = statusGet("/rest/V1/bulk/" + bulkUuid + "/detailed-status").jsonPath();
        List<Map<String, Object>> operations = detailed.getList("operations_list");
        assertEquals(1, operations.get(0).get("status"));
        assertEquals(1, operations.get(3).get("status"));
        // The two identical requests race; whichever commits second is the duplicate.
        int failed = (Integer) operations.get(1).get("status") == 3 ? 1 : 2;
        int created = 3 - failed;
        assertEquals(1, operations.get(created).get("status"));
        assertEquals(3, operations.get(failed).get("status"));
        assertEquals("A customer with the same email address already exists in an associated website.",
                operations.get(failed).get("result_message"));

        for (int index : new int[] { 0, created, 3 }) {
            JsonPath saved = JsonPath.from((String) operations.get(index).get("result_serialized_data"));
            int id = saved.getInt("id");
            given().baseUri(system.baseUrl()).header("Authorization", bearer)
                    .get("/rest/V1/customers/" + id)
                    .then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("email", equalTo(saved.getString("email")));
        }
        assertEquals(1, countRows("SELECT count(*) FROM customer WHERE email = ?", martin));
        assertEquals(3, countRows("SELECT count(*) FROM customer WHERE email LIKE ?", "%." + tag + "@example.com"));
    }

    @Test
    void asyncPutChangesOnlyThePrice() {
        String sku = "e2e-put-" + UUID.randomUUID().toString().substring(0, 8);
        given().baseUri(system.baseUrl()).header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("product", Map.of("sku", sku, "name", "Shirt", "price", 45, "type_id", "simple",
                        "attribute_set_id", 4, "weight", 2, "status", 1, "visibility", 4)))
                .post("/rest/V1/products")
                .then().statusCode(200);

        String bulkUuid = given().baseUri(system.baseUrl()).header("Authorization", bearer)
                .contentType(ContentType.JSON).body(Map.of("product", Map.of("price", 29)))
                .put("/rest/async/V1/products/" + sku)
                .then().statusCode(202)
                .body("request_items[0].status", equalTo("accepted"))
                .extract().path("bulk_uuid");

        JsonPath status = awaitFinished(bulkUuid, Duration.ofMinutes(1));
        assertEquals(2, status.getInt("extension_attributes.bulk_status"));
        assertTrue(status.getString("operations_list[0].result_message").startsWith("Service execution success"));

        given().baseUri(system.baseUrl()).header("Authorization", bearer)
                .get("/rest/V1/products/" + sku)
                .then().statusCode(200)
                .body("price", equalTo(29))
                .body("name", equalTo("Shirt"))
                .body("weight", equalTo(2))
                .body("status", equalTo(1));
    }

    private static Map<String, Object> customer(String email, String firstname, String lastname) {
        return Map.of("customer", Map.of("email", email, "firstname", firstname, "lastname", lastname),
                "password", "Strong-Password");
    }

    /** Polls the short status until nothing is open; a bulk in progress keeps bulk_status 0 or 1. */
    private static JsonPath awaitFinished(String bulkUuid, Duration timeout) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = statusGet("/rest/V1/bulk/" + bulkUuid + "/status").jsonPath();
            return last[0].getInt("extension_attributes.bulk_status") >= 2;
        });
        assertEquals(0, last[0].getInt("extension_attributes.counts.open"));
        return last[0];
    }

    private static io.restassured.response.Response statusGet(String path) {
        return given().baseUri(system.baseUrl()).header("Authorization", bearer)
                .get(path)
                .then().statusCode(200).extract().response();
    }

    private static long countRows(String sql, String parameter) throws Exception {
        try (Connection connection = TestEnvironment.connect(RunningSystem.DATABASE);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
