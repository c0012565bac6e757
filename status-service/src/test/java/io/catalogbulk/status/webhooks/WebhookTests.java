package io.catalogbulk.status.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.ledger.ExecutionLedger;
import io.catalogbulk.core.ledger.OperationRow;
import io.catalogbulk.core.ledger.Outcome;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestTokens;
import io.catalogbulk.testsupport.WebhookReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Completion webhooks through HTTP, against the real database and a real HTTP receiver that verifies every request
 * with the Standard Webhooks algorithm. Bulks are finished the way the worker finishes them (ExecutionLedger, in a
 * transaction), so the event is the one the database records when the bulk finishes.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class WebhookTests {

    static final String TOPIC = "async.magento.catalog.api.productrepositoryinterface.save.post";
    static final int INTEGRATION = TestTokens.INTEGRATION;

    private static WebhookReceiver receiver;

    @Inject
    DataSource dataSource;

    @Inject
    ExecutionLedger ledger;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    static int freshUser() {
        return ThreadLocalRandom.current().nextInt(1_000_000, 2_000_000_000);
    }

    static RequestSpecification as(int userId) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.token(userId, INTEGRATION, Set.of())));
    }

    static String path() {
        return "/hook-" + UUID.randomUUID();
    }

    /** Subscribes the user's endpoint and tells the receiver its secret; the subscription id. */
    static String subscribe(int userId, String path, String... events) {
        JsonNode answer = Json.MAPPER.valueToTree(as(userId).contentType(ContentType.JSON)
                .body(Map.of("webhook", Map.of("url", receiver.url(path), "events", List.of(events))))
                .post("/rest/V1/bulk/webhooks").then().statusCode(200)
                .body("secret", startsWith("whsec_")).body("url", equalTo(receiver.url(path)))
                .extract().as(Map.class));
        receiver.secret(path, answer.get("secret").asText());
        return answer.get("id").asText();
    }

    /** A published bulk of the user with {@code size} open operations. */
    UUID bulk(int userId, int size) throws Exception {
        UUID uuid = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement bulk = connection.prepareStatement("INSERT INTO bulk (uuid, user_id, user_type, description,"
                    + " operation_count, publish_lease_until, published_at) VALUES (?, ?, ?, 'Topic " + TOPIC + "', ?, now(), now())")) {
                bulk.setObject(1, uuid);
                bulk.setObject(2, userId, Types.INTEGER);
                bulk.setInt(3, INTEGRATION);
                bulk.setInt(4, size);
                bulk.executeUpdate();
            }
            try (PreparedStatement operations = connection.prepareStatement("INSERT INTO operation (bulk_uuid, id, topic_name,"
                    + " serialized_data, store_id, store_scope) SELECT ?, g, '" + TOPIC + "', '{}', 1, 'implicit'"
                    + " FROM generate_series(0, ? - 1) g")) {
                operations.setObject(1, uuid);
                operations.setInt(2, size);
                operations.executeUpdate();
            }
            connection.commit();
        }
        return uuid;
    }

    /** Executes every open operation as the worker records it: operation 1 fails, the others complete. */
    void finish(UUID bulk, int size) throws Exception {
        List<OperationMessage> messages = new ArrayList<>();
        for (int id = 0; id < size; id++) {
            messages.add(new OperationMessage(bulk, id, TOPIC, 1, null, 0));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<OperationRow> rows = ledger.lock(connection, messages);
            ledger.record(connection, rows.stream().map(row -> row.id() == 1
                    ? Outcome.failed(row, OperationStatus.NOT_RETRIABLY_FAILED, 400, "The product SKU is invalid")
                    : Outcome.complete(row, null, "{}")).toList());
            connection.commit();
        }
    }

    static List<WebhookReceiver.Delivery> awaitDeliveries(String path, int atLeast) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.deliveries(path), list -> list.size() >= atLeast);
    }

    static List<Map<String, Object>> deliveries(int userId, String subscription) {
        return as(userId).get("/rest/V1/bulk/webhooks/" + subscription + "/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    @Test
    void aFinishedBulkIsPostedSignedToItsOwnersSubscriptionOnly() throws Exception {
        int owner = freshUser();
        int other = freshUser();
        String path = path();
        String otherPath = path();
        String id = subscribe(owner, path, "bulk.finished", "import.finished");
        String otherId = subscribe(other, otherPath, "bulk.finished");

        as(owner).get("/rest/V1/bulk/webhooks").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(id)).body("[0].events", equalTo(List.of("bulk.finished", "import.finished")))
                .body("[0]", not(hasKey("secret")));

        UUID othersBulk = bulk(other, 1);
        finish(othersBulk, 1);
        UUID bulk = bulk(owner, 3);
        finish(bulk, 3);

        WebhookReceiver.Delivery delivery = awaitDeliveries(path, 1).get(0);
        assertTrue(delivery.verified(), delivery.verdict());
        assertTrue(delivery.id().startsWith("msg_"), delivery.id());
        JsonNode event = Json.MAPPER.readTree(delivery.body());
        assertEquals("bulk.finished", event.get("type").asText());
        assertEquals(bulk.toString(), event.at("/data/bulk_uuid").asText());
        assertEquals(3, event.at("/data/bulk_status").asInt());
        assertEquals(2, event.at("/data/counts/complete").asInt());
        assertEquals(1, event.at("/data/counts/not_retriably_failed").asInt());
        assertTrue(event.has("timestamp") && event.at("/data/finished_at").isTextual(), event.toString());

        WebhookReceiver.Delivery others = awaitDeliveries(otherPath, 1).get(0);
        assertEquals(othersBulk.toString(), Json.MAPPER.readTree(others.body()).at("/data/bulk_uuid").asText());
        Thread.sleep(500);
        assertEquals(1, receiver.deliveries(path).size(), "nothing of another principal's bulks");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(owner, id), list -> !list.isEmpty());
        Map<String, Object> attempt = deliveries(owner, id).get(0);
        assertEquals(204, attempt.get("http_status"));
        assertEquals(null, attempt.get("error"));
        assertEquals("delivered", attempt.get("event_state"));
        assertEquals(delivery.id(), attempt.get("event_id"));
        assertEquals(bulk.toString(), attempt.get("bulk_uuid"));

        // Another principal's subscription does not exist for this one.
        as(owner).get("/rest/V1/bulk/webhooks/" + otherId + "/deliveries").then().statusCode(404);
        as(owner).delete("/rest/V1/bulk/webhooks/" + otherId).then().statusCode(404)
                .body("message", equalTo(WebhookResource.NOT_FOUND)).body("parameters.id", equalTo(otherId));
    }

    @Test
    void aReceiverThatAnswers500OrHangsIsRetriedWithEveryAttemptLogged() throws Exception {
        int owner = freshUser();
        String failing = path();
        String failingId = subscribe(owner, failing, "bulk.finished");
        receiver.behave(failing, WebhookReceiver.Behaviour.FAIL);
        String hanging = path();
        String hangingId = subscribe(owner, hanging, "bulk.finished");
        receiver.behave(hanging, WebhookReceiver.Behaviour.HANG);

        UUID bulk = bulk(owner, 2);
        finish(bulk, 2);

        List<WebhookReceiver.Delivery> failed = awaitDeliveries(failing, 2);
        assertEquals(failed.get(0).id(), failed.get(1).id(), "the same event, retried");
        assertEquals(failed.get(0).body(), failed.get(1).body());
        awaitDeliveries(hanging, 2);

        List<Map<String, Object>> logged = deliveries(owner, failingId);
        assertTrue(logged.size() >= 2, logged.toString());
        assertEquals(500, logged.get(0).get("http_status"));
        assertEquals("The receiver answered HTTP 500.", logged.get(0).get("error"));
        assertEquals("pending", logged.get(0).get("event_state"));
        Map<String, Object> timedOut = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveries(owner, hangingId), list -> !list.isEmpty()).get(0);
        assertEquals(null, timedOut.get("http_status"));
        assertTrue(String.valueOf(timedOut.get("error")).contains("No answer within 1000 ms"), timedOut.toString());
        assertTrue(((Number) timedOut.get("duration_ms")).intValue() < 5000, timedOut.toString());

        // Both receivers recover: the next attempt delivers.
        receiver.behave(failing, WebhookReceiver.Behaviour.ACCEPT);
        receiver.behave(hanging, WebhookReceiver.Behaviour.ACCEPT);
        for (String subscription : List.of(failingId, hangingId)) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(owner, subscription).get(0),
                    latest -> Integer.valueOf(204).equals(latest.get("http_status")) && "delivered".equals(latest.get("event_state")));
        }
        assertTrue(receiver.deliveries(failing).stream().allMatch(WebhookReceiver.Delivery::verified));
    }

    @Test
    void aDeletedSubscriptionIsSentNothingMore() throws Exception {
        int owner = freshUser();
        String path = path();
        String id = subscribe(owner, path, "bulk.finished");
        receiver.behave(path, WebhookReceiver.Behaviour.FAIL);
        finish(bulk(owner, 1), 1);
        awaitDeliveries(path, 1);
        as(owner).delete("/rest/V1/bulk/webhooks/" + id).then().statusCode(200).body(equalTo("true"));
        as(owner).get("/rest/V1/bulk/webhooks").then().statusCode(200).body("$", hasSize(0));
        int seen = receiver.deliveries(path).size();
        finish(bulk(owner, 1), 1);
        Thread.sleep(2000);
        assertTrue(receiver.deliveries(path).size() <= seen + 1, "at most the attempt already under way");
        as(owner).delete("/rest/V1/bulk/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void badInputIsAClear4xx() {
        int owner = freshUser();
        String url = receiver.url("/x");
        post(owner, "{").statusCode(400).body("message", equalTo("Decoding error."));
        post(owner, "[]").statusCode(400).body("parameters.fieldName", equalTo("webhook"));
        post(owner, "{\"webhook\":{\"events\":[\"bulk.finished\"]}}").statusCode(400).body("parameters.fieldName", equalTo("url"));
        post(owner, "{\"webhook\":{\"url\":\"" + url + "\"}}").statusCode(400).body("parameters.fieldName", equalTo("events"));
        post(owner, "{\"webhook\":{\"url\":\"" + url + "\",\"events\":[]}}").statusCode(400);
        post(owner, "{\"webhook\":{\"url\":\"" + url + "\",\"events\":[\"bulk.started\"]}}").statusCode(400)
                .body("parameters.value", equalTo("bulk.started"));
        for (String bad : List.of("not a url", "/relative/path", "ftp://example.com/hook", "https://user:pw@example.com/hook",
                "https://exa mple.com", "https:///nohost", "https://example.com/" + "a".repeat(3000))) {
            post(owner, Json.string(Json.MAPPER.valueToTree(Map.of("webhook", Map.of("url", bad, "events", List.of("bulk.finished")))))).statusCode(400)
                    .body("message", equalTo("The webhook URL is not accepted: %reason"));
        }
        post(owner, "{\"webhook\":{\"url\":\"" + url + "\",\"events\":[\"bulk.finished\"],\"x\":\"" + "a".repeat(20_000) + "\"}}")
                .statusCode(413);
        as(owner).delete("/rest/V1/bulk/webhooks/not-a-uuid").then().statusCode(404);
        as(owner).delete("/rest/V1/bulk/webhooks/" + UUID.randomUUID()).then().statusCode(404);
        as(owner).get("/rest/V1/bulk/webhooks/" + UUID.randomUUID() + "/deliveries").then().statusCode(404);
        given().get("/rest/V1/bulk/webhooks").then().statusCode(401);
        as(owner).get("/rest/V1/bulk/webhooks").then().statusCode(200).body("$", hasSize(0));
    }

    private static io.restassured.response.ValidatableResponse post(int owner, String body) {
        return as(owner).contentType(ContentType.JSON).body(body).post("/rest/V1/bulk/webhooks").then().contentType(ContentType.JSON);
    }
}
