package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static io.catalogbulk.core.operation.OperationStatus.RETRIABLY_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.Caller;

/** Open operations of one owner (the open-operation limit) and of everyone (the backlog gauges). */
class BacklogCountsTest {

    private final BacklogCounts counts = new BacklogCounts();

    @BeforeEach
    void connect() {
        counts.dataSource = LedgerDatabase.dataSource();
    }

    @Test
    void anOwnersOpenOperationsAreCountedAcrossItsBulksAndNoOneElses() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        LedgerDatabase.bulk(owner, OPEN, COMPLETE, OPEN);
        LedgerDatabase.bulk(owner, RETRIABLY_FAILED, OPEN);
        LedgerDatabase.bulk(LedgerDatabase.freshOwner(), OPEN);
        LedgerDatabase.bulk(new Caller(owner.userId(), owner.userType() + 1), OPEN);

        assertEquals(3, counts.openOperationsOf(owner));
        assertEquals(0, counts.openOperationsOf(LedgerDatabase.freshOwner()));
    }

    @Test
    void guestsAreTheOwnersWithoutAUserId() throws Exception {
        Caller guest = new Caller(null, 4);
        long before = counts.openOperationsOf(guest);
        LedgerDatabase.bulk(guest, OPEN, OPEN);
        assertEquals(before + 2, counts.openOperationsOf(guest));
    }

    @Test
    void theBacklogCountsEveryOpenOperationAndTheAgeOfTheOldestBulkWithOne() throws Exception {
        UUID old = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), OPEN, OPEN);
        LedgerDatabase.execute("UPDATE bulk SET start_time = now() - interval '2 hours' WHERE uuid = ?", old);
        try {
            BacklogCounts.Backlog backlog = counts.backlog(5);
            assertTrue(backlog.open() >= 2, backlog.toString());
            assertTrue(backlog.oldestSeconds() >= 7200, backlog.toString());
        } finally {
            // Other tests' gauges should not see an old open operation left behind (deleting the bulk alone leaves
            // its operations for the partition drop: retention never deletes a bulk with an open one).
            LedgerDatabase.execute("DELETE FROM operation WHERE bulk_uuid = ?", old);
            LedgerDatabase.execute("DELETE FROM bulk WHERE uuid = ?", old);
        }
    }
}
