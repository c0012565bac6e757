package io.catalogbulk.core.operation;

/**
 * A bulk's status, derived from its operations' statuses only (never stored, so it cannot lie):
 * 0 not started (nothing has left open), 1 in progress (something open, something done),
 * 2 finished successfully (all complete), 3 finished with failure (nothing open, something failed).
 * Unlike Magento (#36911), a bulk with any open operation is never reported as finished.
 */
public enum BulkStatus {
    NOT_STARTED(0),
    IN_PROGRESS(1),
    FINISHED_SUCCESSFULLY(2),
    FINISHED_WITH_FAILURE(3);

    private final int code;

    BulkStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BulkStatus of(OperationCounts counts) {
        if (counts.total() == 0) {
            return NOT_STARTED;
        }
        if (counts.open() > 0) {
            return counts.open() == counts.total() ? NOT_STARTED : IN_PROGRESS;
        }
        return counts.failed() == 0 ? FINISHED_SUCCESSFULLY : FINISHED_WITH_FAILURE;
    }

    public boolean finished() {
        return this == FINISHED_SUCCESSFULLY || this == FINISHED_WITH_FAILURE;
    }
}
