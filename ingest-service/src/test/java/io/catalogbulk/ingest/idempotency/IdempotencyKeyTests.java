package io.catalogbulk.ingest.idempotency;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import io.catalogbulk.core.ledger.IdempotencyKeys;
import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Idempotency-Key on async and bulk submits, against the real database: a retried request answers the first
 * 202 and stores nothing; another request under the same key is 422; a key still being stored is 409; keys
 * belong to one principal, expire and are purged; ten identical requests at once store one bulk.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class IdempotencyKeyTests {

    @Inject
    IdempotencyKeyPurge purge;

    private static String prices(String sku, int price) {
        return "[{\"sku\": \"" + sku + "\", \"product\": {\"price\": " + price + "}}]";
    }

    /** Bulks whose operations name this SKU: what the requests really stored. */
    private static long bulksFor(String sku) throws Exception {
        return count("select count(distinct bulk_uuid) from operation where serialized_data like ?", "%\"" + sku + "\"%");
    }

    private static Response submit(String key, String body) {
        return asAdmin().header("Idempotency-Key", key).body(body).put("/rest/async/bulk/V1/products/bySku");
    }

    @Test
    void aRetriedBulkAnswersTheFirst202AndStoresNothingAgain() throws Exception {
        String sku = unique("idem");
        String key = "\"" + UUID.randomUUID() + "\"";
        Response first = submit(key, prices(sku, 10));
        first.then().statusCode(202).header("Idempotent-Replayed", nullValue());
        Response again = submit(key, prices(sku, 10));
        again.then().statusCode(202).header("Idempotent-Replayed", equalTo("true"));
        assertEquals(first.asString(), again.asString(), "the same body, the same bulk_uuid");
        assertEquals(1, bulksFor(sku));
        assertEquals(1, count("select count(*) from idempotency_key where bulk_uuid = ?",
                UUID.fromString(first.path("bulk_uuid"))));
    }

    @Test
    void anAsyncCallIsReplayedTooWithTheBareTokenForm() throws Exception {
        String sku = unique("idem-one");
        String key = "order-" + UUID.randomUUID();
        String first = asAdmin().header("Idempotency-Key", key).body("{\"product\": {\"price\": 29}}")
                .put("/rest/async/V1/products/" + sku).then().statusCode(202).extract().path("bulk_uuid");
        String again = asAdmin().header("Idempotency-Key", key).body("{\"product\": {\"price\": 29}}")
                .put("/rest/async/V1/products/" + sku).then().statusCode(202)
                .header("Idempotent-Replayed", equalTo("true")).extract().path("bulk_uuid");
        assertEquals(first, again);
        assertEquals(1, bulksFor(sku));
    }

    @Test
    void theSameKeyWithAnotherBodyOrStoreIs422() throws Exception {
        String sku = unique("idem-diff");
        String key = UUID.randomUUID().toString();
        submit(key, prices(sku, 10)).then().statusCode(202);
        submit(key, prices(sku, 12)).then().statusCode(422)
                .body("message", equalTo("The Idempotency-Key %key was already used for a different request."))
                .body("parameters.key", equalTo(key));
        asAdmin().header("Idempotency-Key", key).body(prices(sku, 10)).put("/rest/default/async/bulk/V1/products/bySku")
                .then().statusCode(422);
        asAdmin().header("Idempotency-Key", key).body(prices(sku, 10)).put("/rest/all/async/bulk/V1/products/bySku")
                .then().statusCode(422);
        assertEquals(1, bulksFor(sku));
    }

    @Test
    void aKeyStillBeingStoredIs409() throws Exception {
        String sku = unique("idem-busy");
        String key = UUID.randomUUID().toString();
        int adminId = adminUserId();
        long lock = new IdempotencyKeys.Key(2, adminId, key, new byte[0], Duration.ZERO).lockId();
        // This connection plays the first request, between storing its bulk and committing.
        try (Connection first = IngestTestSupport.db(); PreparedStatement hold = first.prepareStatement("select pg_advisory_lock(?)")) {
            hold.setLong(1, lock);
            hold.execute();
            submit(key, prices(sku, 10)).then().statusCode(409)
                    .body("message", equalTo("A request with the Idempotency-Key %key is still being processed. Retry later."));
            try (PreparedStatement release = first.prepareStatement("select pg_advisory_unlock(?)")) {
                release.setLong(1, lock);
                release.execute();
            }
        }
        assertEquals(0, bulksFor(sku));
        submit(key, prices(sku, 10)).then().statusCode(202).header("Idempotent-Replayed", nullValue());
        assertEquals(1, bulksFor(sku));
    }

    private static int adminUserId() throws Exception {
        String bulk = asAdmin().body(prices(unique("idem-who"), 1)).put("/rest/async/bulk/V1/products/bySku")
                .then().statusCode(202).extract().path("bulk_uuid");
        return (int) count("select user_id from bulk where uuid = ?", UUID.fromString(bulk));
    }

    @Test
    void keysBelongToOnePrincipal() throws Exception {
        String sku = unique("idem-who");
        String key = UUID.randomUUID().toString();
        String mine = submit(key, prices(sku, 10)).then().statusCode(202).extract().path("bulk_uuid");
        JsonPath integration = asAdmin()
                .body("{\"integration\": {\"name\": \"" + unique("idem") + "\", \"resources\": [\"Magento_Catalog::products\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200).extract().jsonPath();
        String theirs = given().header("Authorization", "Bearer " + integration.getString("access_token"))
                .contentType(ContentType.JSON).header("Idempotency-Key", key).body(prices(sku, 10))
                .put("/rest/async/bulk/V1/products/bySku")
                .then().statusCode(202).header("Idempotent-Replayed", nullValue()).extract().path("bulk_uuid");
        assertNotEquals(mine, theirs);
        assertEquals(2, bulksFor(sku));
    }

    @Test
    void anExpiredKeyIsFreeAgainAndPurged() throws Exception {
        String sku = unique("idem-old");
        String key = UUID.randomUUID().toString();
        String first = submit(key, prices(sku, 10)).then().statusCode(202).extract().path("bulk_uuid");
        expire(key);
        String second = submit(key, prices(sku, 12)).then().statusCode(202)
                .header("Idempotent-Replayed", nullValue()).extract().path("bulk_uuid");
        assertNotEquals(first, second);
        assertEquals(2, bulksFor(sku));
        expire(key);
        assertTrue(purge.purge() >= 1);
        assertEquals(0, count("select count(*) from idempotency_key where idempotency_key = ?", key));
    }

    private static void expire(String key) throws Exception {
        try (Connection c = IngestTestSupport.db();
                PreparedStatement s = c.prepareStatement("update idempotency_key set expires_at = now() - interval '1 second'"
                        + " where idempotency_key = ?")) {
            s.setString(1, key);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void tenConcurrentIdenticalRequestsStoreOneBulk() throws Exception {
        String sku = unique("idem-race");
        String key = UUID.randomUUID().toString();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            body.append(i == 0 ? "" : ",").append("{\"sku\": \"").append(sku).append("-").append(i)
                    .append("\", \"product\": {\"price\": 10}}");
        }
        String bulk = body.append("]").toString();
        IngestTestSupport.adminToken();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return submit(key, bulk);
                }));
            }
            start.countDown();
            Set<String> uuids = new HashSet<>();
            int accepted = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertTrue(response.statusCode() == 202 || response.statusCode() == 409, response.asString());
                if (response.statusCode() == 202) {
                    accepted++;
                    uuids.add(response.path("bulk_uuid"));
                }
            }
            assertTrue(accepted >= 1);
            assertEquals(1, uuids.size(), "every 202 names the one stored bulk");
            assertEquals(1, count("select count(distinct bulk_uuid) from operation where serialized_data like ?",
                    "%\"" + sku + "-%"));
            // Whoever was told 409 retries and gets the stored bulk.
            assertEquals(uuids.iterator().next(), submit(key, bulk).then().statusCode(202).extract().path("bulk_uuid"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMalformedOrOversizedKeyIs400AndSyncCallsIgnoreTheHeader() {
        String sku = unique("idem-bad");
        submit("x".repeat(256), prices(sku, 10)).then().statusCode(400)
                .body("message", equalTo("The %header header must be 1 to %max printable ASCII characters."));
        submit("\"\"", prices(sku, 10)).then().statusCode(400);
        submit("caf\u00e9", prices(sku, 10)).then().statusCode(400);
        String product = "{\"product\": {\"sku\": \"" + sku + "\", \"name\": \"" + sku
                + "\", \"attribute_set_id\": 4, \"price\": 10, \"type_id\": \"simple\"}}";
        asAdmin().header("Idempotency-Key", "x".repeat(300)).body(product).post("/rest/V1/products").then().statusCode(200);
    }
}
