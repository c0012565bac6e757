package io.catalogbulk.status.bulk;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.ledger.Bulk;
import io.catalogbulk.core.ledger.BulkCancellation;
import io.catalogbulk.core.ledger.BulkReads;
import io.catalogbulk.core.ledger.RetryAndAcknowledge;
import io.catalogbulk.core.operation.BulkStatus;
import io.catalogbulk.core.operation.OperationCounts;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * What a principal may see and do with bulks, shared by the status routes and the operator console so both
 * answer exactly alike: a bulk is visible to its owner and to holders of the bulk-log ACL, and to anyone else it
 * does not exist (the 404 of an unknown uuid).
 */
@ApplicationScoped
public class BulkAccess {

    @Inject
    BulkReads bulks;

    @Inject
    OperationRows rows;

    @Inject
    BulkRetry retry;

    @Inject
    RetryAndAcknowledge acknowledgements;

    @Inject
    BulkCancellation cancellation;

    /** The bulk, when the principal may see it; otherwise the 404 of an unknown uuid. */
    public Bulk visible(String bulkUuid, Principal principal) {
        UUID uuid;
        try {
            uuid = UUID.fromString(bulkUuid);
        } catch (IllegalArgumentException e) {
            throw notFound(bulkUuid);
        }
        // Anyone who may not see the bulk gets the same answer as for an unknown uuid.
        return database(() -> bulks.find(uuid)).filter(bulk -> canSee(bulk, principal)).orElseThrow(() -> notFound(bulkUuid));
    }

    /** Its owner (same user id and type) or a holder of the bulk-log ACL resource. */
    public static boolean canSee(Bulk bulk, Principal principal) {
        return principal.allows(AclResources.BULK_LOG) || bulk.owner().equals(principal.caller());
    }

    public OperationCounts counts(Bulk bulk) {
        return database(() -> bulks.counts(bulk.uuid()));
    }

    BulkSummary summary(Bulk bulk) {
        return BulkSummary.of(bulk, counts(bulk));
    }

    /** A page of operations matching the criteria among the bulks the principal may see. */
    public OperationRows.SearchPage search(SearchCriteria criteria, Principal principal) {
        return database(() -> rows.search(criteria, principal));
    }

    /** Re-queues the bulk's operations in these statuses (and with one of these error codes, unless none); how many. */
    public int retry(Bulk bulk, List<OperationStatus> statuses, List<Integer> errorCodes) {
        return retry.retry(bulk, statuses, errorCodes);
    }

    /** Marks a finished bulk as seen; a bulk with open operations is 400. */
    public void acknowledge(Bulk bulk) {
        if (!BulkStatus.of(counts(bulk)).finished()) {
            throw WebapiException.badRequest(Phrase.of("Bulk %bulkUuid is not finished yet; only a finished bulk can be acknowledged.",
                    Map.of("bulkUuid", bulk.uuid().toString())));
        }
        database(() -> acknowledgements.acknowledge(bulk.uuid()));
    }

    /** Ends every still-open operation of the bulk as cancelled (5); operations being executed finish. How many. */
    public int cancel(Bulk bulk) {
        return database(() -> cancellation.cancelOpen(bulk.uuid()));
    }

    @FunctionalInterface
    public interface DatabaseCall<T> {
        T run() throws SQLException;
    }

    /** A database read or write of a route: an unreachable database is 503. */
    public static <T> T database(DatabaseCall<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            if (TransientErrors.isConnectionFailure(e)) {
                throw unavailable();
            }
            throw new IllegalStateException(e);
        }
    }

    static WebapiException notFound(String bulkUuid) {
        return WebapiException.notFound(Phrase.of(BulkResource.NOT_FOUND, Map.of("bulkUuid", bulkUuid)));
    }

    static WebapiException unavailable() {
        return WebapiException.serviceUnavailable("The database is unavailable. Retry later.", 5);
    }
}
