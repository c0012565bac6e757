package io.catalogbulk.ingest.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/** What the ingest tests share: an admin token from the real token route, SQL probes, and the run's queue. */
public final class IngestTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String token;

    private IngestTestSupport() {
    }

    public static synchronized String adminToken() {
        if (token == null) {
            token = given().contentType(ContentType.JSON)
                    .body("{\"username\":\"admin\",\"password\":\"admin123\"}")
                    .post("/rest/V1/integration/admin/token")
                    .then().statusCode(200).extract().as(String.class);
        }
        return token;
    }

    public static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + adminToken()).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static java.sql.Connection db() throws SQLException {
        return TestEnvironment.connect(ServiceTestResource.DATABASE);
    }

    public static long count(String sql, Object... params) throws SQLException {
        try (java.sql.Connection c = db(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A message taken from this run's queue, with its routing key. */
    public record Delivered(String routingKey, JsonNode body, boolean persistent, String contentType) {
    }

    /**
     * Takes messages from this run's queue until {@code expected} messages of the bulk arrived (others are
     * dropped: tests run one after the other and each waits for its own).
     */
    public static List<Delivered> awaitMessages(String bulkUuid, int expected, Duration timeout) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(TestEnvironment.RABBIT_HOST);
        factory.setPort(TestEnvironment.RABBIT_PORT);
        List<Delivered> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = factory.newConnection("ingest test probe"); Channel channel = connection.createChannel()) {
            while (found.size() < expected && System.nanoTime() < deadline) {
                GetResponse response = channel.basicGet(ServiceTestResource.brokerNames().queue(), true);
                if (response == null) {
                    Thread.sleep(50);
                    continue;
                }
                JsonNode body = JSON.readTree(new String(response.getBody(), StandardCharsets.UTF_8));
                if (bulkUuid.equals(body.path("bulk_uuid").asText())) {
                    found.add(new Delivered(response.getEnvelope().getRoutingKey(), body,
                            Integer.valueOf(2).equals(response.getProps().getDeliveryMode()), response.getProps().getContentType()));
                }
            }
        }
        return found;
    }
}
