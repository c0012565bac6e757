package io.catalogbulk.core.ledger;

import java.util.UUID;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.StoreScope;

/**
 * An operation as the worker reads it, under a row lock, in the transaction that will record its outcome;
 * {@code tid} is the row's physical address (ctid), stable while the lock is held.
 */
public record OperationRow(UUID bulkUuid, int id, String topic, String serializedData, int status, StoreScope scope,
        Caller caller, String tid) {

    public String key() {
        return bulkUuid + "/" + id;
    }
}
