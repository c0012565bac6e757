package io.catalogbulk.status.bulk;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.ledger.Bulk;
import io.catalogbulk.core.ledger.PublicationLedger;
import io.catalogbulk.core.ledger.RetryAndAcknowledge;
import io.catalogbulk.core.messaging.BulkPublication;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Re-queues failed operations of a bulk: in one transaction they go back to open (results cleared) and the
 * bulk's publish epoch is bumped, then they are published. If publishing fails now, the relay in
 * ingest-service publishes them when the lease set here runs out: a retry is never lost.
 */
@ApplicationScoped
public class BulkRetry {

    private static final Logger LOG = Logger.getLogger(BulkRetry.class);

    @Inject
    RetryAndAcknowledge ledger;

    @Inject
    BulkPublication publication;

    @ConfigProperty(name = "catalog-bulk.relay.lease", defaultValue = "30s")
    Duration lease;

    /** Returns how many operations were re-opened. */
    int retry(Bulk bulk, List<OperationStatus> statuses, List<Integer> errorCodes) {
        Optional<RetryAndAcknowledge.Reopened> reopened;
        try {
            reopened = ledger.reopen(bulk.uuid(), statuses, errorCodes, lease);
        } catch (SQLException e) {
            if (TransientErrors.isConnectionFailure(e) || TransientErrors.isTransient(e)) {
                throw WebapiException.serviceUnavailable("The database is unavailable; nothing was re-queued. Retry later.", 5);
            }
            throw new IllegalStateException("Retrying bulk " + bulk.uuid() + " failed", e);
        }
        if (reopened.isEmpty()) {
            return 0;
        }
        int operations = reopened.get().operations();
        try {
            publication.publishOpen(new PublicationLedger.Claim(bulk.uuid(), reopened.get().epoch(), bulk.owner()), lease);
        } catch (Exception e) {
            LOG.warnf("Re-opened %d operation(s) of bulk %s; publishing them is left to the relay (%s)", operations, bulk.uuid(),
                    e.getMessage());
        }
        return operations;
    }
}
