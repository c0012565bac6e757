package io.catalogbulk.core.operation;

import java.util.Map;

/** How many operations of a bulk are in each status; the input of {@link BulkStatus#of}. */
public record OperationCounts(long open, long complete, long retriablyFailed, long notRetriablyFailed, long rejected) {

    public static OperationCounts fromStatusCounts(Map<Integer, Long> byStatus) {
        return new OperationCounts(
                byStatus.getOrDefault(OperationStatus.OPEN.code(), 0L),
                byStatus.getOrDefault(OperationStatus.COMPLETE.code(), 0L),
                byStatus.getOrDefault(OperationStatus.RETRIABLY_FAILED.code(), 0L),
                byStatus.getOrDefault(OperationStatus.NOT_RETRIABLY_FAILED.code(), 0L),
                byStatus.getOrDefault(OperationStatus.REJECTED.code(), 0L));
    }

    public long total() {
        return open + complete + retriablyFailed + notRetriablyFailed + rejected;
    }

    public long failed() {
        return retriablyFailed + notRetriablyFailed + rejected;
    }
}
