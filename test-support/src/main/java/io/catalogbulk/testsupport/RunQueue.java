package io.catalogbulk.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/** The operation messages a {@code @QuarkusTest} application published to its run's own queue. */
public final class RunQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunQueue() {
    }

    /**
     * A message taken from the queue, with its routing key and properties; {@code json} keeps key order;
     * {@code priority} is 0 when the message carries none.
     */
    public record Delivered(String routingKey, String body, JsonNode json, boolean persistent, String contentType, int priority) {
    }

    /**
     * Takes messages from the run's queue until {@code expected} messages of the bulk arrived or the timeout
     * passed. Messages of other bulks are dropped: every test waits for its own right after causing them.
     */
    public static List<Delivered> take(String bulkUuid, int expected, Duration timeout) throws Exception {
        List<Delivered> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = TestEnvironment.brokerConnection("test queue probe");
                Channel channel = connection.createChannel()) {
            while (found.size() < expected && System.nanoTime() < deadline) {
                GetResponse response = channel.basicGet(ServiceTestResource.brokerNames().queue(), true);
                if (response == null) {
                    Thread.sleep(50);
                    continue;
                }
                String body = new String(response.getBody(), StandardCharsets.UTF_8);
                JsonNode json = JSON.readTree(body);
                if (bulkUuid.equals(json.path("bulk_uuid").asText())) {
                    found.add(new Delivered(response.getEnvelope().getRoutingKey(), body, json,
                            Integer.valueOf(2).equals(response.getProps().getDeliveryMode()),
                            response.getProps().getContentType(),
                            response.getProps().getPriority() == null ? 0 : response.getProps().getPriority()));
                }
            }
        }
        return found;
    }
}
