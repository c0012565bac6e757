package io.catalogbulk.core.messaging;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import io.quarkus.arc.properties.IfBuildProperty;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationRange;

/**
 * Publishes operation messages: persistent, routing key = topic, consecutive operations of a bulk grouped
 * into one message ({@code operations-per-message}), with publisher confirms awaited once per batch. It
 * returns only when the broker has confirmed every message, and throws otherwise, so callers mark a bulk as
 * published only when that is true.
 */
@ApplicationScoped
@IfBuildProperty(name = "catalog-bulk.publisher.enabled", stringValue = "true", enableIfMissing = true)
public class OperationPublisher {

    private static final Logger LOG = Logger.getLogger(OperationPublisher.class);
    private static final AMQP.BasicProperties PERSISTENT_JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .build();

    @Inject
    BrokerConnection broker;

    private final ConcurrentLinkedQueue<Channel> idle = new ConcurrentLinkedQueue<>();

    public boolean isAvailable() {
        return broker.isOpen();
    }

    public void publish(List<OperationMessage> messages) throws PublishException {
        publish(messages, false);
    }

    /**
     * Publishes and waits for the broker's confirms.
     *
     * @param interactive published to the interactive queue: a small request that should not wait behind the
     *                    backlog of large bulks (see {@code catalog-bulk.broker.interactive-queue})
     */
    public void publish(List<OperationMessage> messages, boolean interactive) throws PublishException {
        if (messages.isEmpty()) {
            return;
        }
        Channel channel = null;
        try {
            channel = borrow();
            int batch = Math.max(1, broker.config().publishBatchSize());
            long timeout = broker.config().confirmTimeout().toMillis();
            String exchange = interactive ? broker.config().interactiveExchange() : broker.config().exchange();
            int pending = 0;
            for (OperationRange range : OperationRange.group(messages, Math.max(1, broker.config().operationsPerMessage()))) {
                channel.basicPublish(exchange, range.first().topicName(), false, PERSISTENT_JSON, range.toBytes());
                if (++pending == batch) {
                    channel.waitForConfirmsOrDie(timeout);
                    pending = 0;
                }
            }
            if (pending > 0) {
                channel.waitForConfirmsOrDie(timeout);
            }
            idle.offer(channel);
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            discard(channel);
            throw new PublishException("Publishing " + messages.size() + " operation message(s) failed: " + e.getMessage(), e);
        }
    }

    private Channel borrow() throws IOException {
        Channel channel;
        while ((channel = idle.poll()) != null) {
            if (channel.isOpen()) {
                return channel;
            }
        }
        channel = broker.createChannel();
        channel.confirmSelect();
        return channel;
    }

    private static void discard(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.abort();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Discarding channel: %s", e.getMessage());
        }
    }

    public static class PublishException extends Exception {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
