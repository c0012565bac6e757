package io.catalogbulk.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * api.md §4: 0 not started (nothing has left open), 1 in progress (anything still open), 2 finished
 * successfully (all complete), 3 finished with failure (nothing open, something failed). A half-done bulk is
 * never reported finished (unlike Magento #36911).
 */
class BulkStatusTest {

    private static BulkStatus of(long open, long complete, long retriable, long notRetriable, long rejected) {
        return BulkStatus.of(new OperationCounts(open, complete, retriable, notRetriable, rejected));
    }

    @Test
    void codesAreMagentos() {
        assertEquals(0, BulkStatus.NOT_STARTED.code());
        assertEquals(1, BulkStatus.IN_PROGRESS.code());
        assertEquals(2, BulkStatus.FINISHED_SUCCESSFULLY.code());
        assertEquals(3, BulkStatus.FINISHED_WITH_FAILURE.code());
    }

    @ParameterizedTest(name = "open={0} complete={1} retriable={2} notRetriable={3} rejected={4} -> {5}")
    @CsvSource({
            // nothing has left open
            "0, 0, 0, 0, 0, NOT_STARTED",
            "1, 0, 0, 0, 0, NOT_STARTED",
            "250, 0, 0, 0, 0, NOT_STARTED",
            // anything still open, something done
            "1, 1, 0, 0, 0, IN_PROGRESS",
            "9, 0, 1, 0, 0, IN_PROGRESS",
            "1, 0, 0, 1, 0, IN_PROGRESS",
            "1, 0, 0, 0, 1, IN_PROGRESS",
            "1, 5, 5, 5, 5, IN_PROGRESS",
            "1, 999, 0, 0, 0, IN_PROGRESS",
            // nothing open, all complete
            "0, 1, 0, 0, 0, FINISHED_SUCCESSFULLY",
            "0, 1000, 0, 0, 0, FINISHED_SUCCESSFULLY",
            // nothing open, something failed
            "0, 9, 1, 0, 0, FINISHED_WITH_FAILURE",
            "0, 9, 0, 1, 0, FINISHED_WITH_FAILURE",
            "0, 9, 0, 0, 1, FINISHED_WITH_FAILURE",
            "0, 0, 1, 0, 0, FINISHED_WITH_FAILURE",
            "0, 0, 0, 2, 0, FINISHED_WITH_FAILURE",
            "0, 0, 0, 0, 3, FINISHED_WITH_FAILURE",
            "0, 1, 1, 1, 1, FINISHED_WITH_FAILURE",
    })
    void derivesFromTheFiveOperationStatuses(long open, long complete, long retriable, long notRetriable, long rejected,
            BulkStatus expected) {
        assertEquals(expected, of(open, complete, retriable, notRetriable, rejected));
    }

    @Test
    void aHalfDoneBulkIsNeverFinished() {
        // Every combination of 0..2 operations per status that has at least one open and one done operation.
        for (int open = 1; open <= 2; open++) {
            for (int complete = 0; complete <= 2; complete++) {
                for (int retriable = 0; retriable <= 2; retriable++) {
                    for (int notRetriable = 0; notRetriable <= 2; notRetriable++) {
                        for (int rejected = 0; rejected <= 2; rejected++) {
                            BulkStatus status = of(open, complete, retriable, notRetriable, rejected);
                            assertFalse(status.finished(), status + " with " + open + " open");
                            boolean someDone = complete + retriable + notRetriable + rejected > 0;
                            assertEquals(someDone ? BulkStatus.IN_PROGRESS : BulkStatus.NOT_STARTED, status);
                        }
                    }
                }
            }
        }
    }

    @Test
    void finishedIsTrueOnlyForTheTwoFinalStatuses() {
        assertFalse(BulkStatus.NOT_STARTED.finished());
        assertFalse(BulkStatus.IN_PROGRESS.finished());
        assertTrue(BulkStatus.FINISHED_SUCCESSFULLY.finished());
        assertTrue(BulkStatus.FINISHED_WITH_FAILURE.finished());
    }

    @Test
    void bulkLifecycleFromStatusRows() {
        Map<Integer, Long> rows = new HashMap<>();
        rows.put(OperationStatus.OPEN.code(), 3L);
        assertEquals(BulkStatus.NOT_STARTED, BulkStatus.of(OperationCounts.fromStatusCounts(rows)));

        rows.put(OperationStatus.OPEN.code(), 2L);
        rows.put(OperationStatus.COMPLETE.code(), 1L);
        assertEquals(BulkStatus.IN_PROGRESS, BulkStatus.of(OperationCounts.fromStatusCounts(rows)));

        rows.put(OperationStatus.OPEN.code(), 1L);
        rows.put(OperationStatus.RETRIABLY_FAILED.code(), 1L);
        assertEquals(BulkStatus.IN_PROGRESS, BulkStatus.of(OperationCounts.fromStatusCounts(rows)));

        rows.remove(OperationStatus.OPEN.code());
        rows.put(OperationStatus.COMPLETE.code(), 2L);
        assertEquals(BulkStatus.FINISHED_WITH_FAILURE, BulkStatus.of(OperationCounts.fromStatusCounts(rows)));

        // A retry puts the failed operation back to open: the bulk is in progress again, then succeeds.
        rows.remove(OperationStatus.RETRIABLY_FAILED.code());
        rows.put(OperationStatus.OPEN.code(), 1L);
        assertEquals(BulkStatus.IN_PROGRESS, BulkStatus.of(OperationCounts.fromStatusCounts(rows)));
        rows.remove(OperationStatus.OPEN.code());
        rows.put(OperationStatus.COMPLETE.code(), 3L);
        assertEquals(BulkStatus.FINISHED_SUCCESSFULLY, BulkStatus.of(OperationCounts.fromStatusCounts(rows)));
    }
}
