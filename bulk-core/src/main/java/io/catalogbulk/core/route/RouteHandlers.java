package io.catalogbulk.core.route;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

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
        return call(route.handler(), context, params);
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
