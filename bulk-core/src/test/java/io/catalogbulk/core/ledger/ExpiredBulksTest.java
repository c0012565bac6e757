package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.Caller;

/** Retention deletes old finished bulks with everything they own, and nothing else. */
class ExpiredBulksTest {

    private static final int DAYS = 60;

    private static UUID startedDaysAgo(UUID bulk, int days) throws Exception {
        LedgerDatabase.execute("UPDATE bulk SET start_time = now() - ? * interval '1 day' WHERE uuid = ?", days, bulk);
        return bulk;
    }

    private static long rowsOf(UUID bulk) throws Exception {
        return (Long) LedgerDatabase.row("SELECT (SELECT count(*) FROM bulk WHERE uuid = ?) + (SELECT count(*) FROM operation"
                + " WHERE bulk_uuid = ?) + (SELECT count(*) FROM bulk_status_delta WHERE bulk_uuid = ?) AS n", bulk, bulk, bulk).get("n");
    }

    @Test
    void oldFinishedBulksGoInBatchesWithTheirOperationsAndCounts() throws Exception {
        ExpiredBulks expired = new ExpiredBulks();
        expired.dataSource = LedgerDatabase.dataSource();
        Caller owner = LedgerDatabase.freshOwner();
        UUID oldFinished = startedDaysAgo(LedgerDatabase.bulk(owner, COMPLETE, NOT_RETRIABLY_FAILED), DAYS + 1);
        UUID olderFinished = startedDaysAgo(LedgerDatabase.bulk(owner, COMPLETE), DAYS + 2);
        UUID oldOpen = startedDaysAgo(LedgerDatabase.bulk(owner, COMPLETE, OPEN), DAYS + 3);
        UUID youngFinished = startedDaysAgo(LedgerDatabase.bulk(owner, COMPLETE), DAYS - 1);

        assertEquals(1, expired.deleteFinished(DAYS, 1), "one batch of one: the oldest");
        assertEquals(0, rowsOf(olderFinished));
        assertEquals(1, expired.deleteFinished(DAYS, 10));
        assertEquals(0, expired.deleteFinished(DAYS, 10));

        assertEquals(0, rowsOf(oldFinished));
        for (UUID kept : List.of(oldOpen, youngFinished)) {
            assertEquals(1, LedgerDatabase.rows("SELECT 1 FROM bulk WHERE uuid = ?", kept).size());
        }
    }
}
