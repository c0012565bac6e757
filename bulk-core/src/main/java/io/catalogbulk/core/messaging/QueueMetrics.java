package io.catalogbulk.core.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Depth and consumer count of the operations queue and of the interactive queue as gauges
 * ({@code catalog_bulk_queue_messages}, {@code catalog_bulk_queue_consumers}, tagged with the queue's name), for
 * dashboards, alerts and autoscalers that read Prometheus.
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

    /** A queue's last answer and when it was asked. */
    private record Fetched(Depth depth, long atNanos) {
    }

    private Connection connection;
    private final Map<String, Fetched> cached = new HashMap<>();
    private boolean closing;

    void register(@Observes StartupEvent event) {
        for (String queue : List.of(config.queue(), config.interactiveQueue())) {
            Gauge.builder("catalog_bulk_queue_messages", this, metrics -> metrics.depth(queue).messages())
                    .description("Messages ready in the queue (passive declare, cached)")
                    .tag("queue", queue).strongReference(true).register(registry);
            Gauge.builder("catalog_bulk_queue_consumers", this, metrics -> metrics.depth(queue).consumers())
                    .description("Consumers attached to the queue (passive declare, cached)")
                    .tag("queue", queue).strongReference(true).register(registry);
        }
    }

    /** The operations queue's cached depth, refreshed first when it is older than the refresh interval. */
    public Depth depth() {
        return depth(config.queue());
    }

    /** A queue's cached depth, refreshed first when it is older than the refresh interval. */
    public synchronized Depth depth(String queue) {
        long now = System.nanoTime();
        Fetched last = cached.get(queue);
        if (last == null || now - last.atNanos() >= refresh.toNanos()) {
            last = new Fetched(fetch(queue), now);
            cached.put(queue, last);
        }
        return last.depth();
    }

    private Depth fetch(String queue) {
        if (closing) {
            return Depth.UNKNOWN;
        }
        try {
            if (connection == null || !connection.isOpen()) {
                connection = connect();
            }
            // A passive declare on a missing queue closes the channel; the connection stays usable.
            try (Channel channel = connection.createChannel()) {
                AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
                return new Depth(ok.getMessageCount(), ok.getConsumerCount());
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debugf("Queue %s depth unavailable: %s", queue, e.getMessage());
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
