package io.catalogbulk.ingest.bulk;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.ledger.IdempotencyKeys;
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

    @Inject
    IdempotencyKeys keys;

    /** The bulk row and its operation rows, committed together; the lease keeps the relay away meanwhile. */
    IdempotencyKeys.Claim write(UUID bulkUuid, String topic, StoreScope scope, Caller caller, BulkItems items, Duration lease,
            IdempotencyKeys.Key key) {
        try {
            return bulks.write(bulkUuid, topic, scope, caller, items.all(), items.entityKeys(), lease, key);
        } catch (SQLException e) {
            throw translate(e, "Storing bulk " + bulkUuid + " failed");
        }
    }

    /** The live Idempotency-Key, if any. */
    Optional<IdempotencyKeys.Stored> find(IdempotencyKeys.Key key) {
        try {
            return keys.find(key);
        } catch (SQLException e) {
            throw translate(e, "Reading an idempotency key failed");
        }
    }

    private static RuntimeException translate(SQLException e, String what) {
        if (TransientErrors.isConnectionFailure(e) || TransientErrors.isTransient(e)) {
            return WebapiException.serviceUnavailable("The database is unavailable; nothing was stored. Retry later.", 5);
        }
        return new IllegalStateException(what, e);
    }
}
