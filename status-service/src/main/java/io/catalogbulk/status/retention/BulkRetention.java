package io.catalogbulk.status.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes finished bulks (no operation open) that started more than {@code days} ago, with their operations
 * (ON DELETE CASCADE), in batches of {@code batch-size}, each its own short transaction.
 * <p>
 * Safe with many status-service replicas running it at once: each batch claims its bulks with FOR UPDATE SKIP
 * LOCKED, so two replicas never wait on or delete the same rows, they just share the work. A bulk whose
 * operations a retry re-opened is not finished and is kept.
 */
@ApplicationScoped
public class BulkRetention {

    private static final Logger LOG = Logger.getLogger(BulkRetention.class);

    @Inject
    DataSource dataSource;

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
            int deleted = purgeBatch();
            total += deleted;
            registry.counter("catalog_bulk_retention_purged").increment(deleted);
            if (deleted < config.batchSize()) {
                return total;
            }
        }
    }

    private int purgeBatch() throws SQLException {
        // bulk_start_time_idx finds the candidates; the open-operation probe uses (bulk_uuid, status, id).
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM bulk WHERE uuid IN (SELECT b.uuid FROM bulk b"
                                + " WHERE b.start_time < now() - ? * interval '1 day'"
                                + " AND NOT EXISTS (SELECT 1 FROM operation o WHERE o.bulk_uuid = b.uuid AND o.status = 4)"
                                + " ORDER BY b.start_time LIMIT ? FOR UPDATE SKIP LOCKED)")) {
            connection.setAutoCommit(true);
            statement.setInt(1, config.days());
            statement.setInt(2, config.batchSize());
            return statement.executeUpdate();
        }
    }
}
