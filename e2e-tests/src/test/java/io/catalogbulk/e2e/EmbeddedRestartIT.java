package io.catalogbulk.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import io.catalogbulk.testsupport.PrometheusText;
import io.catalogbulk.testsupport.ServiceProcesses;
import io.catalogbulk.testsupport.ServiceProcesses.ServiceProcess;
import io.catalogbulk.testsupport.TestEnvironment;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * What bin/stop and bin/start --embedded do to work in flight: a bulk is accepted and its messages are waiting in the
 * embedded broker (no worker runs) when the whole embedded pair stops; after the pair and the services start again
 * the bulk completes, from the messages the broker kept, without either relay publishing anything again (the
 * lost-message relay would wait 10 minutes). Uses a pair of its own, so the shared system of the other tests is
 * not disturbed. Runs in the embedded-e2e profile only.
 */
class EmbeddedRestartIT {

    /**
     * More than BROKER_INTERACTIVE_MAX_OPERATIONS (100): a bulk, so its messages wait in the operations queue (a request
     * of at most 100 operations goes to the interactive queue instead).
     */
    private static final int PRODUCTS = 145;

    private ServiceProcesses processes;
    private EmbeddedPair pair;

    @AfterEach
    void stopEverything() throws Exception {
        if (processes != null) {
            processes.close();
        }
        if (pair != null) {
            pair.stop();
        }
    }

    @Test
    void anAcceptedBulkQueuedWhenThePairStoppedCompletesAfterTheRestart() throws Exception {
        assumeTrue(EmbeddedPair.requested(), "the embedded-e2e profile names the embedded-infra jar");
        Path directory = Path.of(System.getProperty("embedded.infra.dir") + "-restart");
        pair = new EmbeddedPair(directory, ServiceProcesses.freePort(), ServiceProcesses.freePort(), TestEnvironment.PG_PASSWORD);
        pair.startFresh();
        Map<String, String> settings = pair.serviceSettings();
        TestEnvironment.BrokerNames names = TestEnvironment.brokerNames("restart");
        Map<String, String> environment = new HashMap<>(ServiceProcesses.environment("unused", names));
        environment.putAll(settings);
        Path root = Path.of(System.getProperty("project.root", ".."));
        processes = new ServiceProcesses(root, root.resolve(System.getProperty("e2e.logs", "e2e-tests/target/e2e-logs"))
                .resolve("restart"), environment, "512m");

        ServiceProcess ingest = processes.start("ingest");
        String bearer = "Bearer " + given().baseUri(ingest.url()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "admin123"))
                .post("/rest/V1/integration/admin/token").then().statusCode(200).extract().as(String.class);
        String prefix = "restart-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            items.add(Map.of("product", Map.of("sku", prefix + i, "name", "Kept " + i, "price", 10 + i, "status", 1,
                    "visibility", 4, "type_id", "simple", "attribute_set_id", 4, "weight", 1)));
        }
        String bulkUuid = given().baseUri(ingest.url()).header("Authorization", bearer).contentType(ContentType.JSON)
                .body(items).post("/rest/async/bulk/V1/products")
                .then().statusCode(202).extract().path("bulk_uuid");
        // Accepted and confirmed by the broker: the bulk is marked published, its messages wait in the queue.
        await().atMost(Duration.ofMinutes(1)).until(() -> isPublished(settings, bulkUuid));
        int queued = queueDepth(settings, names.queue());
        assertEquals((PRODUCTS + 19) / 20, queued, "messages of 20 operations each (BROKER_OPERATIONS_PER_MESSAGE)");

        // bin/stop: the services, then the pair.
        processes.close();
        pair.stop();

        // bin/start --embedded: the pair, then the services.
        pair.start();
        assertEquals(queued, queueDepth(settings, names.queue()), "the broker kept the queued messages");
        ingest = processes.start("ingest");
        ServiceProcess worker = processes.launch("worker", Map.of());
        ServiceProcess status = processes.launch("status", Map.of());
        processes.awaitReady(worker);
        processes.awaitReady(status);

        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = given().baseUri(status.url()).header("Authorization", bearer)
                    .get("/rest/V1/bulk/" + bulkUuid + "/status").then().statusCode(200).extract().jsonPath();
            return last[0].getInt("extension_attributes.bulk_status") >= 2;
        });
        assertEquals(2, last[0].getInt("extension_attributes.bulk_status"), "finished successfully");
        assertEquals(PRODUCTS, last[0].getInt("extension_attributes.counts.complete"));
        given().baseUri(ingest.url()).header("Authorization", bearer).get("/rest/V1/products/" + prefix + (PRODUCTS - 1))
                .then().statusCode(200);

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ingest.url() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertEquals(0, PrometheusText.require(metrics, "catalog_bulk_relay_republished_total"), "publish relay");
        // Registered at its first increment: absent means nothing was published again.
        assertEquals(0, PrometheusText.value(metrics, "catalog_bulk_lost_relay_republished_total").orElse(0), "lost-message relay");
    }

    private static boolean isPublished(Map<String, String> settings, String bulkUuid) throws Exception {
        try (Connection connection = DriverManager.getConnection(settings.get("DB_URL"), settings.get("DB_USER"),
                settings.get("DB_PASSWORD"));
                PreparedStatement statement = connection.prepareStatement("SELECT published_at IS NOT NULL FROM bulk WHERE uuid = ?")) {
            statement.setObject(1, UUID.fromString(bulkUuid));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static int queueDepth(Map<String, String> settings, String queue) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.get("RABBITMQ_HOST"));
        factory.setPort(Integer.parseInt(settings.get("RABBITMQ_PORT")));
        factory.setUsername(settings.get("RABBITMQ_USERNAME"));
        factory.setPassword(settings.get("RABBITMQ_PASSWORD"));
        try (var connection = factory.newConnection("EmbeddedRestartIT"); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }
}
