package io.catalogbulk.ingest.idempotency;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

import io.catalogbulk.core.ledger.IdempotencyKeys;

/**
 * Deletes Idempotency-Keys past their retention, batch by batch. Safe in every replica at once (rows are claimed
 * with FOR UPDATE SKIP LOCKED). A late purge changes nothing a client sees: an expired key already counts as
 * absent.
 */
@ApplicationScoped
public class IdempotencyKeyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class);

    @Inject
    IdempotencyKeys keys;

    @Inject
    IdempotencyConfig config;

    @Scheduled(every = "${catalog-bulk.idempotency.purge-interval:10m}", delayed = "${catalog-bulk.idempotency.purge-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int purged = purge();
            if (purged > 0) {
                LOG.infof("Purged %d expired idempotency key(s)", purged);
            }
        } catch (SQLException e) {
            LOG.warnf("Idempotency key purge failed (%s); will try again", e.getMessage());
        }
    }

    /** Deletes every expired key; returns how many. */
    public int purge() throws SQLException {
        int total = 0;
        while (true) {
            int deleted = keys.purgeExpired(config.purgeBatchSize());
            total += deleted;
            if (deleted < config.purgeBatchSize()) {
                return total;
            }
        }
    }
}
