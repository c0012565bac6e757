package io.catalogbulk.core.ledger;

import io.catalogbulk.core.operation.OperationStatus;

/** What an execution recorded for one operation. */
public record Outcome(OperationRow row, OperationStatus status, Integer errorCode, String message, String resultData) {

    public static Outcome complete(OperationRow row, String message, String resultData) {
        return new Outcome(row, OperationStatus.COMPLETE, null, message, resultData);
    }

    public static Outcome failed(OperationRow row, OperationStatus status, Integer errorCode, String message) {
        return new Outcome(row, status, errorCode, message, null);
    }
}
