package io.catalogbulk.worker.broker;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.catalogbulk.core.messaging.BrokerServer;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationRange;

/**
 * The worker's own publishing channel, with publisher confirms: operation messages (an operation handed over to run
 * after the one before it on its entity) go to the operations exchange exactly as ingest-service publishes them,
 * persistent, routing key = topic. The worker's publisher beans are switched off at build time
 * ({@code catalog-bulk.publisher.enabled=false}); this one connection is opened on first use, to a live node of
 * {@code RABBITMQ_ADDRESSES} like every other connection ({@link BrokerServer}), and re-opened after a failure.
 */
@ApplicationScoped
public class ConfirmedChannel {

    private static final Logger LOG = Logger.getLogger(ConfirmedChannel.class);
    private static final AMQP.BasicProperties PERSISTENT_JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .build();

    @ConfigProperty(name = "catalog-bulk.broker.exchange")
    String exchange;

    @Inject
    BrokerServer server;

    private Connection connection;
    private Channel channel;

    /**
     * Publishes the operations (consecutive ones of a bulk grouped into one message) and waits for the broker's
     * confirms. Returns whether every message was confirmed; if not, the caller leaves them to a backstop.
     */
    public synchronized boolean publish(List<OperationMessage> messages) {
        if (messages.isEmpty()) {
            return true;
        }
        try {
            Channel ch = channel();
            for (OperationRange range : OperationRange.group(messages, OperationRange.MAX_COUNT)) {
                ch.basicPublish(exchange, range.first().topicName(), false, PERSISTENT_JSON, range.toBytes());
            }
            ch.waitForConfirmsOrDie(10_000);
            return true;
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("Could not publish %d operation message(s): %s", messages.size(), e.getMessage());
            closeQuietly();
            return false;
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        closeQuietly();
        connection = server.newConnection(server.connectionFactory(), "catalog-bulk worker hand-over");
        channel = connection.createChannel();
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
            LOG.debugf("Closing hand-over connection: %s", e.getMessage());
        }
        connection = null;
        channel = null;
    }
}
