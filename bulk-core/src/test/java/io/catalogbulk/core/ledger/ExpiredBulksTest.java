package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationCounts;

/**
 * Retention deletes old finished bulks, and nothing else; their operations and counts stay, unread, until
 * {@link StoragePartitions} drops their partition (StoragePartitionsTest).
 */
class ExpiredBulksTest {

    private static final int DAYS = 60;

    private static UUID startedDaysAgo(UUID bulk, int days) throws Exception {
        LedgerDatabase.execute("UPDATE bulk SET start_time = now() - ? * interval '1 day' WHERE uuid = ?", days, bulk);
        return bulk;
    }

    private static long bulkRows(UUID bulk) throws Exception {
        return (Long) LedgerDatabase.row("SELECT count(*) AS n FROM bulk WHERE uuid = ?", bulk).get("n");
    }

    @Test
    void oldFinishedBulksGoInBatchesAndTheirCountsReadZero() throws Exception {
        ExpiredBulks expired = new ExpiredBulks();
        expired.dataSource = LedgerDatabase.dataSource();
        Caller owner = LedgerDatabase.freshOwner();
        UUID oldFinished = startedDaysAgo(LedgerDatabase.bulk(owner, COMPLETE, NOT_RETRIABLY_FAILED), DAYS + 1);
        UUID olderFinished = startedDaysAgo(LedgerDatabase.bulk(owner, COMPLETE), DAYS + 2);
        UUID oldOpen = startedDaysAgo(LedgerDatabase.bulk(owner, COMPLETE, OPEN), DAYS + 3);
        UUID youngFinished = startedDaysAgo(LedgerDatabase.bulk(owner, COMPLETE), DAYS - 1);

        assertEquals(1, expired.deleteFinished(DAYS, 1), "one batch of one: the oldest");
        assertEquals(0, bulkRows(olderFinished));
        assertEquals(1, expired.deleteFinished(DAYS, 10));
        assertEquals(0, expired.deleteFinished(DAYS, 10));

        assertEquals(0, bulkRows(oldFinished));
        BulkReads reads = new BulkReads();
        reads.dataSource = LedgerDatabase.dataSource();
        assertEquals(new OperationCounts(0, 0, 0, 0, 0), reads.counts(oldFinished),
                "the rows left for the partition drop are not read: a deleted bulk counts nothing");
        for (UUID kept : List.of(oldOpen, youngFinished)) {
            assertEquals(1, LedgerDatabase.rows("SELECT 1 FROM bulk WHERE uuid = ?", kept).size());
        }
    }

    @Test
    void oldImportSourcesNoImportUsesGoWithTheirBytes() throws Exception {
        ExpiredBulks expired = new ExpiredBulks();
        expired.dataSource = LedgerDatabase.dataSource();
        UUID old = UUID.randomUUID();
        UUID young = UUID.randomUUID();
        UUID used = UUID.randomUUID();
        for (UUID source : List.of(old, young, used)) {
            LedgerDatabase.execute("INSERT INTO import_source (uuid, user_type, status, format, created_at) VALUES (?, 2, 'uploaded', 'csv',"
                    + " now() - ? * interval '1 day')", source, source.equals(young) ? DAYS - 1 : DAYS + 1);
            LedgerDatabase.execute("INSERT INTO import_source_chunk (source_uuid, piece, seq, data) VALUES (?, 0, 0, '\\x41')", source);
        }
        // An import of a finished bulk that is not yet expired keeps its source.
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), COMPLETE);
        LedgerDatabase.execute("INSERT INTO import_job (uuid, source_uuid, bulk_uuid, user_type, import_type, topic_name, behaviour, store_id,"
                + " store_scope, parameters, state) VALUES (?, ?, ?, 2, 'route', 't', 'append', 1, 'implicit', '{}', 'processing')",
                UUID.randomUUID(), used, bulk);

        assertEquals(1, expired.deleteUnusedImportSources(DAYS, 10));
        assertEquals(0, LedgerDatabase.rows("SELECT 1 FROM import_source_chunk WHERE source_uuid = ?", old).size());
        for (UUID kept : List.of(young, used)) {
            assertEquals(1, LedgerDatabase.rows("SELECT 1 FROM import_source WHERE uuid = ?", kept).size());
        }
    }

    @Test
    void anImportStillBeingSplitKeepsItsOldBulk() throws Exception {
        ExpiredBulks expired = new ExpiredBulks();
        expired.dataSource = LedgerDatabase.dataSource();
        UUID source = UUID.randomUUID();
        LedgerDatabase.execute("INSERT INTO import_source (uuid, user_type, status, format) VALUES (?, 2, 'uploaded', 'csv')", source);
        UUID bulk = startedDaysAgo(LedgerDatabase.bulk(LedgerDatabase.freshOwner(), COMPLETE), DAYS + 30);
        LedgerDatabase.execute("INSERT INTO import_job (uuid, source_uuid, bulk_uuid, user_type, import_type, topic_name, behaviour, store_id,"
                + " store_scope, parameters, state) VALUES (?, ?, ?, 2, 'route', 't', 'append', 1, 'implicit', '{}', 'splitting')",
                UUID.randomUUID(), source, bulk);
        expired.deleteFinished(DAYS, 1000);
        assertEquals(1, LedgerDatabase.rows("SELECT 1 FROM bulk WHERE uuid = ?", bulk).size());
    }
}
