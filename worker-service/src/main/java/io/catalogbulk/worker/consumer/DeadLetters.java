package io.catalogbulk.worker.consumer;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.catalogbulk.core.messaging.BrokerConfig;
import io.catalogbulk.core.messaging.BrokerServer;
import io.catalogbulk.core.messaging.QueueTopology;

/**
 * Keeps poison messages (undecodable, or for a topic no service handles) in {@code <queue>.dlq} for a human to
 * look at, instead of dropping them or letting them loop. The message is copied there (persistent, publisher
 * confirm awaited) and only then acknowledged on the work queue.
 * <p>
 * Why a copy and not the broker's dead-lettering (x-dead-letter-exchange): that is a queue argument, and
 * changing the arguments of an existing classic queue makes every declaration of it fail (PRECONDITION_FAILED) on
 * brokers that already have it. A copy works with the queue as it is, and the same on both queue types; quorum
 * queues also dead-letter to the same queue by themselves, after their delivery limit ({@link QueueTopology}).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    BrokerConfig config;

    @Inject
    BrokerServer server;

    private Connection connection;
    private Channel channel;

    public String queueName() {
        return QueueTopology.deadLetterQueue(config);
    }

    /** Returns whether the broker confirmed the copy; if not, the caller decides what to do with the original. */
    public synchronized boolean send(byte[] body, String originalQueue, String routingKey, String reason) {
        try {
            Channel ch = channel();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .deliveryMode(2)
                    .contentType("application/octet-stream")
                    .headers(Map.of("x-reason", reason, "x-original-queue", originalQueue,
                            "x-original-routing-key", routingKey == null ? "" : routingKey))
                    .build();
            ch.basicPublish("", queueName(), true, properties, body);
            ch.waitForConfirmsOrDie(10_000);
            return true;
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.errorf("Could not dead-letter a poison message to %s: %s", queueName(), e.getMessage());
            closeQuietly();
            return false;
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        closeQuietly();
        connection = server.newConnection(server.connectionFactory(), "catalog-bulk dead letters");
        channel = connection.createChannel();
        channel.queueDeclare(queueName(), true, false, false, QueueTopology.deadLetterQueueArguments(config));
        channel.confirmSelect();
        return channel;
    }

    @PreDestroy
    synchronized void closeQuietly() {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(2_000);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Closing dead-letter connection: %s", e.getMessage());
        }
        connection = null;
        channel = null;
    }
}
