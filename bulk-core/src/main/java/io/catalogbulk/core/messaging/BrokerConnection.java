package io.catalogbulk.core.messaging;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The publishing connection to RabbitMQ (plain amqp-client: batched publisher confirms need a channel of our
 * own). It reads the same {@code rabbitmq-*} settings as the SmallRye connector, declares the exchange,
 * queue and binding itself so the first publish to a fresh broker is routed, and reconnects in the
 * background when the broker goes away.
 */
@ApplicationScoped
@IfBuildProperty(name = "catalog-bulk.publisher.enabled", stringValue = "true", enableIfMissing = true)
public class BrokerConnection {

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class);

    @Inject
    BrokerConfig config;

    @Inject
    BrokerServer server;

    private volatile Connection connection;
    private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "broker-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    /** Starts connecting; returns at once and keeps trying in the background until it succeeds. */
    public void start() {
        reconnector.execute(this::connectOrRetry);
    }

    private synchronized void connectOrRetry() {
        if (closing || isOpen()) {
            return;
        }
        try {
            ConnectionFactory factory = server.connectionFactory();
            factory.setAutomaticRecoveryEnabled(true);
            factory.setTopologyRecoveryEnabled(true);
            factory.setNetworkRecoveryInterval(config.reconnectInterval().toMillis());
            factory.setRequestedHeartbeat(15);
            Connection created = server.newConnection(factory, "catalog-bulk publisher");
            try (Channel channel = created.createChannel()) {
                declareTopology(channel);
            }
            connection = created;
            LOG.infof("Connected to RabbitMQ %s, exchange %s, queues %s and %s (%s)", server.address(), config.exchange(), config.queue(),
                    config.interactiveQueue(), config.queueType());
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warnf("RabbitMQ %s unreachable (%s); retrying in %s", server.address(), e.getMessage(), config.reconnectInterval());
            reconnector.schedule(this::connectOrRetry, config.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Exchanges, queues and bindings ({@link QueueTopology}); idempotent, identical to what the worker declares. */
    public void declareTopology(Channel channel) throws IOException {
        QueueTopology.declare(channel, config);
    }

    public boolean isOpen() {
        Connection current = connection;
        return current != null && current.isOpen();
    }

    /** A new channel; callers own it and close it. */
    public Channel createChannel() throws IOException {
        Connection current = connection;
        if (current == null || !current.isOpen()) {
            throw new IOException("Not connected to RabbitMQ " + server.address());
        }
        Channel channel = current.createChannel();
        if (channel == null) {
            throw new IOException("No channel available on the RabbitMQ connection");
        }
        return channel;
    }

    public BrokerConfig config() {
        return config;
    }

    @PreDestroy
    void close() {
        closing = true;
        reconnector.shutdownNow();
        Connection current = connection;
        if (current != null) {
            try {
                current.close(5_000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Closing RabbitMQ connection: %s", e.getMessage());
            }
        }
    }
}
