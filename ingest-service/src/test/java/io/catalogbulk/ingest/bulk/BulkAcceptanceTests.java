package io.catalogbulk.ingest.bulk;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import io.catalogbulk.core.operation.DataHash;
import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.RunQueue;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Async and bulk acceptance: 202 with the bulk uuid, every operation stored (in one transaction) before its
 * message is published, one persistent message per operation routed by topic; invalid requests store nothing.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class BulkAcceptanceTests {

    private static final String SEED_CUSTOMERS = "[{\"customer\":{\"email\":\"mshaw@example.com\",\"firstname\":\"Melanie Shaw\",\"lastname\":\"Doe\"},\"password\":\"Strong-Password\"},"
            + "{\"customer\":{\"email\":\"bmartin@example.com\",\"firstname\":\"Bryce\",\"lastname\":\"Martin\"},\"password\":\"Strong-Password\"},"
            + "{\"customer\":{\"email\":\"bmartin@example.com\",\"firstname\":\"Bryce\",\"lastname\":\"Martin\"},\"password\":\"Strong-Password\"},"
            + "{\"customer\":{\"email\":\"tgomez@example.com\",\"firstname\":\"Teresa\",\"lastname\":\"Gomez\"},\"password\":\"Strong-Password\"}]";

    record StoredOperation(int id, String topic, String data, int status, int storeId, String scope) {
    }

    static List<StoredOperation> operations(String bulkUuid) throws Exception {
        try (var c = IngestTestSupport.db(); PreparedStatement s = c.prepareStatement(
                "select id, topic_name, serialized_data, status, store_id, store_scope from operation where bulk_uuid = ? order by id")) {
            s.setObject(1, UUID.fromString(bulkUuid));
            List<StoredOperation> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredOperation(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getString(6)));
                }
            }
            return out;
        }
    }

    @Test
    void asyncCallIsAcceptedStoredAndPublished() throws Exception {
        String sku = unique("async");
        ExtractableResponse<Response> accepted = asAdmin().body("{\"product\": {\"price\": 29}}")
                .put("/rest/async/V1/products/" + sku)
                .then().statusCode(202)
                .body("bulk_uuid", matchesPattern("[0-9a-f-]{36}"))
                .body("request_items", hasSize(1))
                .body("request_items[0].id", equalTo(0))
                .body("request_items[0].status", equalTo("accepted"))
                .body("errors", equalTo(false))
                .extract();
        String bulkUuid = accepted.path("bulk_uuid");
        List<StoredOperation> stored = operations(bulkUuid);
        assertEquals(1, stored.size());
        StoredOperation operation = stored.get(0);
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.put", operation.topic());
        assertEquals(4, operation.status());
        assertEquals("implicit", operation.scope());
        assertEquals(1, operation.storeId());
        // The URL's SKU is in the stored data, and overrides product.sku (Magento's PUT rule).
        assertEquals("{\"sku\":\"" + sku + "\",\"product\":{\"price\":29,\"sku\":\"" + sku + "\"}}", operation.data());
        assertEquals(DataHash.sha256Hex(operation.data().getBytes(StandardCharsets.UTF_8)),
                accepted.path("request_items[0].data_hash"));
        assertEquals(1, count("select count(*) from bulk where uuid = ? and description = 'Topic async.magento.catalog.api.productrepositoryinterface.save.put'"
                + " and operation_count = 1 and user_type = 2", UUID.fromString(bulkUuid)));

        var messages = RunQueue.take(bulkUuid, 1, Duration.ofSeconds(10));
        assertEquals(1, messages.size());
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.put", messages.get(0).routingKey());
        assertTrue(messages.get(0).persistent());
        assertEquals(0, messages.get(0).json().get("id").asInt());
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.put", messages.get(0).json().get("topic_name").asText());
        assertEquals(1, messages.get(0).json().get("store_id").asInt());
        assertEquals(2, messages.get(0).json().get("user_type").asInt());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from bulk where uuid = ? and published_at is not null", UUID.fromString(bulkUuid)) == 1);
    }

    @Test
    void seedCustomerBulkIsAcceptedWholeWithOneOperationPerItem() throws Exception {
        String bulkUuid = asAdmin().body(SEED_CUSTOMERS).post("/rest/async/bulk/V1/customers")
                .then().statusCode(202)
                .body("request_items.id", contains(0, 1, 2, 3))
                .body("request_items.status", everyItem(equalTo("accepted")))
                .body("request_items.data_hash", everyItem(matchesPattern("[0-9a-f]{64}")))
                .body("errors", equalTo(false))
                .extract().path("bulk_uuid");
        List<StoredOperation> stored = operations(bulkUuid);
        assertEquals(4, stored.size());
        assertTrue(stored.stream().allMatch(o -> o.topic().equals("async.magento.customer.api.accountmanagementinterface.createaccount.post")));
        // Identical items have identical data, except the password's salted hash (never the password itself).
        String salted = "\"password_hash\":\"[^\"]+\"";
        assertEquals(stored.get(1).data().replaceAll(salted, ""), stored.get(2).data().replaceAll(salted, ""));
        assertTrue(stored.stream().noneMatch(o -> o.data().contains("\"password\"")), "no clear password stored");
        var messages = RunQueue.take(bulkUuid, 4, Duration.ofSeconds(10));
        assertEquals(4, messages.size());
    }

    @Test
    void bulkRouteWithFormerPathParameters() throws Exception {
        String a = unique("bysku-a");
        String b = unique("bysku-b");
        String bulkUuid = asAdmin().body("[{\"sku\":\"" + a + "\",\"product\":{\"price\":10}},{\"sku\":\"" + b + "\",\"product\":{\"price\":11}}]")
                .put("/rest/async/bulk/V1/products/bySku")
                .then().statusCode(202).extract().path("bulk_uuid");
        List<StoredOperation> stored = operations(bulkUuid);
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.put", stored.get(0).topic());
        assertTrue(stored.get(0).data().contains("\"sku\":\"" + a + "\""));
        assertTrue(stored.get(1).data().contains("\"sku\":\"" + b + "\""));
        String deleted = asAdmin().body("[{\"sku\":\"" + a + "\"}]").delete("/rest/async/bulk/V1/products/bySku")
                .then().statusCode(202).extract().path("bulk_uuid");
        assertEquals("async.magento.catalog.api.productrepositoryinterface.deletebyid.delete", operations(deleted).get(0).topic());
    }

    @Test
    void invalidItemRefusesTheWholeBulkAndStoresNothing() throws Exception {
        String marker = unique("refused");
        String body = "[{\"product\":{\"sku\":\"" + marker + "-0\",\"name\":\"ok\",\"price\":1}},"
                + "{\"product\":{\"sku\":\"" + marker + "-1\",\"price\":\"abc\"}},"
                + "{\"product\":{\"sku\":\"" + marker + "-2\",\"name\":\"ok\",\"price\":1}},"
                + "{\"produkt\":{}}]";
        asAdmin().body(body).post("/rest/async/bulk/V1/products").then().statusCode(400)
                .body("message", startsWith("Error occurred during \"price\" processing."))
                .body("errors.index", contains(1, 3, 3));
        assertEquals(0, count("select count(*) from operation where serialized_data like ?", "%" + marker + "%"));
    }

    @Test
    void bulkBodyMustBeANonEmptyArray() {
        asAdmin().body("{\"product\":{}}").post("/rest/async/bulk/V1/products").then().statusCode(400)
                .body("message", startsWith("A bulk request body is a JSON array"));
        asAdmin().body("[]").post("/rest/async/bulk/V1/products").then().statusCode(400)
                .body("message", startsWith("The bulk request holds no items"));
        asAdmin().body("[1, \"x\"]").post("/rest/async/bulk/V1/products").then().statusCode(400)
                .body("errors.index", contains(0, 1));
    }

    @Test
    void moreItemsThanTheLimitIs413() throws Exception {
        String marker = unique("toomany");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 2001; i++) {
            body.append(i == 0 ? "" : ",").append("{\"product\":{\"sku\":\"").append(marker).append(i).append("\",\"name\":\"n\",\"price\":1}}");
        }
        asAdmin().body(body.append("]").toString()).post("/rest/async/bulk/V1/products").then().statusCode(413)
                .body("message", equalTo("A bulk request may hold at most %max items.")).body("parameters.max", equalTo(2000));
        assertEquals(0, count("select count(*) from operation where serialized_data like ?", "%" + marker + "%"));
    }

    @Test
    void largeBulkIsStoredWithCopyInOrder() throws Exception {
        String marker = unique("copy");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"product\":{\"sku\":\"").append(marker).append('-').append(i)
                    .append("\",\"name\":\"Name with \\\"quotes\\\", commas\\nand a newline\",\"price\":").append(i).append(".5}}");
        }
        String bulkUuid = asAdmin().body(body.append("]").toString()).post("/rest/async/bulk/V1/products")
                .then().statusCode(202).body("request_items", hasSize(1000)).extract().path("bulk_uuid");
        List<StoredOperation> stored = operations(bulkUuid);
        assertEquals(1000, stored.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, stored.get(i).id());
            assertTrue(stored.get(i).data().contains("\"sku\":\"" + marker + "-" + i + "\""), stored.get(i).data());
            assertTrue(stored.get(i).data().contains("Name with \\\"quotes\\\", commas\\nand a newline"));
        }
        List<RunQueue.Delivered> messages = RunQueue.take(bulkUuid, 1000, Duration.ofSeconds(30));
        assertEquals(1000, messages.size());
        // operations-per-message is 20: 50 messages of 20 consecutive operations each carry the 1,000.
        assertTrue(messages.stream().allMatch(m -> m.messageCount() == 20), "grouped 20 operations per message");
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, messages.get(i).json().path("id").asInt());
        }
    }

    @Test
    void smallRequestsGoToTheInteractiveQueueSoTheyOvertakeLargeBulks() throws Exception {
        String single = asAdmin().body("{\"product\":{\"sku\":\"" + unique("prio") + "\",\"name\":\"n\",\"price\":1}}")
                .post("/rest/async/V1/products").then().statusCode(202).extract().path("bulk_uuid");
        RunQueue.Delivered small = RunQueue.take(single, 1, Duration.ofSeconds(10)).get(0);
        assertTrue(small.interactive(), "a single async call goes to the interactive queue");
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.post", small.routingKey(), "routing key = topic");
        assertTrue(small.persistent());

        // catalog-bulk.broker.interactive-max-operations is 100: a bulk of 101 goes to the operations queue.
        String marker = unique("prio-bulk");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            body.append(i == 0 ? "" : ",").append("{\"product\":{\"sku\":\"").append(marker).append('-').append(i)
                    .append("\",\"name\":\"n\",\"price\":1}}");
        }
        String large = asAdmin().body(body.append("]").toString()).post("/rest/async/bulk/V1/products")
                .then().statusCode(202).extract().path("bulk_uuid");
        List<RunQueue.Delivered> messages = RunQueue.take(large, 101, Duration.ofSeconds(10));
        assertEquals(101, messages.size());
        assertTrue(messages.stream().noneMatch(RunQueue.Delivered::interactive), "a large bulk goes to the operations queue");
        assertTrue(messages.stream().allMatch(m -> m.priority() == 0), "nothing is published with a priority any more");
    }

    @Test
    void storeCodeAndAliasAreCarriedIntoTheOperation() throws Exception {
        String viaAlias = asAdmin().body("{\"product\":{\"sku\":\"" + unique("alias") + "\",\"name\":\"n\",\"price\":1}}")
                .post("/rest/asyncProducts").then().statusCode(202).extract().path("bulk_uuid");
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.post", operations(viaAlias).get(0).topic());

        String viaAll = asAdmin().body("[{\"product\":{\"sku\":\"" + unique("all") + "\",\"name\":\"n\",\"price\":1}}]")
                .post("/rest/all/async/bulk/V1/products").then().statusCode(202).extract().path("bulk_uuid");
        assertEquals("all", operations(viaAll).get(0).scope());
        assertEquals(0, operations(viaAll).get(0).storeId());

        String viaDefault = asAdmin().body("{\"product\":{\"sku\":\"" + unique("def") + "\",\"name\":\"n\",\"price\":1}}")
                .post("/rest/default/async/V1/products").then().statusCode(202).extract().path("bulk_uuid");
        assertEquals("store", operations(viaDefault).get(0).scope());
        assertEquals(1, operations(viaDefault).get(0).storeId());
    }

    @Test
    void asyncWithoutTokenIsRefusedAndStoresNothing() throws Exception {
        String marker = unique("anon");
        io.restassured.RestAssured.given().contentType("application/json")
                .body("{\"product\":{\"sku\":\"" + marker + "\",\"name\":\"n\",\"price\":1}}")
                .post("/rest/async/V1/products").then().statusCode(401)
                .body("parameters.resources", equalTo("Magento_Catalog::products"));
        assertEquals(0, count("select count(*) from operation where serialized_data like ?", "%" + marker + "%"));
    }
}
