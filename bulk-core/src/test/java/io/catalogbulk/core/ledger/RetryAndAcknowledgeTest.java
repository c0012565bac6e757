package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static io.catalogbulk.core.operation.OperationStatus.REJECTED;
import static io.catalogbulk.core.operation.OperationStatus.RETRIABLY_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-opening failed operations with the publish epoch, and acknowledging, on the real database. */
class RetryAndAcknowledgeTest {

    private static final Duration LEASE = Duration.ofMinutes(1);

    private final RetryAndAcknowledge ledger = new RetryAndAcknowledge();

    @BeforeEach
    void connect() {
        ledger.dataSource = LedgerDatabase.dataSource();
    }

    @Test
    void aRetryReopensTheChosenFailuresClearsTheirResultsAndUnpublishesTheBulkUnderANewEpoch() throws Exception {
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), COMPLETE, RETRIABLY_FAILED, NOT_RETRIABLY_FAILED, REJECTED,
                NOT_RETRIABLY_FAILED);
        LedgerDatabase.execute("UPDATE operation SET result_message = 'failed', started_at = now() WHERE bulk_uuid = ?", bulk);

        RetryAndAcknowledge.Reopened reopened = ledger.reopen(bulk, List.of(NOT_RETRIABLY_FAILED, REJECTED), List.of(), LEASE)
                .orElseThrow();
        assertEquals(new RetryAndAcknowledge.Reopened(3, 1), reopened);
        assertEquals(List.of(COMPLETE.code(), RETRIABLY_FAILED.code(), OPEN.code(), OPEN.code(), OPEN.code()),
                LedgerDatabase.statuses(bulk));
        Map<String, Object> operation = LedgerDatabase.row("SELECT error_code, result_message, started_at, finished_at"
                + " FROM operation WHERE bulk_uuid = ? AND id = 2", bulk);
        assertTrue(operation.values().stream().allMatch(value -> value == null), operation.toString());
        Map<String, Object> row = LedgerDatabase.row("SELECT published_at, publish_epoch, publish_lease_until > now() AS leased"
                + " FROM bulk WHERE uuid = ?", bulk);
        assertNull(row.get("published_at"));
        assertEquals(1, row.get("publish_epoch"));
        assertEquals(true, row.get("leased"), "the relay waits for the retrier");
    }

    @Test
    void aRetryByErrorCodeReopensOnlyThoseAndOneThatMatchesNothingChangesNothing() throws Exception {
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), NOT_RETRIABLY_FAILED, NOT_RETRIABLY_FAILED, RETRIABLY_FAILED);

        assertTrue(ledger.reopen(bulk, List.of(COMPLETE), List.of(), LEASE).isEmpty());
        assertTrue(ledger.reopen(bulk, List.of(NOT_RETRIABLY_FAILED), List.of(999), LEASE).isEmpty());
        Map<String, Object> unchanged = LedgerDatabase.row("SELECT published_at, publish_epoch FROM bulk WHERE uuid = ?", bulk);
        assertNotNull(unchanged.get("published_at"));
        assertEquals(0, unchanged.get("publish_epoch"));

        // The fixture gives operation i the error code 400 + i.
        assertEquals(1, ledger.reopen(bulk, List.of(NOT_RETRIABLY_FAILED), List.of(401), LEASE).orElseThrow().operations());
        assertEquals(List.of(NOT_RETRIABLY_FAILED.code(), OPEN.code(), RETRIABLY_FAILED.code()), LedgerDatabase.statuses(bulk));
    }

    @Test
    void aBulkIsAcknowledgedOnceAndKeepsItsFirstTime() throws Exception {
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), COMPLETE);

        assertTrue(ledger.acknowledge(bulk));
        Object first = LedgerDatabase.row("SELECT acknowledged_at FROM bulk WHERE uuid = ?", bulk).get("acknowledged_at");
        assertNotNull(first);
        assertFalse(ledger.acknowledge(bulk));
        assertEquals(first, LedgerDatabase.row("SELECT acknowledged_at FROM bulk WHERE uuid = ?", bulk).get("acknowledged_at"));
    }
}
