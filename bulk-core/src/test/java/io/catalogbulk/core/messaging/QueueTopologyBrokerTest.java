package io.catalogbulk.core.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The topology against the machine's real RabbitMQ, on names of each test's own: declarations repeat without
 * PRECONDITION_FAILED, small requests reach the interactive queue and bulks the operations queue, and a quorum
 * queue dead-letters a message after its delivery limit into {@code <queue>.dlq}.
 */
class QueueTopologyBrokerTest {

    private final List<TestEnvironment.BrokerNames> created = new ArrayList<>();

    @AfterEach
    void deleteNames() {
        created.forEach(TestEnvironment::deleteBrokerNames);
    }

    private BrokerConfig config(String queueType, int deliveryLimit) {
        TestEnvironment.BrokerNames names = TestEnvironment.brokerNames("topology");
        created.add(names);
        return QueueTopologyTest.config(queueType, 1, deliveryLimit, names.exchange(), names.queue());
    }

    @Test
    void everyServiceDeclaringTheSameTopologyAgainIsAccepted() throws Exception {
        for (String type : List.of("classic", "quorum")) {
            BrokerConfig config = config(type, 20);
            try (Connection connection = TestEnvironment.brokerConnection("topology test"); Channel channel = connection.createChannel()) {
                QueueTopology.declare(channel, config);
                QueueTopology.declare(channel, config);
                assertTrue(channel.isOpen(), type);
            }
        }
    }

    @Test
    void aQueueOfTheOtherTypeIsRefusedWhichIsWhyChangingTypeNeedsANewQueueName() throws Exception {
        BrokerConfig classic = config("classic", 20);
        BrokerConfig quorum = QueueTopologyTest.config("quorum", 1, 20, classic.exchange(), classic.queue());
        try (Connection connection = TestEnvironment.brokerConnection("topology test")) {
            QueueTopology.declare(connection.createChannel(), classic);
            IOException refused = assertThrows(IOException.class, () -> QueueTopology.declare(connection.createChannel(), quorum));
            assertTrue(String.valueOf(refused.getCause()).contains("PRECONDITION_FAILED"), String.valueOf(refused.getCause()));
        }
    }

    @Test
    void smallRequestsAndBulksReachTheirOwnQueuesWithTheTopicAsRoutingKey() throws Exception {
        for (String type : List.of("classic", "quorum")) {
            BrokerConfig config = config(type, 20);
            try (Connection connection = TestEnvironment.brokerConnection("topology test"); Channel channel = connection.createChannel()) {
                QueueTopology.declare(channel, config);
                channel.confirmSelect();
                String topic = "async.magento.catalog.api.productrepositoryinterface.save.post";
                channel.basicPublish(config.interactiveExchange(), topic, true, MessageProperties.PERSISTENT_BASIC, bytes("small"));
                channel.basicPublish(config.exchange(), topic, true, MessageProperties.PERSISTENT_BASIC, bytes("bulk"));
                channel.waitForConfirmsOrDie(5_000);
                GetResponse small = channel.basicGet(config.interactiveQueue(), true);
                GetResponse bulk = channel.basicGet(config.queue(), true);
                assertEquals("small", text(small), type);
                assertEquals(topic, small.getEnvelope().getRoutingKey(), type);
                assertEquals("bulk", text(bulk), type);
                assertNull(channel.basicGet(config.interactiveQueue(), true), type);
                assertNull(channel.basicGet(config.queue(), true), type);
            }
        }
    }

    @Test
    void quorumQueuesDeadLetterAMessageAfterItsDeliveryLimit() throws Exception {
        BrokerConfig config = config("quorum", 3);
        try (Connection connection = TestEnvironment.brokerConnection("topology test"); Channel channel = connection.createChannel()) {
            QueueTopology.declare(channel, config);
            channel.confirmSelect();
            for (String exchange : List.of(config.exchange(), config.interactiveExchange())) {
                channel.basicPublish(exchange, "async.x", true, MessageProperties.PERSISTENT_BASIC, bytes("looping " + exchange));
            }
            channel.waitForConfirmsOrDie(5_000);
            for (String queue : List.of(config.queue(), config.interactiveQueue())) {
                // Delivered and requeued as a consumer that fails on it would: the limit counts those deliveries.
                for (int delivery = 1; delivery <= 4; delivery++) {
                    GetResponse response = awaitMessage(channel, queue);
                    assertNotNull(response, queue + ", delivery " + delivery);
                    channel.basicNack(response.getEnvelope().getDeliveryTag(), false, true);
                }
                assertNull(awaitMessage(channel, queue, Duration.ofMillis(500)), queue + ": dead-lettered after its limit");
            }
            List<String> deadLettered = new ArrayList<>();
            for (GetResponse r; (r = awaitMessage(channel, QueueTopology.deadLetterQueue(config), Duration.ofSeconds(2))) != null; ) {
                deadLettered.add(text(r));
                channel.basicAck(r.getEnvelope().getDeliveryTag(), false);
            }
            assertEquals(List.of("looping " + config.exchange(), "looping " + config.interactiveExchange()), deadLettered);
        }
    }

    private static GetResponse awaitMessage(Channel channel, String queue) throws Exception {
        return awaitMessage(channel, queue, Duration.ofSeconds(5));
    }

    private static GetResponse awaitMessage(Channel channel, String queue, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            GetResponse response = channel.basicGet(queue, false);
            if (response != null) {
                return response;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return null;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(GetResponse response) {
        return response == null ? null : new String(response.getBody(), StandardCharsets.UTF_8);
    }
}
