package io.catalogbulk.core.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.operation.OperationContext;

/**
 * The entity logic behind a route: a method of a CDI bean of type {@code S}, called with the normalized
 * parameters. It returns what the synchronous route answers, and throws
 * {@link io.catalogbulk.core.webapi.WebapiException} for business errors.
 */
@FunctionalInterface
public interface ServiceMethod<S> {

    JsonNode invoke(S service, OperationContext context, ObjectNode params) throws Exception;
}
