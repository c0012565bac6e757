package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static io.catalogbulk.core.operation.OperationStatus.REJECTED;
import static io.catalogbulk.core.operation.OperationStatus.RETRIABLY_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationCounts;

/** A bulk and its counts per status, read from the status differences the database keeps. */
class BulkReadsTest {

    private final BulkReads reads = new BulkReads();

    @BeforeEach
    void connect() {
        reads.dataSource = LedgerDatabase.dataSource();
    }

    @Test
    void aBulkIsReadWithItsOwnerAndAnUnknownOneIsEmpty() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID uuid = LedgerDatabase.bulk(owner, OPEN, COMPLETE);

        Bulk bulk = reads.find(uuid).orElseThrow();
        assertEquals(uuid, bulk.uuid());
        assertEquals(owner, bulk.owner());
        assertEquals("Topic " + LedgerDatabase.TOPIC, bulk.description());
        assertEquals(2, bulk.operationCount());
        assertTrue(Duration.between(bulk.startTime(), OffsetDateTime.now()).abs().toMinutes() < 5, bulk.startTime().toString());
        assertTrue(reads.find(UUID.randomUUID()).isEmpty());
    }

    @Test
    void aGuestsBulkHasNoUserId() throws Exception {
        UUID uuid = LedgerDatabase.bulk(new Caller(null, 4), OPEN);
        assertEquals(new Caller(null, 4), reads.find(uuid).orElseThrow().owner());
    }

    @Test
    void countsFollowEveryStatusChange() throws Exception {
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), OPEN, OPEN, OPEN, COMPLETE, REJECTED);
        assertEquals(new OperationCounts(3, 1, 0, 0, 1), reads.counts(bulk));

        LedgerDatabase.execute("UPDATE operation SET status = ? WHERE bulk_uuid = ? AND id < 2", RETRIABLY_FAILED.code(), bulk);
        assertEquals(new OperationCounts(1, 1, 2, 0, 1), reads.counts(bulk));
        assertEquals(2, reads.count(bulk, RETRIABLY_FAILED));
        assertEquals(1, reads.count(bulk, OPEN));
        assertEquals(0, reads.count(bulk, NOT_RETRIABLY_FAILED));
        assertEquals(new OperationCounts(0, 0, 0, 0, 0), reads.counts(UUID.randomUUID()));
    }
}
