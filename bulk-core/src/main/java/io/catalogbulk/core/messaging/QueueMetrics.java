package io.catalogbulk.core.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;

/**
 * Depth and consumer count of the operations queue as gauges ({@code catalog_bulk_queue_messages},
 * {@code catalog_bulk_queue_consumers}), for dashboards, alerts and autoscalers that read Prometheus.
 * <p>
 * The numbers come from a passive queue declare on a small connection of its own (the worker has no
 * publishing connection, and the SmallRye connector does not expose one). A scrape reads a cached value that
 * is at most {@code catalog-bulk.queue-metrics.refresh} old, so several Prometheus servers scraping often
 * cost the broker one declare per interval. When the broker cannot be asked the gauges read NaN: a missing
 * number must not look like an empty queue.
 */
@ApplicationScoped
@IfBuildProperty(name = "catalog-bulk.queue-metrics.enabled", stringValue = "true")
public class QueueMetrics {

    private static final Logger LOG = Logger.getLogger(QueueMetrics.class);

    /** What one passive declare told. */
    public record Depth(double messages, double consumers) {
        static final Depth UNKNOWN = new Depth(Double.NaN, Double.NaN);
    }

    @Inject
    BrokerConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    BrokerServer server;

    @ConfigProperty(name = "catalog-bulk.queue-metrics.refresh", defaultValue = "10s")
    Duration refresh;

    private Connection connection;
    private Depth cached = Depth.UNKNOWN;
    private long fetchedAtNanos;
    private boolean fetchedOnce;
    private boolean closing;

    void register(@Observes StartupEvent event) {
        Gauge.builder("catalog_bulk_queue_messages", this, metrics -> metrics.depth().messages())
                .description("Messages ready in the operations queue (passive declare, cached)")
                .tag("queue", config.queue()).strongReference(true).register(registry);
        Gauge.builder("catalog_bulk_queue_consumers", this, metrics -> metrics.depth().consumers())
                .description("Consumers attached to the operations queue (passive declare, cached)")
                .tag("queue", config.queue()).strongReference(true).register(registry);
    }

    /** The cached depth, refreshed first when it is older than the refresh interval. */
    public synchronized Depth depth() {
        long now = System.nanoTime();
        if (!fetchedOnce || now - fetchedAtNanos >= refresh.toNanos()) {
            cached = fetch();
            fetchedAtNanos = now;
            fetchedOnce = true;
        }
        return cached;
    }

    private Depth fetch() {
        if (closing) {
            return Depth.UNKNOWN;
        }
        try {
            if (connection == null || !connection.isOpen()) {
                connection = connect();
            }
            // A passive declare on a missing queue closes the channel; the connection stays usable.
            try (Channel channel = connection.createChannel()) {
                AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(config.queue());
                return new Depth(ok.getMessageCount(), ok.getConsumerCount());
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debugf("Queue %s depth unavailable: %s", config.queue(), e.getMessage());
            closeConnection();
            return Depth.UNKNOWN;
        }
    }

    private Connection connect() throws IOException, TimeoutException {
        ConnectionFactory factory = server.connectionFactory();
        // A scrape must not hang on an unreachable broker; the next refresh tries again.
        factory.setConnectionTimeout(2_000);
        factory.setHandshakeTimeout(2_000);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setRequestedHeartbeat(30);
        return server.newConnection(factory, "catalog-bulk queue metrics");
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        if (current != null && current.isOpen()) {
            try {
                current.close(2_000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Closing the queue metrics connection: %s", e.getMessage());
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        closing = true;
        closeConnection();
    }
}
