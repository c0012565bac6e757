package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static io.catalogbulk.core.operation.OperationStatus.REJECTED;
import static io.catalogbulk.core.operation.OperationStatus.RETRIABLY_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.BulkStatus;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationStatus;

/** The console's bulk log: visibility, newest first, paging, filters; the status filter agrees with BulkStatus.of. */
class BulkLogTest {

    private final BulkLog log = new BulkLog();
    private final OperationReads operations = new OperationReads();
    private final BulkReads bulks = new BulkReads();

    @BeforeEach
    void connect() {
        log.dataSource = LedgerDatabase.dataSource();
        operations.dataSource = LedgerDatabase.dataSource();
        bulks.dataSource = LedgerDatabase.dataSource();
    }

    private static List<UUID> uuids(BulkLog.Page page) {
        List<UUID> uuids = new ArrayList<>();
        page.entries().forEach(entry -> uuids.add(entry.bulk().uuid()));
        return uuids;
    }

    @Test
    void theStatusFilterAgreesWithTheBulkStatusOfItsCounts() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        List<OperationStatus[]> shapes = List.of(new OperationStatus[] {OPEN}, new OperationStatus[] {OPEN, OPEN},
                new OperationStatus[] {OPEN, COMPLETE}, new OperationStatus[] {OPEN, REJECTED}, new OperationStatus[] {COMPLETE},
                new OperationStatus[] {COMPLETE, COMPLETE}, new OperationStatus[] {COMPLETE, RETRIABLY_FAILED},
                new OperationStatus[] {NOT_RETRIABLY_FAILED}, new OperationStatus[] {REJECTED, COMPLETE},
                new OperationStatus[] {OPEN, RETRIABLY_FAILED, NOT_RETRIABLY_FAILED});
        List<UUID> created = new ArrayList<>();
        for (OperationStatus[] shape : shapes) {
            created.add(LedgerDatabase.bulk(owner, shape));
        }
        for (BulkStatus status : BulkStatus.values()) {
            List<UUID> found = uuids(log.page(new BulkLog.Filter(status, null, null, null, null, null), owner, 100, 0));
            for (UUID uuid : created) {
                boolean expected = BulkStatus.of(bulks.counts(uuid)) == status;
                assertEquals(expected, found.contains(uuid), status + " / " + bulks.counts(uuid));
            }
        }
    }

    @Test
    void anOwnerSeesOnlyItsBulksNewestFirstAPageAtATime() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        Caller other = LedgerDatabase.freshOwner();
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID uuid = LedgerDatabase.bulk(owner, OPEN, COMPLETE);
            LedgerDatabase.execute("UPDATE bulk SET start_time = now() - ? * interval '1 second' WHERE uuid = ?", 10 - i, uuid);
            mine.add(0, uuid);
        }
        UUID theirs = LedgerDatabase.bulk(other, COMPLETE);

        BulkLog.Page first = log.page(BulkLog.Filter.NONE, owner, 2, 0);
        assertEquals(mine.subList(0, 2), uuids(first));
        assertTrue(first.more());
        BulkLog.Page last = log.page(BulkLog.Filter.NONE, owner, 2, 4);
        assertEquals(mine.subList(4, 5), uuids(last));
        assertFalse(last.more());
        BulkLog.Entry entry = first.entries().get(0);
        assertEquals(1, entry.counts().open());
        assertEquals(1, entry.counts().complete());
        assertEquals(BulkStatus.IN_PROGRESS, entry.status());
        assertFalse(uuids(log.page(BulkLog.Filter.NONE, owner, 100, 0)).contains(theirs));
        // Without an owner (the bulk-log ACL): everyone's.
        String text = theirs.toString();
        assertEquals(List.of(theirs), uuids(log.page(new BulkLog.Filter(null, null, null, null, null, text), null, 10, 0)));
    }

    @Test
    void textTopicAndUserFilterWithBoundValuesAndLiteralWildcards() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID uuid = LedgerDatabase.bulk(owner, COMPLETE);
        LedgerDatabase.execute("UPDATE bulk SET description = ? WHERE uuid = ?", "Price 100% update_' OR 1=1", uuid);
        assertEquals(List.of(uuid), uuids(log.page(new BulkLog.Filter(null, null, null, null, null, "100% update_' or"), owner, 10, 0)));
        assertEquals(List.of(), uuids(log.page(new BulkLog.Filter(null, null, null, null, null, "100%%"), owner, 10, 0)));
        assertEquals(List.of(), uuids(log.page(new BulkLog.Filter(null, null, null, null, null, "Price_"), owner, 10, 0)));
        assertEquals(List.of(uuid), uuids(log.page(new BulkLog.Filter(null, LedgerDatabase.TOPIC, null, null, null, null), owner, 10, 0)));
        assertEquals(List.of(), uuids(log.page(new BulkLog.Filter(null, "async.other", null, null, null, null), owner, 10, 0)));
        assertEquals(List.of(uuid), uuids(log.page(new BulkLog.Filter(null, null, String.valueOf(owner.userId()), null, null, null),
                null, 10, 0)));
    }

    @Test
    void failedOperationsAreGroupedAndStreamedOnTheirOwn() throws Exception {
        UUID uuid = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), COMPLETE, RETRIABLY_FAILED, RETRIABLY_FAILED, REJECTED, OPEN);
        LedgerDatabase.execute("UPDATE operation SET error_code = 503, result_message = 'lock' WHERE bulk_uuid = ? AND status = 2", uuid);
        List<OperationReads.FailureGroup> groups = operations.failureGroups(uuid, 10);
        assertEquals(2, groups.size());
        assertEquals(new OperationReads.FailureGroup(RETRIABLY_FAILED.code(), 503, "lock", 2), groups.get(0));
        assertEquals(REJECTED.code(), groups.get(1).status());
        List<Integer> ids = new ArrayList<>();
        try (OperationReads.Cursor<OperationReads.OperationDetail> cursor = operations.failedDetails(uuid)) {
            for (OperationReads.OperationDetail op = cursor.next(); op != null; op = cursor.next()) {
                ids.add(op.id());
            }
        }
        assertEquals(List.of(1, 2, 3), ids);
        List<OperationReads.MinuteCount> minutes = operations.finishedPerMinute(uuid, 60);
        assertEquals(4, minutes.stream().mapToLong(OperationReads.MinuteCount::operations).sum());
    }
}
