package io.catalogbulk.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogbulk.testsupport.ServiceProcesses.ServiceProcess;
import io.catalogbulk.testsupport.TestEnvironment;
import io.restassured.http.ContentType;

/**
 * Per-entity order through the packaged services (issue #18): an ERP sends ten bulks back to back, each setting the
 * same 500 SKUs to a higher price, and a few single asynchronous calls that overtake them in the queue (they are
 * published with a higher priority); two worker processes with parallel batches execute them. Every SKU must end
 * at the price accepted last, and every operation must have been executed exactly once.
 */
class OrderingEndToEndIT {

    private static final int SKUS = 500;
    private static final int BULKS = 10;

    private static RunningSystem system;
    private static ServiceProcess secondWorker;
    private static String bearer;

    @BeforeAll
    static void startSystem() throws Exception {
        system = RunningSystem.shared();
        // The second worker: smaller batches and one more parallel batch, so the two interleave all the more.
        secondWorker = system.startWorker(Map.of("WORKER_PARALLEL_BATCHES", "3", "WORKER_BATCH_SIZE", "25"));
        String token = given().baseUri(system.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "admin123"))
                .post("/rest/V1/integration/admin/token")
                .then().statusCode(200).extract().as(String.class);
        bearer = "Bearer " + token;
    }

    @AfterAll
    static void stopSecondWorker() {
        if (secondWorker != null) {
            system.stop(secondWorker);
        }
    }

    @Test
    void tenBulksOnTheSameSkusEndAtTheLastPrice() throws Exception {
        String prefix = "e2e-order-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map<String, Object>> products = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            products.add(Map.of("product", Map.of("sku", prefix + i, "name", "Ordered " + i, "price", 1, "type_id", "simple",
                    "attribute_set_id", 4, "status", 1, "visibility", 4)));
        }
        awaitFinished(post("/rest/async/bulk/V1/products", products));

        List<String> bulks = new ArrayList<>();
        Map<Integer, Integer> expected = new HashMap<>();
        for (int b = 1; b <= BULKS; b++) {
            List<Map<String, Object>> updates = new ArrayList<>();
            for (int i = 0; i < SKUS; i++) {
                updates.add(Map.of("sku", prefix + i, "product", Map.of("price", 100 + b)));
                expected.put(i, 100 + b);
            }
            bulks.add(put("/rest/async/bulk/V1/products/bySku", updates));
            if (b == 5) {
                // A single call between bulks 5 and 6: it overtakes the bulks' messages, but bulks 6-10 come after it.
                bulks.add(put("/rest/async/V1/products/" + prefix + 7, Map.of("product", Map.of("price", 777))));
            }
        }
        // Single calls after the last bulk: published ahead of its backlog, they must still apply last.
        for (int i = 0; i < 20; i++) {
            bulks.add(put("/rest/async/V1/products/" + prefix + i, Map.of("product", Map.of("price", 5000 + i))));
            expected.put(i, 5000 + i);
        }
        for (String bulk : bulks) {
            awaitFinished(bulk);
        }

        List<String> wrong = new ArrayList<>();
        Map<String, BigDecimal> prices = prices(prefix);
        for (int i = 0; i < SKUS; i++) {
            BigDecimal price = prices.get(prefix + i);
            if (price == null || price.compareTo(BigDecimal.valueOf(expected.get(i))) != 0) {
                wrong.add(prefix + i + "=" + price + " (expected " + expected.get(i) + ")");
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " SKU(s) not at the last price");
        // What a client sees agrees with the table.
        given().baseUri(system.baseUrl()).header("Authorization", bearer).get("/rest/V1/products/" + prefix + 3)
                .then().statusCode(200).body("price", equalTo(5003));
        given().baseUri(system.baseUrl()).header("Authorization", bearer).get("/rest/V1/products/" + prefix + 7 + "0")
                .then().statusCode(200).body("price", equalTo(100 + BULKS));

        // 0 lost, 0 twice: every operation of every bulk complete, each executed exactly once.
        long operations = (long) BULKS * SKUS + 21;
        assertEquals(operations, count("SELECT count(*) FROM operation WHERE bulk_uuid = ANY (?::uuid[]) AND status = 1", bulks));
        assertEquals(0, count("SELECT count(*) FROM operation WHERE bulk_uuid = ANY (?::uuid[]) AND attempts <> 1", bulks));
        System.out.printf("[e2e] ordering: %d operations, %d were left waiting for an earlier one at least once%n", operations,
                count("SELECT count(*) FROM operation WHERE bulk_uuid = ANY (?::uuid[]) AND waits_since IS NOT NULL", bulks));
    }

    /** The price each SKU of the run shows in the default store view (what GET /V1/products/:sku answers). */
    private static Map<String, BigDecimal> prices(String prefix) throws Exception {
        Map<String, BigDecimal> prices = new HashMap<>();
        for (int i = 0; i < SKUS; i++) {
            String price = given().baseUri(system.baseUrl()).header("Authorization", bearer)
                    .get("/rest/V1/products/" + prefix + i)
                    .then().statusCode(200).extract().jsonPath().getString("price");
            prices.put(prefix + i, price == null ? null : new BigDecimal(price));
        }
        return prices;
    }

    private static String post(String path, Object body) {
        return given().baseUri(system.baseUrl()).header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .post(path).then().statusCode(202).extract().path("bulk_uuid");
    }

    private static String put(String path, Object body) {
        return given().baseUri(system.baseUrl()).header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .put(path).then().statusCode(202).extract().path("bulk_uuid");
    }

    private static void awaitFinished(String bulkUuid) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() -> given().baseUri(system.baseUrl())
                .header("Authorization", bearer).get("/rest/V1/bulk/" + bulkUuid + "/status")
                .then().statusCode(200).extract().jsonPath().getInt("extension_attributes.bulk_status") >= 2);
    }

    private static long count(String sql, List<String> bulks) throws Exception {
        try (Connection connection = TestEnvironment.connect(RunningSystem.DATABASE);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", bulks.stream().map(UUID::fromString).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
