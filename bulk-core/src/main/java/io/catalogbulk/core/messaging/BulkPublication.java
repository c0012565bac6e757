package io.catalogbulk.core.messaging;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;

import io.catalogbulk.core.ledger.PublicationLedger;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationMessage;

/**
 * Publishes the operations of a bulk and records that the broker confirmed them. A bulk is marked published
 * only if its publish epoch is still the one read before publishing: a retry that re-opened operations in
 * the meantime bumps the epoch, and those operations are then left to the relay instead of being lost.
 */
@ApplicationScoped
@IfBuildProperty(name = "catalog-bulk.publisher.enabled", stringValue = "true", enableIfMissing = true)
public class BulkPublication {

    private static final Logger LOG = Logger.getLogger(BulkPublication.class);

    @Inject
    PublicationLedger ledger;

    @Inject
    OperationPublisher publisher;

    @Inject
    BrokerConfig config;

    /** Runs after each page of messages the broker confirmed. */
    @FunctionalInterface
    private interface AfterPage {
        void run() throws SQLException;
    }

    /** Publishes messages of a just-accepted bulk and marks it published (epoch 0, as inserted). */
    public void publishAccepted(UUID bulkUuid, List<OperationMessage> messages) throws OperationPublisher.PublishException, SQLException {
        publisher.publish(messages, isInteractive(messages.size()));
        ledger.markPublished(bulkUuid, 0);
    }

    /**
     * Publishes every still-open operation of a claimed bulk, page by page, extending the lease as it goes, then
     * marks the bulk published if no retry re-opened operations meanwhile. Returns the number published.
     */
    public int publishOpen(PublicationLedger.Claim claim, Duration lease) throws OperationPublisher.PublishException, SQLException {
        int published = publishOpenOperations(claim.bulkUuid(), claim.owner(), true,
                () -> ledger.extendLease(claim.bulkUuid(), lease));
        ledger.markPublished(claim.bulkUuid(), claim.epoch());
        if (published > 0) {
            LOG.infof("Relay published %d open operation(s) of bulk %s", published, claim.bulkUuid());
        }
        return published;
    }

    /**
     * Publishes every open operation of a published bulk again (their messages were lost after the broker
     * confirmed them), to the operations queue; the bulk stays published. Returns the number published.
     */
    public int republishOpen(UUID bulkUuid, Caller owner) throws OperationPublisher.PublishException, SQLException {
        return publishOpenOperations(bulkUuid, owner, false, () -> {
        });
    }

    /**
     * The one loop over a bulk's open operations: pages in id order, each published and confirmed before the next
     * is read.
     *
     * @param smallIsInteractive whether a bulk that fits in one page and is small enough may go to the interactive
     *                           queue, as when it was accepted
     */
    private int publishOpenOperations(UUID bulkUuid, Caller owner, boolean smallIsInteractive, AfterPage afterPage)
            throws OperationPublisher.PublishException, SQLException {
        int published = 0;
        int lastId = -1;
        while (true) {
            List<OperationMessage> page = ledger.openOperations(bulkUuid, owner, lastId);
            if (page.isEmpty()) {
                return published;
            }
            boolean wholeBulk = lastId < 0 && page.size() < PublicationLedger.OPEN_OPERATIONS_PAGE;
            publisher.publish(page, smallIsInteractive && wholeBulk && isInteractive(page.size()));
            published += page.size();
            lastId = page.get(page.size() - 1).id();
            afterPage.run();
        }
    }

    /** Small requests overtake large bulks in the queue (a single async call must not wait for 100,000 operations). */
    private boolean isInteractive(int operations) {
        return operations <= config.interactiveMaxOperations();
    }
}
