package io.catalogbulk.core.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.InputType;
import io.catalogbulk.core.input.Names;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;

/**
 * One entity operation, declared once: HTTP method, path template, Magento service method, ACL resource,
 * input (path and body parameters with their types and rules) and the handler. The synchronous route,
 * the asynchronous route, the bulk route, the topic, the validation and the OpenAPI description all derive
 * from this declaration; the async machinery never needs to know about a particular entity.
 */
public final class RouteDeclaration {

    /** ACL value of routes anyone may call (the token route); not in the ACL tree. */
    public static final AclResource ANONYMOUS = AclResource.root("anonymous");

    private final HttpMethod method;
    private final PathTemplate path;
    private final ServiceCall service;
    private final AclResource aclResource;
    private final String summary;
    private final Map<String, ScalarType> pathParams;
    private final Map<String, ScalarType> queryParams;
    private final boolean searchCriteria;
    private final List<BodyParam> bodyParams;
    private final List<ItemCheck> checks;
    private final List<ItemSeal> seals;
    private final LockKey lockKey;
    private final HandlerRef<?> handler;
    private final BatchServiceMethod<?> batchHandler;
    private final StreamedRef<?> streamed;
    private final boolean asyncAllowed;

    private RouteDeclaration(Builder b, HandlerRef<?> handler, BatchServiceMethod<?> batchHandler) {
        this(b, handler, batchHandler, null);
    }

