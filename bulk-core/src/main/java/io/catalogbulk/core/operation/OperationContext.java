package io.catalogbulk.core.operation;

import java.sql.Connection;

/**
 * What an entity handler gets besides its parameters: the connection of the transaction it runs in (the
 * caller commits; the worker wraps each operation in a savepoint), the store scope and the caller.
 */
public record OperationContext(Connection connection, StoreScope scope, Caller caller) {
}
