package io.catalogbulk.core.operation;

import java.sql.Connection;

/**
 * What an entity handler gets besides its parameters: the connection of the transaction it runs in (the
 * caller commits; the worker wraps each operation in a savepoint), the store scope and the caller.
 * {@code asynchronous} is true when a worker executes a queued operation: a handler whose synchronous answer
 * reports per-item failures in a 200 body (Magento's price storages) must fail the operation instead, or the
 * failure would be invisible in the bulk status.
 */
public record OperationContext(Connection connection, StoreScope scope, Caller caller, boolean asynchronous) {

    /** A synchronous call. */
    public OperationContext(Connection connection, StoreScope scope, Caller caller) {
        this(connection, scope, caller, false);
    }
}
