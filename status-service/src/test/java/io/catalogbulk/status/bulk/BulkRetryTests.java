package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.CUSTOMER_TOPIC;
import static io.catalogbulk.status.bulk.BulkRows.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.status.bulk.BulkRows.OPEN;
import static io.catalogbulk.status.bulk.BulkRows.PRODUCT_TOPIC;
import static io.catalogbulk.status.bulk.BulkRows.REJECTED;
import static io.catalogbulk.status.bulk.BulkRows.RETRIABLY_FAILED;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.status.bulk.BulkRows.Op;
import io.catalogbulk.testsupport.RunQueue;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Retry re-opens failed operations, bumps the bulk's publish epoch and publishes them to the run's own queue;
 * acknowledge marks a finished bulk as seen.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class BulkRetryTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(1500);

    @BeforeEach
    void brokerIsConnected() {
        // The service connects to RabbitMQ in the background; a retry before that is left to the relay.
        StatusApi.awaitBrokerReady();
    }

    private static int retry(RequestSpecification caller, UUID uuid, String body) {
        RequestSpecification request = caller.contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        String answer = request.post("/rest/V1/bulk/" + uuid + "/retry")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString();
        return Integer.parseInt(answer.trim());
    }

    private static String retryError(UUID uuid, String body) {
        return StatusApi.asAdmin().contentType(ContentType.JSON).body(body).post("/rest/V1/bulk/" + uuid + "/retry")
                .then().statusCode(400).contentType(ContentType.JSON)
                .extract().asString();
    }

    private static int status(UUID uuid, int id) {
        return ((Number) BulkRows.operationRow(uuid, id).get("status")).intValue();
    }

    private static int epoch(UUID uuid) {
        return ((Number) BulkRows.bulkRow(uuid).get("publish_epoch")).intValue();
    }

    private static Set<Integer> ids(List<RunQueue.Delivered> messages) {
        return messages.stream().map(m -> m.json().get("id").asInt()).collect(Collectors.toSet());
    }

    @Test
    void retryByDefaultReopensRetriablyFailedOperationsAndPublishesThem() throws Exception {
        int owner = BulkRows.freshUserId();
        UUID uuid = BulkRows.bulk(owner, StatusApi.INTEGRATION, null, List.of(
                Op.of(0, COMPLETE),
                Op.of(1, RETRIABLY_FAILED).error(503, "lock wait"),
                Op.of(2, NOT_RETRIABLY_FAILED),
                Op.of(3, REJECTED),
                Op.of(4, RETRIABLY_FAILED).topic(CUSTOMER_TOPIC).error(504, "timeout")));
        Map<String, Object> operationBefore = BulkRows.operationRow(uuid, 0);
        assertEquals(0, epoch(uuid));

        assertEquals(2, retry(StatusApi.asIntegration(owner), uuid, null));

        // Both retriably failed operations are open again, their results cleared.
        for (int id : new int[] {1, 4}) {
            Map<String, Object> row = BulkRows.operationRow(uuid, id);
            assertEquals(OPEN, ((Number) row.get("status")).intValue(), "operation " + id);
            assertNull(row.get("error_code"), "error_code of " + id);
            assertNull(row.get("result_message"), "result_message of " + id);
            assertNull(row.get("result_serialized_data"), "result_serialized_data of " + id);
            assertNull(row.get("started_at"), "started_at of " + id);
            assertNull(row.get("finished_at"), "finished_at of " + id);
            assertNotNull(row.get("serialized_data"), "the request data stays");
        }
        // The others are untouched.
        assertEquals(operationBefore, BulkRows.operationRow(uuid, 0));
        assertEquals(NOT_RETRIABLY_FAILED, status(uuid, 2));
        assertEquals(REJECTED, status(uuid, 3));

        // The epoch is bumped, and the bulk is marked published again once the broker confirmed the messages.
        assertEquals(1, epoch(uuid));
        assertNotNull(BulkRows.bulkRow(uuid).get("published_at"));

        List<RunQueue.Delivered> messages = RunQueue.take(uuid.toString(), 2, WAIT);
        assertEquals(Set.of(1, 4), ids(messages));
        for (RunQueue.Delivered message : messages) {
            int id = message.json().get("id").asInt();
            String topic = id == 4 ? CUSTOMER_TOPIC : PRODUCT_TOPIC;
            assertEquals(topic, message.routingKey(), "routing key = topic");
            assertTrue(message.persistent(), "persistent delivery");
            assertEquals("application/json", message.contentType());
            JsonOrder.assertSameJson("""
                    {"bulk_uuid": "%s", "id": %d, "topic_name": "%s", "store_id": 1, "user_id": %d, "user_type": 1}
                    """.formatted(uuid, id, topic, owner), message.body());
        }

        // The status routes show the bulk in progress again.
        StatusApi.asIntegration(owner).get("/rest/V1/bulk/" + uuid + "/status").then().statusCode(200)
                .body("extension_attributes.bulk_status", equalTo(1))
                .body("extension_attributes.counts.open", equalTo(2))
                .body("extension_attributes.counts.retriably_failed", equalTo(0))
                .body("operations_list[1].error_code", nullValue())
                .body("operations_list[1].result_message", nullValue());
        StatusApi.asIntegration(owner).get("/rest/V1/bulk/" + uuid + "/operation-status/4")
                .then().statusCode(200).body(equalTo("2"));
    }

    @Test
    void retryOfGivenStatusesEachTimeBumpsTheEpoch() throws Exception {
        UUID uuid = BulkRows.adminBulk(COMPLETE, RETRIABLY_FAILED, NOT_RETRIABLY_FAILED, REJECTED, NOT_RETRIABLY_FAILED);

        assertEquals(3, retry(StatusApi.asAdmin(), uuid, "{\"statuses\": [3, 5]}"));
        assertEquals(1, epoch(uuid));
        assertEquals(Set.of(2, 3, 4), ids(RunQueue.take(uuid.toString(), 3, WAIT)));
        assertEquals(RETRIABLY_FAILED, status(uuid, 1));

        // Simulate the worker finishing them again, then retry the rest.
        BulkRows.execute("UPDATE operation SET status = " + COMPLETE + " WHERE bulk_uuid = ? AND status = " + OPEN, uuid);
        assertEquals(1, retry(StatusApi.asAdmin(), uuid, "{\"statuses\": [\"2\"]}"));
        assertEquals(2, epoch(uuid));
        assertEquals(Set.of(1), ids(RunQueue.take(uuid.toString(), 1, WAIT)));
    }

    @Test
    void retryFiltersByErrorCode() throws Exception {
        UUID uuid = BulkRows.bulk(1, StatusApi.ADMIN, null, List.of(
                Op.of(0, RETRIABLY_FAILED).error(503, "lock wait"),
                Op.of(1, RETRIABLY_FAILED).error(504, "timeout"),
                Op.of(2, NOT_RETRIABLY_FAILED).error(504, "timeout"),
                Op.of(3, RETRIABLY_FAILED).error(429, "too many requests")));

        assertEquals(2, retry(StatusApi.asAdmin(), uuid, "{\"statuses\": [2, 3], \"error_codes\": [504]}"));
        assertEquals(OPEN, status(uuid, 1));
        assertEquals(OPEN, status(uuid, 2));
        assertEquals(RETRIABLY_FAILED, status(uuid, 0));
        assertEquals(RETRIABLY_FAILED, status(uuid, 3));
        assertEquals(Set.of(1, 2), ids(RunQueue.take(uuid.toString(), 2, WAIT)));

        // camelCase is accepted too, as everywhere in Magento's Web API.
        assertEquals(2, retry(StatusApi.asAdmin(), uuid, "{\"errorCodes\": [503, 429]}"));
        assertEquals(2, epoch(uuid));
        // A retry publishes every open operation of the bulk, including 1 and 2 still open from the first one:
        // after the epoch bump it owns the bulk's publication, so nothing another publisher left can be lost.
        assertEquals(Set.of(0, 1, 2, 3), ids(RunQueue.take(uuid.toString(), 4, WAIT)));
    }

    @Test
    void retryWithNothingToReopenAnswersZeroAndChangesNothing() throws Exception {
        UUID uuid = BulkRows.adminBulk(COMPLETE, NOT_RETRIABLY_FAILED);
        Map<String, Object> before = BulkRows.bulkRow(uuid);
        assertEquals(0, retry(StatusApi.asAdmin(), uuid, "{}"));
        assertEquals(0, retry(StatusApi.asAdmin(), uuid, "{\"statuses\": [2], \"error_codes\": [400]}"));
        assertEquals(0, retry(StatusApi.asAdmin(), uuid, "{\"statuses\": [3], \"error_codes\": [999]}"));
        assertEquals(before, BulkRows.bulkRow(uuid));
        assertEquals(NOT_RETRIABLY_FAILED, status(uuid, 1));
        assertEquals(List.of(), RunQueue.take(uuid.toString(), 1, QUIET));
    }

    @Test
    void onlyFailedStatusesCanBeRetried() {
        UUID uuid = BulkRows.adminBulk(COMPLETE, OPEN, RETRIABLY_FAILED);
        for (int status : new int[] {1, 4, 0, 6}) {
            JsonOrder.assertSameJson("""
                    {"message": "Only failed operations can be retried: statuses 2, 3 or 5, not %%status.",
                     "parameters": {"status": %d}}
                    """.formatted(status), retryError(uuid, "{\"statuses\": [2, " + status + "]}"));
        }
        // A status beyond int range does not wrap around to a retriable one (4294967298 = 2^32 + 2).
        JsonOrder.assertSameJson("""
                {"message": "Invalid value of \\"%value\\" provided for the %fieldName field.",
                 "parameters": {"value": "4294967298", "fieldName": "statuses"}}
                """, retryError(uuid, "{\"statuses\": [4294967298]}"));
        assertEquals(RETRIABLY_FAILED, status(uuid, 2));
        assertEquals(0, epoch(uuid));
    }

    @Test
    void aMalformedRetryRequestIsABadRequest() {
        UUID uuid = BulkRows.adminBulk(RETRIABLY_FAILED);
        JsonOrder.assertSameJson("""
                {"message": "Decoding error."}
                """, retryError(uuid, "{\"statuses\": [2"));
        JsonOrder.assertSameJson("""
                {"message": "Error occurred during \\"statuses\\" processing. The \\"two\\" value's type is invalid. The \\"int\\" type was expected. Verify and try again."}
                """, retryError(uuid, "{\"statuses\": [\"two\"]}"));
        JsonOrder.assertSameJson("""
                {"message": "Error occurred during \\"statuses\\" processing. The \\"2\\" value's type is invalid. The \\"int[]\\" type was expected. Verify and try again."}
                """, retryError(uuid, "{\"statuses\": 2}"));
        JsonOrder.assertSameJson("""
                {"message": "Property \\"Force\\" does not have accessor method \\"getForce\\" in class \\"CatalogBulk\\\\AsynchronousOperations\\\\Api\\\\Data\\\\RetryRequestInterface\\"."}
                """, retryError(uuid, "{\"force\": true}"));
        assertEquals(RETRIABLY_FAILED, status(uuid, 0));
        assertEquals(0, epoch(uuid));
    }

    @Test
    void retryUnderAStoreCodeWorksTheSame() throws Exception {
        UUID uuid = BulkRows.adminBulk(RETRIABLY_FAILED, COMPLETE);
        String answer = StatusApi.asAdmin().contentType(ContentType.JSON).body("{}")
                .post("/rest/default/V1/bulk/" + uuid + "/retry")
                .then().statusCode(200).extract().asString();
        assertEquals("1", answer.trim());
        assertEquals(Set.of(0), ids(RunQueue.take(uuid.toString(), 1, WAIT)));
        assertEquals(1, epoch(uuid));
    }

    // --- acknowledge -------------------------------------------------------------------------------------------

    private static String acknowledge(RequestSpecification caller, UUID uuid, int expectedStatus) {
        return caller.post("/rest/V1/bulk/" + uuid + "/acknowledge")
                .then().statusCode(expectedStatus).contentType(ContentType.JSON)
                .extract().asString();
    }

    @Test
    void acknowledgingAFinishedBulkMarksItSeenOnce() {
        int owner = BulkRows.freshUserId();
        UUID uuid = BulkRows.bulk(owner, StatusApi.INTEGRATION, COMPLETE, COMPLETE);
        assertNull(BulkRows.bulkRow(uuid).get("acknowledged_at"));

        assertEquals("true", acknowledge(StatusApi.asIntegration(owner), uuid, 200).trim());
        Object first = BulkRows.bulkRow(uuid).get("acknowledged_at");
        assertNotNull(first);

        // Acknowledging again is harmless and keeps the first time.
        assertEquals("true", acknowledge(StatusApi.asIntegration(owner), uuid, 200).trim());
        assertEquals(first, BulkRows.bulkRow(uuid).get("acknowledged_at"));
    }

    @Test
    void aBulkFinishedWithFailureCanBeAcknowledged() {
        UUID uuid = BulkRows.adminBulk(COMPLETE, NOT_RETRIABLY_FAILED, REJECTED, RETRIABLY_FAILED);
        assertEquals("true", acknowledge(StatusApi.asAdmin(), uuid, 200).trim());
        assertNotNull(BulkRows.bulkRow(uuid).get("acknowledged_at"));
    }

    @Test
    void anUnfinishedBulkCannotBeAcknowledged() {
        for (int[] statuses : List.of(new int[] {OPEN, OPEN}, new int[] {COMPLETE, OPEN}, new int[] {NOT_RETRIABLY_FAILED, OPEN})) {
            UUID uuid = BulkRows.adminBulk(statuses);
            JsonOrder.assertSameJson("""
                    {"message": "Bulk %%bulkUuid is not finished yet; only a finished bulk can be acknowledged.",
                     "parameters": {"bulkUuid": "%s"}}
                    """.formatted(uuid), acknowledge(StatusApi.asAdmin(), uuid, 400));
            assertNull(BulkRows.bulkRow(uuid).get("acknowledged_at"));
        }
    }

    @Test
    void acknowledgeUnderAStoreCodeWorksTheSame() {
        UUID uuid = BulkRows.adminBulk(COMPLETE);
        StatusApi.asAdmin().post("/rest/all/V1/bulk/" + uuid + "/acknowledge")
                .then().statusCode(200).body(equalTo("true"));
        assertNotNull(BulkRows.bulkRow(uuid).get("acknowledged_at"));
    }

    @Test
    void retryReopensAnAcknowledgedBulkAndItCanBeSeenInProgress() throws Exception {
        UUID uuid = BulkRows.adminBulk(COMPLETE, RETRIABLY_FAILED);
        acknowledge(StatusApi.asAdmin(), uuid, 200);
        assertEquals(1, retry(StatusApi.asAdmin(), uuid, null));
        assertEquals(Set.of(1), ids(RunQueue.take(uuid.toString(), 1, WAIT)));
        JsonNode body = JsonOrder.parse(StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/status").asString());
        assertEquals(1, body.at("/extension_attributes/bulk_status").asInt());
    }
}
