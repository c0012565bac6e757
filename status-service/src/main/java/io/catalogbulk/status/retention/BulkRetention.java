package io.catalogbulk.status.retention;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

import io.catalogbulk.core.ledger.ExpiredBulks;

/**
 * Deletes finished bulks (no operation open) that started more than {@code days} ago, with their operations and
 * their imports (ON DELETE CASCADE), in batches of {@code batch-size}, each its own short transaction; then the
 * uploaded import files older than that which no import uses any more.
 * <p>
 * Safe with many status-service replicas running it at once: each batch claims its bulks with FOR UPDATE SKIP
 * LOCKED, so two replicas never wait on or delete the same rows, they just share the work. A bulk whose
 * operations a retry re-opened is not finished and is kept.
 */
@ApplicationScoped
public class BulkRetention {

    private static final Logger LOG = Logger.getLogger(BulkRetention.class);

    @Inject
    ExpiredBulks expired;

    @Inject
    RetentionConfig config;

    @Inject
    MeterRegistry registry;

    @Scheduled(every = "${catalog-bulk.retention.interval:1h}", delayed = "${catalog-bulk.retention.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.enabled()) {
            return;
        }
        try {
            int purged = purge();
            if (purged > 0) {
                LOG.infof("Purged %d finished bulk(s) older than %d days", purged, config.days());
            }
        } catch (SQLException e) {
            LOG.warnf("Bulk retention run failed (%s); will try again", e.getMessage());
        }
    }

    /** Deletes every expired finished bulk, batch by batch; returns how many. */
    public int purge() throws SQLException {
        int total = 0;
        while (true) {
            int deleted = expired.deleteFinished(config.days(), config.batchSize());
            total += deleted;
            registry.counter("catalog_bulk_retention_purged").increment(deleted);
            if (deleted < config.batchSize()) {
                break;
            }
        }
        // Imports go with their bulks; then the uploaded files no import uses any more.
        while (expired.deleteUnusedImportSources(config.days(), config.batchSize()) == config.batchSize()) {
            // next batch
        }
        return total;
    }
}
