package io.catalogbulk.embedded.broker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.PossibleAuthenticationFailureException;

/**
 * The embedded broker, spoken to with the RabbitMQ Java client exactly as the services speak to RabbitMQ: the
 * declarations they make, persistent publishing with confirms, prefetch, acknowledgements and requeues, the
 * dead-letter copy through the default exchange and the passive declare behind the queue-depth gauge. What it
 * must keep across a restart is checked by stopping and starting it on the same directory.
 */
class AmqpBrokerIT {

    private static final String USER = "catalog-bulk";
    private static final String PASSWORD = "broker-test-password";
    /** What every service declares the operations queue with (QueueTopology, max priority 0). */
    private static final Map<String, Object> SERVICE_QUEUE_ARGUMENTS = Map.of("x-queue-type", "classic");
    private static final AMQP.BasicProperties PERSISTENT = new AMQP.BasicProperties.Builder().deliveryMode(2).build();

    @TempDir
    static Path directory;

    private static int port;
    private static AmqpBroker broker;
    private final List<Connection> connections = new ArrayList<>();
    /** An exchange and queue of each test's own: the tests share one broker (starting one takes seconds). */
    private String exchange;
    private String queue;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        broker = new AmqpBroker(directory, port, USER, PASSWORD);
        broker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @BeforeEach
    void nameQueue(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        exchange = "magento." + name;
        queue = "async.operations." + name;
    }

    @AfterEach
    void disconnect() {
        for (Connection connection : connections) {
            try {
                connection.abort();
            } catch (RuntimeException ignored) {
                // the broker may already be gone
            }
        }
    }

    @Test
    void acceptsTheDeclarationsOfTheServicesAgainAndAgain() throws Exception {
        Channel channel = connect().createChannel();
        declareTopology(channel, SERVICE_QUEUE_ARGUMENTS);
        declareTopology(channel, SERVICE_QUEUE_ARGUMENTS);
        // With BROKER_MAX_PRIORITY left at 1 the services add x-max-priority: logged and ignored, not refused.
        declareTopology(channel, Map.of("x-queue-type", "classic", "x-max-priority", 1));
        assertTrue(channel.isOpen());
    }

    @Test
    void routesSmallRequestsThroughTheirOwnExchangeToTheInteractiveQueue() throws Exception {
        // QueueTopology (bulk-core) with classic queues: <queue>.dlq, then the operations pair, then
        // <exchange>.interactive -> <queue>.interactive with the same binding key, declared twice as every service does.
        Channel channel = connect().createChannel();
        for (int round = 0; round < 2; round++) {
            channel.queueDeclare(queue + ".dlq", true, false, false, Map.of());
            declareTopology(channel, SERVICE_QUEUE_ARGUMENTS);
            channel.exchangeDeclare(exchange + ".interactive", "topic", true);
            channel.queueDeclare(queue + ".interactive", true, false, false, SERVICE_QUEUE_ARGUMENTS);
            channel.queueBind(queue + ".interactive", exchange + ".interactive", "async.#");
        }
        channel.confirmSelect();
        channel.basicPublish(exchange, "async.catalog.product.save.post", true, PERSISTENT, body("bulk"));
        channel.basicPublish(exchange + ".interactive", "async.catalog.product.save.post", true, PERSISTENT, body("small"));
        channel.waitForConfirmsOrDie(10_000);
        GetResponse small = await().atMost(Duration.ofSeconds(5)).until(() -> channel.basicGet(queue + ".interactive", true), r -> r != null);
        assertEquals("small", text(small.getBody()));
        assertEquals("async.catalog.product.save.post", small.getEnvelope().getRoutingKey());
        assertEquals("bulk", text(channel.basicGet(queue, true).getBody()));
        assertNull(channel.basicGet(queue + ".interactive", true));
    }

    @Test
    void keepsConfirmedPersistentMessagesAcrossARestart() throws Exception {
        Channel channel = connect().createChannel();
        declareTopology(channel, SERVICE_QUEUE_ARGUMENTS);
        channel.confirmSelect();
        for (int i = 0; i < 50; i++) {
            channel.basicPublish(exchange, "async.catalog.product.save.post", false, PERSISTENT, body("message " + i));
        }
        channel.waitForConfirmsOrDie(10_000);

        restart();

        Channel after = connect().createChannel();
        assertEquals(50, after.queueDeclarePassive(queue).getMessageCount());
        for (int i = 0; i < 50; i++) {
            GetResponse response = after.basicGet(queue, false);
            assertEquals("message " + i, text(response.getBody()));
            after.basicAck(response.getEnvelope().getDeliveryTag(), false);
        }
        assertNull(after.basicGet(queue, false));
    }

    @Test
    void deliversUnacknowledgedMessagesAgainAfterARestart() throws Exception {
        Channel channel = connect().createChannel();
        declareTopology(channel, SERVICE_QUEUE_ARGUMENTS);
        channel.confirmSelect();
        for (int i = 0; i < 5; i++) {
            channel.basicPublish(exchange, "async.customer.post", false, PERSISTENT, body("operation " + i));
        }
        channel.waitForConfirmsOrDie(10_000);
        List<String> delivered = new CopyOnWriteArrayList<>();
        Channel consumer = connect().createChannel();
        consumer.basicConsume(queue, false, (tag, message) -> delivered.add(text(message.getBody())), tag -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 5);
        // a worker that dies before acknowledging: nothing was acknowledged when the broker stops

        restart();

        // Unlike RabbitMQ, Qpid does not keep the redelivered flag across a restart; the worker does not read it
        // (an operation that is no longer open is skipped whatever the flag says).
        Channel after = connect().createChannel();
        assertEquals(5, after.queueDeclarePassive(queue).getMessageCount());
        for (int i = 0; i < 5; i++) {
            assertEquals("operation " + i, text(after.basicGet(queue, true).getBody()));
        }
    }

