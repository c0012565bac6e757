package io.catalogbulk.status.retention;

import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import io.catalogbulk.core.ledger.ExpiredBulks;
import io.catalogbulk.core.ledger.StoragePartitions;

/**
 * Deletes finished bulks (no operation open) that started more than {@code days} ago, with their imports, in
 * batches of {@code batch-size}, each its own short transaction; then drops the weekly partitions of the operation
 * storage that only hold rows of bulks now gone (docs/partitioning.md): operations are never deleted row by row.
 * Then the uploaded import files older than that which no import uses any more. Each run (and the start) also
 * creates the partitions of the weeks ahead.
 * <p>
 * Safe with many status-service replicas running it at once: each batch claims its bulks with FOR UPDATE SKIP
 * LOCKED and each partition drop is claimed, so two replicas never wait on or delete the same rows, they just share
 * the work. A bulk whose operations a retry re-opened is not finished and is kept, and so is its partition.
 */
@ApplicationScoped
public class BulkRetention {

    private static final Logger LOG = Logger.getLogger(BulkRetention.class);

    @Inject
    ExpiredBulks expired;

    @Inject
    StoragePartitions partitions;

    @Inject
    RetentionConfig config;

    @Inject
    MeterRegistry registry;

    /** Last measured coverage; read by the gauge without a query per scrape. */
    private volatile double weeksCovered = -1;

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("catalog_bulk_storage_partition_weeks_ahead", this, retention -> retention.weeksCovered)
                .description("Weeks ahead for which operation rows have a partition; below 1, inserts may soon fail")
                .register(registry);
        ensurePartitions();
    }

    @Scheduled(every = "${catalog-bulk.retention.interval:1h}", delayed = "${catalog-bulk.retention.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        ensurePartitions();
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

    /** Creates the partitions of the weeks ahead and refreshes the gauge; a failure is logged and retried next run. */
    public void ensurePartitions() {
        try {
            int created = partitions.ensure(config.partitionWeeksAhead());
            if (created > 0) {
                LOG.infof("Created %d weekly storage partition(s)", created);
            }
            weeksCovered = partitions.weeksCovered();
        } catch (SQLException e) {
            LOG.warnf("Creating the storage partitions ahead failed (%s); will try again", e.getMessage());
        }
    }

    /** Deletes every expired finished bulk, batch by batch, then drops the partitions left unused; returns how many bulks. */
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
        List<String> dropped = partitions.dropExpired(config.days());
        if (!dropped.isEmpty()) {
            LOG.infof("Dropped storage partition(s) %s", dropped);
            registry.counter("catalog_bulk_retention_partitions_dropped").increment(dropped.size());
        }
        // Imports go with their bulks; then the uploaded files no import uses any more.
        while (expired.deleteUnusedImportSources(config.days(), config.batchSize()) == config.batchSize()) {
            // next batch
        }
        return total;
    }
}
