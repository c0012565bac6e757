package io.catalogbulk.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/**
 * The operation messages a {@code @QuarkusTest} application published to its run's own queues: the operations queue
 * and the interactive queue of small requests ({@code <queue>.interactive}).
 */
public final class RunQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunQueue() {
    }

    /**
     * One operation of a message taken from the queue, with the message's routing key and properties; a message
     * of several operations ({@code count}) yields one entry per operation, {@code messageCount} telling how many
     * the message carried. {@code json} keeps key order; {@code priority} is 0 when the message carries none;
     * {@code interactive} whether it came from the interactive queue.
     */
    public record Delivered(String routingKey, String body, JsonNode json, boolean persistent, String contentType, int priority,
            int messageCount, boolean interactive) {
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
            String queue = ServiceTestResource.brokerNames().queue();
            String interactive = ServiceTestResource.brokerNames().interactiveQueue();
            while (found.size() < expected && System.nanoTime() < deadline) {
                boolean fromInteractive = true;
                GetResponse response = channel.basicGet(interactive, true);
                if (response == null) {
                    fromInteractive = false;
                    response = channel.basicGet(queue, true);
                }
                if (response == null) {
                    Thread.sleep(50);
                    continue;
                }
                String body = new String(response.getBody(), StandardCharsets.UTF_8);
                JsonNode json = JSON.readTree(body);
                if (!bulkUuid.equals(json.path("bulk_uuid").asText())) {
                    continue;
                }
                int count = json.path("count").asInt(1);
                for (int i = 0; i < count; i++) {
                    ObjectNode operation = json.deepCopy();
                    operation.remove("count");
                    operation.put("id", json.path("id").asInt() + i);
                    found.add(new Delivered(response.getEnvelope().getRoutingKey(), count == 1 ? body : JSON.writeValueAsString(operation),
                            operation, Integer.valueOf(2).equals(response.getProps().getDeliveryMode()),
                            response.getProps().getContentType(),
                            response.getProps().getPriority() == null ? 0 : response.getProps().getPriority(), count, fromInteractive));
                }
            }
        }
        return found;
    }
}