    @Test
    void holdsNoMoreUnacknowledgedMessagesPerConsumerThanThePrefetch() throws Exception {
        Channel publisher = connect().createChannel();
        declareTopology(publisher, SERVICE_QUEUE_ARGUMENTS);
        for (int i = 0; i < 10; i++) {
            publisher.basicPublish(exchange, "async.x", false, PERSISTENT, body("m" + i));
        }
        Channel consumer = connect().createChannel();
        consumer.basicQos(3);
        List<Long> tags = new CopyOnWriteArrayList<>();
        DeliverCallback collect = (tag, message) -> tags.add(message.getEnvelope().getDeliveryTag());
        consumer.basicConsume(queue, false, collect, tag -> {
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> tags.size() == 3);
        Thread.sleep(500);
        assertEquals(3, tags.size());
        consumer.basicAck(tags.get(0), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> tags.size() == 4);
    }

    @Test
    void redeliversARequeuedMessage() throws Exception {
        Channel channel = connect().createChannel();
        declareTopology(channel, SERVICE_QUEUE_ARGUMENTS);
        channel.basicPublish(exchange, "async.x", false, PERSISTENT, body("requeue me"));
        GetResponse first = await().atMost(Duration.ofSeconds(5)).until(() -> channel.basicGet(queue, false), r -> r != null);
        channel.basicNack(first.getEnvelope().getDeliveryTag(), false, true);
        GetResponse again = await().atMost(Duration.ofSeconds(5)).until(() -> channel.basicGet(queue, false), r -> r != null);
        assertEquals("requeue me", text(again.getBody()));
        assertTrue(again.getEnvelope().isRedeliver());
    }

    @Test
    void keepsADeadLetterCopyPublishedThroughTheDefaultExchange() throws Exception {
        // DeadLetters (worker-service): a plain durable <queue>.dlq, a mandatory publish with a confirm.
        Channel channel = connect().createChannel();
        channel.queueDeclare(queue + ".dlq", true, false, false, null);
        channel.confirmSelect();
        AMQP.BasicProperties properties = PERSISTENT.builder().headers(Map.of("x-reason", "undecodable")).build();
        channel.basicPublish("", queue + ".dlq", true, properties, body("poison"));
        channel.waitForConfirmsOrDie(10_000);

        restart();

        GetResponse kept = connect().createChannel().basicGet(queue + ".dlq", true);
        assertEquals("poison", text(kept.getBody()));
        assertEquals("undecodable", kept.getProps().getHeaders().get("x-reason").toString());
    }

    @Test
    void countsQueueDepthAndConsumersWithAPassiveDeclare() throws Exception {
        Connection connection = connect();
        Channel channel = connection.createChannel();
        declareTopology(channel, SERVICE_QUEUE_ARGUMENTS);
        channel.confirmSelect();
        for (int i = 0; i < 4; i++) {
            channel.basicPublish(exchange, "async.x", false, PERSISTENT, body("m" + i));
        }
        channel.waitForConfirmsOrDie(10_000);
        AMQP.Queue.DeclareOk depth = connection.createChannel().queueDeclarePassive(queue);
        assertEquals(4, depth.getMessageCount());
        assertEquals(0, depth.getConsumerCount());
        // Unlike RabbitMQ (ready messages only), Qpid's count includes a delivered, unacknowledged message.
        Channel consumer = connect().createChannel();
        assertTrue(consumer.basicGet(queue, false) != null);
        assertEquals(4, connection.createChannel().queueDeclarePassive(queue).getMessageCount());

        // QueueMetrics asks for a queue that may not exist yet: only the channel closes, the connection stays.
        Channel probe = connection.createChannel();
        assertThrows(IOException.class, () -> probe.queueDeclarePassive("no.such.queue"));
        assertTrue(connection.isOpen());
    }

    @Test
    void nacksAMandatoryMessageNoQueueTakes() throws Exception {
        // RabbitMQ acks it and returns it; Qpid nacks it: DeadLetters.send then reports the copy as failed.
        Channel channel = connect().createChannel();
        channel.confirmSelect();
        channel.basicPublish("", queue + ".missing", true, PERSISTENT, body("nowhere"));
        assertFalse(channel.waitForConfirms(10_000));
    }

    @Test
    void refusesAWrongPassword() {
        ConnectionFactory factory = factory();
        factory.setPassword("wrong");
        assertThrows(PossibleAuthenticationFailureException.class, () -> factory.newConnection("wrong password"));
    }

    private void restart() throws Exception {
        for (Connection connection : connections) {
            connection.abort();
        }
        connections.clear();
        broker.close();
        broker = new AmqpBroker(directory, port, USER, PASSWORD);
        broker.start();
    }

    private void declareTopology(Channel channel, Map<String, Object> queueArguments) throws IOException {
        channel.exchangeDeclare(exchange, "topic", true);
        channel.queueDeclare(queue, true, false, false, queueArguments);
        channel.queueBind(queue, exchange, "async.#");
    }

    private Connection connect() throws IOException, TimeoutException {
        Connection connection = factory().newConnection("AmqpBrokerIT");
        connections.add(connection);
        return connection;
    }

    private ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setUsername(USER);
        factory.setPassword(PASSWORD);
        return factory;
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
