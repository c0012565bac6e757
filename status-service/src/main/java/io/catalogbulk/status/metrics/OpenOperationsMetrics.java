package io.catalogbulk.status.metrics;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

import io.catalogbulk.core.ledger.BacklogCounts;

/**
 * How many operations are open (status 4) and how old the oldest bulk with an open operation is, as gauges
 * ({@code catalog_bulk_operations_open}, {@code catalog_bulk_operations_open_oldest_seconds}): the backlog that
 * the queue depth alone cannot show (an operation whose message is lost or parked still counts here), and the
 * input of the "operations open too long" alert.
 * <p>
 * Status-service exports them because it is the read side and always runs. One query, on the partial index
 * {@code operation_status_idx} (status &lt;&gt; 1), at most once per {@code catalog-bulk.metrics.open-operations-refresh}
 * however many scrapes arrive; a failed query yields NaN rather than a reassuring zero.
 */
@ApplicationScoped
public class OpenOperationsMetrics {

    private static final Logger LOG = Logger.getLogger(OpenOperationsMetrics.class);
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    /** One reading. */
    public record Backlog(double open, double oldestSeconds) {
        static final Backlog UNKNOWN = new Backlog(Double.NaN, Double.NaN);
    }

    @Inject
    BacklogCounts counts;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "catalog-bulk.metrics.open-operations-refresh", defaultValue = "15s")
    Duration refresh;

    private Backlog cached = Backlog.UNKNOWN;
    private long fetchedAtNanos;
    private boolean fetchedOnce;

    void register(@Observes StartupEvent event) {
        Gauge.builder("catalog_bulk_operations_open", this, metrics -> metrics.backlog().open())
                .description("Operations still open (status 4), all bulks").strongReference(true).register(registry);
        Gauge.builder("catalog_bulk_operations_open_oldest_seconds", this, metrics -> metrics.backlog().oldestSeconds())
                .description("Age of the oldest bulk that still has an open operation (0 when none)")
                .strongReference(true).register(registry);
    }

    /** The cached reading, refreshed first when older than the refresh interval. */
    public synchronized Backlog backlog() {
        long now = System.nanoTime();
        if (!fetchedOnce || now - fetchedAtNanos >= refresh.toNanos()) {
            cached = query();
            fetchedAtNanos = now;
            fetchedOnce = true;
        }
        return cached;
    }

    private Backlog query() {
        try {
            BacklogCounts.Backlog backlog = counts.backlog(QUERY_TIMEOUT_SECONDS);
            return new Backlog(backlog.open(), backlog.oldestSeconds());
        } catch (SQLException e) {
            LOG.debugf("Open operations unavailable: %s", e.getMessage());
            return Backlog.UNKNOWN;
        }
    }
}
