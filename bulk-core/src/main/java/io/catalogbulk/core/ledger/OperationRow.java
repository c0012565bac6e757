package io.catalogbulk.core.ledger;

import java.util.UUID;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.StoreScope;

/**
 * An operation as the worker reads it, under a row lock, in the transaction that will record its outcome;
 * {@code tid} is the row's physical address (ctid), stable while the lock is held. {@code entityKey} and
 * {@code acceptedSeq}: the entity it writes and its acceptance number, for per-entity order (null: not ordered).
 */
public record OperationRow(UUID bulkUuid, int id, String topic, String serializedData, int status, StoreScope scope,
        Caller caller, String tid, String entityKey, Long acceptedSeq) {

    public OperationRow(UUID bulkUuid, int id, String topic, String serializedData, int status, StoreScope scope, Caller caller,
            String tid) {
        this(bulkUuid, id, topic, serializedData, status, scope, caller, tid, null, null);
    }

    /** Whether per-entity order applies to this operation. */
    public boolean ordered() {
        return entityKey != null && acceptedSeq != null;
    }

    public String key() {
        return bulkUuid + "/" + id;
    }
}
