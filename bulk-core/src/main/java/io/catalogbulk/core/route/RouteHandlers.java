package io.catalogbulk.core.route;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Arc;

import io.catalogbulk.core.operation.OperationContext;

/**
 * Calls a route's handler: resolves the declared bean type through CDI once, then invokes the declared
 * method. The same call serves the synchronous route in ingest-service and the operation in worker-service.
 */
@ApplicationScoped
public class RouteHandlers {

    private final Map<Class<?>, Object> beans = new ConcurrentHashMap<>();

    public JsonNode invoke(RouteDeclaration route, OperationContext context, ObjectNode params) throws Exception {
        if (route.handler() == null) {
            throw new IllegalArgumentException(route + " is streamed: it has no handler of validated input");
        }
        return call(route.handler(), context, params);
    }

    /** Calls a streamed route's handler (the route must be one, see {@link RouteDeclaration#streamed()}). */
    public Response stream(RouteDeclaration route, StreamedRequest request) throws Exception {
        StreamedRef<?> ref = route.streamed().orElseThrow(() -> new IllegalArgumentException(route + " is not streamed"));
        return callStreamed(ref, request);
    }

    private <S> Response callStreamed(StreamedRef<S> ref, StreamedRequest request) throws Exception {
        S bean = ref.beanType().cast(beans.computeIfAbsent(ref.beanType(), this::lookup));
        return ref.method().handle(bean, request);
    }

    /**
     * Executes many operations of one route with its set-based handler (the route must have one); see
     * {@link BatchServiceMethod} for the contract.
     */
    public List<JsonNode> invokeAll(RouteDeclaration route, List<BatchServiceMethod.Call> calls) throws Exception {
        BatchServiceMethod<?> batch = route.batchHandler()
                .orElseThrow(() -> new IllegalArgumentException(route.method() + " " + route.path() + " has no set-based handler"));
        return callAll(route.handler(), batch, calls);
    }

    @SuppressWarnings("unchecked")
    private <S> List<JsonNode> callAll(HandlerRef<S> ref, BatchServiceMethod<?> batch, List<BatchServiceMethod.Call> calls)
            throws Exception {
        S bean = ref.beanType().cast(beans.computeIfAbsent(ref.beanType(), this::lookup));
        // Same bean type by construction: RouteDeclaration.Builder#handledBy types both with one S.
        return ((BatchServiceMethod<S>) batch).invokeAll(bean, calls);
    }

    private <S> JsonNode call(HandlerRef<S> ref, OperationContext context, ObjectNode params) throws Exception {
        S bean = ref.beanType().cast(beans.computeIfAbsent(ref.beanType(), this::lookup));
        return ref.method().invoke(bean, context, params);
    }

    private Object lookup(Class<?> type) {
        var handle = Arc.container().instance(type);
        if (!handle.isAvailable()) {
            throw new IllegalStateException("No bean of type " + type.getName() + " handles routes; is it @Unremovable?");
        }
        return handle.get();
    }
}
