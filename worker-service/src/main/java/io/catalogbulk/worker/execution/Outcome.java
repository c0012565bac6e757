package io.catalogbulk.worker.execution;

import io.catalogbulk.core.operation.OperationStatus;

/** What an execution recorded for one operation. */
record Outcome(OperationRow row, OperationStatus status, Integer errorCode, String message, String resultData) {

    static Outcome complete(OperationRow row, String message, String resultData) {
        return new Outcome(row, OperationStatus.COMPLETE, null, message, resultData);
    }

    static Outcome failed(OperationRow row, OperationStatus status, Integer errorCode, String message) {
        return new Outcome(row, status, errorCode, message, null);
    }
}
