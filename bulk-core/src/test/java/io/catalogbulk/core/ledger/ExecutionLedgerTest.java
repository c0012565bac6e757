package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static io.catalogbulk.core.operation.OperationStatus.RETRIABLY_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.StoreScope;

/** The worker's lock and outcome statements, on the real database, in transactions like the worker's. */
class ExecutionLedgerTest {

    private final ExecutionLedger ledger = new ExecutionLedger();

    private static OperationMessage message(UUID bulk, int id) {
        return new OperationMessage(bulk, id, LedgerDatabase.TOPIC, 1, null, 0);
    }

    @Test
    void lockReadsEachOperationOnceInKeyOrderWithItsBulksOwner() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID bulk = LedgerDatabase.bulk(owner, OPEN, COMPLETE, OPEN);
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<OperationRow> rows = ledger.lock(connection, List.of(message(bulk, 2), message(bulk, 0), message(bulk, 2),
                    message(bulk, 1), message(bulk, 7), message(UUID.randomUUID(), 0)));
            connection.rollback();

            assertEquals(List.of(0, 1, 2), rows.stream().map(OperationRow::id).toList(), "duplicates once, unknown keys left out");
            OperationRow first = rows.get(0);
            assertEquals(bulk, first.bulkUuid());
            assertEquals(LedgerDatabase.TOPIC, first.topic());
            assertEquals("{\"product\":{\"sku\":\"sku-0\"}}", first.serializedData());
            assertEquals(OPEN.code(), first.status());
            assertEquals(COMPLETE.code(), rows.get(1).status());
            assertEquals(new StoreScope(StoreScope.Mode.IMPLICIT, 1), first.scope());
            assertEquals(owner, first.caller());
            assertTrue(first.tid().matches("\\(\\d+,\\d+\\)"), first.tid());
        }
    }

    @Test
    void outcomesChangeOnlyOpenOperationsAndFinishInTheOrderTheyRan() throws Exception {
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), OPEN, OPEN, NOT_RETRIABLY_FAILED);
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            List<OperationRow> rows = ledger.lock(connection, List.of(message(bulk, 0), message(bulk, 1), message(bulk, 2)));
            // Executed in the order 1, 0; the operation that had already failed is not overwritten.
            ledger.record(connection, List.of(
                    Outcome.complete(rows.get(1), "done 1", "{\"id\":1}"),
                    Outcome.failed(rows.get(0), NOT_RETRIABLY_FAILED, 400, "bad 0"),
                    Outcome.complete(rows.get(2), "done 2", "{}")));
            connection.commit();
        }
        List<Map<String, Object>> rows = LedgerDatabase.rows("SELECT id, status, error_code, result_message,"
                + " result_serialized_data, attempts, finished_at < (SELECT finished_at FROM operation WHERE bulk_uuid = o.bulk_uuid"
                + " AND id = 0) AS finished_before_0 FROM operation o WHERE bulk_uuid = ? ORDER BY id", bulk);
        assertEquals(List.of(NOT_RETRIABLY_FAILED.code(), COMPLETE.code(), NOT_RETRIABLY_FAILED.code()), LedgerDatabase.statuses(bulk));
        assertEquals(400, rows.get(0).get("error_code"));
        assertEquals("bad 0", rows.get(0).get("result_message"));
        assertEquals("done 1", rows.get(1).get("result_message"));
        assertEquals("{\"id\":1}", rows.get(1).get("result_serialized_data"));
        assertEquals(1, rows.get(0).get("attempts"));
        assertEquals(0, rows.get(2).get("attempts"), "already finished: untouched");
        assertEquals(402, rows.get(2).get("error_code"));
        assertEquals(true, rows.get(1).get("finished_before_0"), "operation 1 ran first");
        assertEquals(2L, LedgerDatabase.row("SELECT sum(delta) AS n FROM bulk_status_delta WHERE bulk_uuid = ? AND status = ?",
                bulk, NOT_RETRIABLY_FAILED.code()).get("n"), "the status counts follow");
    }

    @Test
    void anOutcomeWhoseRowMovedIsRecordedByKey() throws Exception {
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), OPEN);
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            OperationRow row = ledger.lock(connection, List.of(message(bulk, 0))).get(0);
            // An update in the same transaction writes a new row version: the ctid read under the lock is stale.
            try (PreparedStatement move = connection.prepareStatement("UPDATE operation SET attempts = attempts WHERE bulk_uuid = ?")) {
                move.setObject(1, bulk);
                move.executeUpdate();
            }
            assertNotEquals(row.tid(), ledger.lock(connection, List.of(message(bulk, 0))).get(0).tid());
            ledger.record(connection, List.of(Outcome.complete(row, "done", "{}")));
            connection.commit();
        }
        Map<String, Object> row = LedgerDatabase.row("SELECT status, result_message, attempts FROM operation WHERE bulk_uuid = ?", bulk);
        assertEquals(COMPLETE.code(), ((Number) row.get("status")).intValue());
        assertEquals("done", row.get("result_message"));
        assertEquals(1, row.get("attempts"));
    }

    @Test
    void aGivenUpOperationEndsRetriablyFailedUnlessItFinishedMeanwhile() throws Exception {
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), OPEN, COMPLETE);
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(true);
            ledger.markRetriablyFailed(connection, message(bulk, 0), "Temporary database failure after retries");
            ledger.markRetriablyFailed(connection, message(bulk, 1), "late");
        }
        assertEquals(List.of(RETRIABLY_FAILED.code(), COMPLETE.code()), LedgerDatabase.statuses(bulk));
        Map<String, Object> failed = LedgerDatabase.row("SELECT error_code, result_message FROM operation WHERE bulk_uuid = ? AND id = 0",
                bulk);
        assertNull(failed.get("error_code"));
        assertEquals("Temporary database failure after retries", failed.get("result_message"));
    }
}
