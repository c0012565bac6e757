package io.catalogbulk.ingest.bulk;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.ledger.NewBulkWriter;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Stores an accepted request (the bulk and all its operations, in one transaction, before anything is published)
 * and answers for the database: when it cannot be reached, 503 with nothing stored, so the client retries.
 */
@ApplicationScoped
public class BulkWriter {

    @Inject
    NewBulkWriter bulks;

    /** The bulk row and its operation rows, committed together; the lease keeps the relay away meanwhile. */
    void write(UUID bulkUuid, String topic, StoreScope scope, Caller caller, BulkItems items, Duration lease) {
        try {
            bulks.write(bulkUuid, topic, scope, caller, items.all(), lease);
        } catch (SQLException e) {
            if (TransientErrors.isConnectionFailure(e) || TransientErrors.isTransient(e)) {
                throw WebapiException.serviceUnavailable("The database is unavailable; nothing was stored. Retry later.", 5);
            }
            throw new IllegalStateException("Storing bulk " + bulkUuid + " failed", e);
        }
    }
}