    private RouteDeclaration(Builder b, HandlerRef<?> handler, BatchServiceMethod<?> batchHandler, StreamedRef<?> streamed) {
        this.method = b.method;
        this.path = b.path;
        this.service = b.service;
        this.aclResource = b.aclResource;
        this.summary = b.summary;
        this.pathParams = Map.copyOf(b.pathParams);
        this.queryParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.queryParams));
        this.searchCriteria = b.searchCriteria;
        this.bodyParams = List.copyOf(b.bodyParams);
        this.checks = List.copyOf(b.checks);
        this.seals = List.copyOf(b.seals);
        this.lockKey = b.lockKey;
        this.handler = handler;
        this.batchHandler = batchHandler;
        this.streamed = streamed;
        // Routes a customer calls for themselves (self) are never asynchronous, as in Magento.
        this.asyncAllowed = b.method != HttpMethod.GET && !b.syncOnly && streamed == null && !ANONYMOUS.equals(b.aclResource)
                && !AclResources.SELF.equals(b.aclResource);
    }

    public static Builder route(HttpMethod method, String path) {
        return new Builder(method, path);
    }

    public HttpMethod method() {
        return method;
    }

    public PathTemplate path() {
        return path;
    }

    public ServiceCall service() {
        return service;
    }

    public AclResource aclResource() {
        return aclResource;
    }

    public boolean anonymous() {
        return ANONYMOUS.equals(aclResource);
    }

    public String summary() {
        return summary;
    }

    public ScalarType pathParamType(String name) {
        return pathParams.getOrDefault(name, ScalarType.STRING);
    }

    public List<BodyParam> bodyParams() {
        return bodyParams;
    }

    /** Optional query parameters ({@code ?storeId=1}), by name, in declaration order. */
    public Map<String, ScalarType> queryParams() {
        return queryParams;
    }

    /**
     * Whether the route reads Magento's {@code searchCriteria[...]} query; the handler then finds the parsed
     * criteria as the {@code searchCriteria} parameter ({@link io.catalogbulk.core.search.SearchCriteria#fromJson}).
     */
    public boolean searchCriteria() {
        return searchCriteria;
    }

    public List<ItemCheck> checks() {
        return checks;
    }

    /** Replaces secrets of valid parameters by their stored form (see {@link ItemSeal}). */
    public void seal(ObjectNode params) {
        for (ItemSeal seal : seals) {
            seal.seal(params);
        }
    }

    public Optional<LockKey> lockKey() {
        return Optional.ofNullable(lockKey);
    }

    /**
     * The entity an operation of this route writes, for per-entity order (issue #18): the route's lock key, so every
     * route gets it from its one declaration; null when the route declares none (its operations are not ordered).
     */
    public String entityKey(ObjectNode params) {
        return lockKey == null ? null : lockKey.of(params);
    }

    public HandlerRef<?> handler() {
        return handler;
    }

    /** The set-based handler the worker may use for many operations of this route at once (same bean type). */
    public Optional<BatchServiceMethod<?>> batchHandler() {
        return Optional.ofNullable(batchHandler);
    }

    /**
     * The handler of a streamed route, which reads the raw body and writes its own answer (see
     * {@link Builder#streamedBy}); empty for every other route, whose {@link #handler()} takes the validated input.
     */
    public Optional<StreamedRef<?>> streamed() {
        return Optional.ofNullable(streamed);
    }

    /** Every non-GET route may be called asynchronously and in bulk, except anonymous and sync-only ones. */
    public boolean asyncAllowed() {
        return asyncAllowed;
    }

    public String topic() {
        return service.topic(method);
    }

    public String bulkPath() {
        return path.bulkPath();
    }

    /**
     * Magento's PUT rule: the last URL parameter overrides the matching field of the single object body
     * parameter ({@code PUT /V1/products/:sku} sets {@code product.sku}). Empty when it does not apply.
     */
    public Optional<OverrideTarget> putOverride() {
        if (method != HttpMethod.PUT || path.params().isEmpty()) {
            return Optional.empty();
        }
        String last = path.params().get(path.params().size() - 1);
        String field = Names.snake(last);
        List<BodyParam> objects = bodyParams.stream().filter(p -> p.type() instanceof ObjectSchema).toList();
        if (objects.size() != 1) {
            return Optional.empty();
        }
        ObjectSchema schema = (ObjectSchema) objects.get(0).type();
        if (schema.field(field) == null) {
            return Optional.empty();
        }
        return Optional.of(new OverrideTarget(last, objects.get(0).name(), field, schema.field(field).type()));
    }

    public record OverrideTarget(String pathParam, String bodyParam, String field, InputType fieldType) {
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    public static final class Builder {
        private final HttpMethod method;
        private final PathTemplate path;
        private ServiceCall service;
        private AclResource aclResource;
        private String summary = "";
        private final Map<String, ScalarType> pathParams = new LinkedHashMap<>();
        private final Map<String, ScalarType> queryParams = new LinkedHashMap<>();
        private boolean searchCriteria;
        private final List<BodyParam> bodyParams = new ArrayList<>();
        private final List<ItemCheck> checks = new ArrayList<>();
        private final List<ItemSeal> seals = new ArrayList<>();
        private LockKey lockKey;
        private boolean syncOnly;

        private Builder(HttpMethod method, String path) {
            this.method = method;
            this.path = PathTemplate.parse(path);
        }

        public Builder service(String serviceClass, String methodName) {
            this.service = new ServiceCall(serviceClass, methodName);
            return this;
        }

        public Builder acl(AclResource resource) {
            this.aclResource = resource;
            return this;
        }

        public Builder anonymous() {
            this.aclResource = ANONYMOUS;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder pathParam(String name, ScalarType type) {
            pathParams.put(name, type);
            return this;
        }

        /** An optional query parameter, typed like a path parameter; absent ones are simply not set. */
        public Builder query(String name, ScalarType type) {
            queryParams.put(name, type);
            return this;
        }

        /** The route takes {@code searchCriteria[...]} from the query string (required, as in Magento). */
        public Builder searchCriteria() {
            this.searchCriteria = true;
            return this;
        }

        public Builder body(String name, InputType type) {
            bodyParams.add(new BodyParam(name, type, false));
            return this;
        }

        public Builder requiredBody(String name, InputType type) {
            bodyParams.add(new BodyParam(name, type, true));
            return this;
        }

        public Builder check(ItemCheck check) {
            checks.add(check);
            return this;
        }

        /** Rewrites secrets before the item is executed or stored (never at rest in clear text). */
        public Builder seal(ItemSeal seal) {
            seals.add(seal);
            return this;
        }

        public Builder lockKey(LockKey key) {
            this.lockKey = key;
            return this;
        }

        /** Executes only synchronously (no async or bulk variant). */
        public Builder syncOnly() {
            this.syncOnly = true;
            return this;
        }

        public <S> RouteDeclaration handledBy(Class<S> beanType, ServiceMethod<S> method) {
            return handledBy(beanType, method, null);
        }

        /**
         * Handled by {@code method}, which reads the request body and writes the answer itself, both as streams (an
         * import file, a failed-rows download): the dispatcher authenticates and checks the ACL resource, and
         * neither parses nor limits the body. Synchronous only; declared body parameters only document the route.
         */
        public <S> RouteDeclaration streamedBy(Class<S> beanType, StreamedMethod<S> method) {
            if (service == null || aclResource == null) {
                throw new IllegalStateException(this.method + " " + path + " needs a service and an ACL resource");
            }
            this.syncOnly = true;
            return new RouteDeclaration(this, null, null, new StreamedRef<>(beanType, method));
        }

        /**
         * Handled by {@code method}, and in the worker also by {@code batch}, its set-based form for many
         * operations of the route in one transaction (see {@link BatchServiceMethod} for what it must promise).
         */
        public <S> RouteDeclaration handledBy(Class<S> beanType, ServiceMethod<S> method, BatchServiceMethod<S> batch) {
            if (service == null || aclResource == null) {
                throw new IllegalStateException(this.method + " " + path + " needs a service and an ACL resource");
            }
            for (String name : pathParams.keySet()) {
                if (!path.params().contains(name)) {
                    throw new IllegalStateException(path + " has no parameter :" + name);
                }
            }
            for (String name : queryParams.keySet()) {
                if (path.params().contains(name) || bodyParams.stream().anyMatch(p -> p.name().equals(name))) {
                    throw new IllegalStateException(path + ": query parameter " + name + " clashes with another parameter");
                }
            }
            for (BodyParam param : bodyParams) {
                if (path.params().contains(param.name())) {
                    throw new IllegalStateException(path + ": body parameter " + param.name() + " clashes with a path parameter");
                }
            }
            return new RouteDeclaration(this, new HandlerRef<>(beanType, method), batch);
        }
    }
}
