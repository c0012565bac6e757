package io.catalogbulk.catalog.importexport;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.route.BatchServiceMethod;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteHandlers;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * How the import types apply a row: as one item of a catalog route, exactly as the bulk API takes it (the route's
 * input rules, checks and seals, then its handler), so an imported product is saved by the same code as a product
 * sent to {@code POST /V1/products}. There is no second copy of any entity's logic in the import types.
 */
@ApplicationScoped
public class ImportRouteCalls {

    private static final Map<String, RouteDeclaration> ROUTES = CatalogRoutes.ALL.stream()
            .collect(Collectors.toMap(RouteDeclaration::toString, Function.identity()));

    @Inject
    RouteHandlers handlers;

    /**
     * Calls the route named like {@code "POST /V1/products"} with one bulk item (path parameters as members) in the
     * caller's transaction, in {@code scope}. Executed as a queued operation is ({@code asynchronous}): a price storage
     * refusing an item throws instead of answering the refusal. Invalid input throws the route's 400.
     */
    public JsonNode call(OperationContext context, StoreScope scope, String route, ObjectNode item) throws Exception {
        return invoke(context, scope, route, params(route, item));
    }

    /** The route's normalized parameters of an item, or its 400 with every input error. */
    public ObjectNode params(String route, ObjectNode item) {
        RouteInput.Item input = RouteInput.fromBulkItem(route(route), item);
        if (!input.valid()) {
            throw WebapiException.ofErrors(400, input.errors());
        }
        return input.params();
    }

    /** Runs the route's handler on parameters already normalized. */
    public JsonNode invoke(OperationContext context, StoreScope scope, String route, ObjectNode params) throws Exception {
        return handlers.invoke(route(route), new OperationContext(context.connection(), scope, context.caller(), true), params);
    }

    /** Runs the route's set-based handler on calls whose parameters are normalized ({@link #params}). */
    public List<JsonNode> invokeAll(String route, List<BatchServiceMethod.Call> calls) throws Exception {
        return handlers.invokeAll(route(route), calls);
    }

    static RouteDeclaration route(String name) {
        RouteDeclaration route = ROUTES.get(name);
        if (route == null) {
            throw new IllegalStateException("No catalog route " + name);
        }
        return route;
    }
}
