package io.catalogbulk.core.route;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.operation.OperationContext;

/**
 * A set-based form of a route's {@link ServiceMethod}, for the worker: executes many operations of the route in
 * the caller's transaction with a few multi-row statements instead of several statements per operation.
 * <p>
 * Contract: either it returns one result per call, in order, and the database is as if the single method had
 * been called for each in order; or it throws, and the caller rolls the transaction back and executes the
 * operations one by one (each in its own savepoint), so a failing operation still fails alone, with the
 * single method's error.
 */
@FunctionalInterface
public interface BatchServiceMethod<S> {

    List<JsonNode> invokeAll(S service, List<Call> calls) throws Exception;

    /** One operation: the context it runs in (connection, scope, caller) and its normalized parameters. */
    record Call(OperationContext context, ObjectNode params) {
    }
}
