package io.catalogbulk.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OperationCountsTest {

    @Test
    void fromStatusCountsMapsEachMagentoCode() {
        OperationCounts counts = OperationCounts.fromStatusCounts(Map.of(1, 10L, 2, 3L, 3, 2L, 4, 7L, 5, 1L));
        assertEquals(new OperationCounts(7, 10, 3, 2, 1), counts);
        assertEquals(10, counts.complete());
        assertEquals(3, counts.retriablyFailed());
        assertEquals(2, counts.notRetriablyFailed());
        assertEquals(7, counts.open());
        assertEquals(1, counts.rejected());
    }

    @Test
    void missingStatusesCountZero() {
        assertEquals(new OperationCounts(0, 4, 0, 0, 0), OperationCounts.fromStatusCounts(Map.of(1, 4L)));
        assertEquals(new OperationCounts(0, 0, 0, 0, 0), OperationCounts.fromStatusCounts(Map.of()));
    }

    @Test
    void totalAddsEveryStatus() {
        assertEquals(23, new OperationCounts(7, 10, 3, 2, 1).total());
        assertEquals(0, new OperationCounts(0, 0, 0, 0, 0).total());
    }

    @Test
    void failedAddsBothFailuresAndRejections() {
        assertEquals(6, new OperationCounts(7, 10, 3, 2, 1).failed());
        assertEquals(0, new OperationCounts(5, 5, 0, 0, 0).failed());
        assertEquals(1, new OperationCounts(0, 0, 0, 0, 1).failed());
    }
}
