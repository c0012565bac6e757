package io.catalogbulk.ingest.publish;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

import io.catalogbulk.core.ledger.PublicationLedger;
import io.catalogbulk.core.messaging.BulkPublication;
import io.catalogbulk.core.messaging.OperationPublisher;

/**
 * Recovers operations whose message was lost <em>after</em> the broker confirmed it (queue lost with a broker
 * node, message dead-lettered or purged): {@link PublishRelay} cannot see those, because their bulk is marked
 * published. A published bulk that still has open operations and in which no operation finished for
 * {@code lost-after} is presumed stuck; its open operations are published again.
 * <p>
 * Safe to run in every replica at once: a bulk is claimed with FOR UPDATE SKIP LOCKED and its
 * {@code lost_checked_at} is moved forward in the same statement, so no other relay looks at it again before
 * {@code lost-after} has passed. Publishing an operation whose original message still exists is harmless:
 * workers execute only open operations, so the second message is acknowledged and does nothing.
 */
@ApplicationScoped
public class LostMessageRelay {

    private static final Logger LOG = Logger.getLogger(LostMessageRelay.class);

    @Inject
    PublicationLedger ledger;

    @Inject
    BulkPublication publication;

    @Inject
    OperationPublisher publisher;

    @Inject
    LostRelayConfig config;

    @Inject
    MeterRegistry registry;

    @Scheduled(every = "${catalog-bulk.lost-relay.interval:30s}", delayed = "${catalog-bulk.lost-relay.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.enabled() || !publisher.isAvailable()) {
            return;
        }
        try {
            runOnce();
        } catch (Exception e) {
            LOG.warnf("Lost-message relay run failed (%s); will try again", e.getMessage());
        }
    }

    /** One pass; returns the number of operations published again. */
    public int runOnce() throws SQLException, OperationPublisher.PublishException {
        int republished = 0;
        for (PublicationLedger.Suspect suspect : ledger.claimSuspects(config.lostAfter(), config.bulksPerRun())) {
            if (ledger.progressedRecently(suspect.bulkUuid(), config.lostAfter())) {
                continue; // still being worked on: its messages are in the queue, not lost
            }
            int count = publication.republishOpen(suspect.bulkUuid(), suspect.owner());
            if (count == 0) {
                ledger.settle(suspect);
            } else {
                republished += count;
                registry.counter("catalog_bulk_lost_relay_republished").increment(count);
                LOG.warnf("Bulk %s made no progress for %s with %d open operation(s); published them again",
                        suspect.bulkUuid(), config.lostAfter(), count);
            }
        }
        return republished;
    }
}
