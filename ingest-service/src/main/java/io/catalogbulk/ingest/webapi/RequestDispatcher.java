package io.catalogbulk.ingest.webapi;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.catalog.store.StoreDirectory;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.PathTemplate;
import io.catalogbulk.core.route.RequestFamily;
import io.catalogbulk.core.route.RequestPath;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteHandlers;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.route.RouteMatch;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.route.StreamedRequest;
import io.catalogbulk.core.security.Authenticator;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.IngestConfig;
import io.catalogbulk.ingest.body.RequestJson;
import io.catalogbulk.ingest.bulk.BulkAcceptor;
import io.catalogbulk.ingest.idempotency.IdempotencyConfig;
import io.catalogbulk.ingest.idempotency.IdempotentRequest;
import io.catalogbulk.ingest.openapi.AsyncSchema;
import io.catalogbulk.ingest.security.RequestLimits;
import io.catalogbulk.ingest.sync.SyncExecutor;

/**
 * Every {@code /rest/...} request: find the route (sync, async or bulk family), authenticate and check its ACL
 * resource, resolve the store scope, validate the input, then execute inline (sync) or store and queue
 * (async, bulk). Nothing here knows a particular entity; it all comes from the route declarations.
 */
@ApplicationScoped
public class RequestDispatcher {

    @Inject
    RouteTable routes;

    @Inject
    Authenticator authenticator;

    @Inject
    StoreDirectory stores;

    @Inject
    RequestJson json;

    @Inject
    SyncExecutor sync;

    @Inject
    BulkAcceptor acceptor;

    @Inject
    RequestLimits limits;

    @Inject
    RouteHandlers handlers;

    @Inject
    IdempotencyConfig idempotency;

    @Inject
    IngestConfig config;

    /**
     * @param rawPath     the still-encoded path after {@code /rest}
     * @param query       the decoded query parameters (first value of each)
     * @param contentType the request's Content-Type, or null
     * @param contentLength the declared body length, or -1
     */
    public Response dispatch(String method, String rawPath, Map<String, String> query, String authorization, String contentType,
            long contentLength, InputStream body) {
        return dispatch(method, rawPath, query, authorization, contentType, contentLength, body,
                name -> name.equalsIgnoreCase("Content-Type") ? contentType : null);
    }

    /** As above, with every request header (a streamed route reads Content-Encoding, Accept...). */
    public Response dispatch(String method, String rawPath, Map<String, String> query, String authorization, String contentType,
            long contentLength, InputStream body, Function<String, String> header) {
        Response schema = asyncSchema(method, rawPath, query);
        if (schema != null) {
            return schema;
        }
        RequestPath path = RequestPath.parse(rawPath).orElseThrow(WebapiException::noRoute);
        HttpMethod httpMethod = HttpMethod.parse(method).orElseThrow(WebapiException::noRoute);
        RouteMatch match = routes.resolve(path.family(), httpMethod, path.routeSegments());
        RouteDeclaration route = match.route();
        if (route.streamed().isEmpty()) {
            // A declared length over the limit is refused before a byte is read (a streamed route has its own limits).
            json.checkLength(contentLength);
        }

        Principal principal = route.anonymous() ? null : authenticator.authenticate(authorization, route.aclResource());
        Caller caller = principal == null ? new Caller(null, UserType.GUEST) : principal.caller();
        if (!route.anonymous()) {
            limits.checkRate(caller);
        }
        StoreScope scope = stores.scopeFor(path.storeCode());
        // A synchronous call stores no bulk to answer again: the header is ignored there, as Magento ignores it.
        IdempotentRequest idempotent = path.family() == RequestFamily.SYNC || !idempotency.enabled() ? null
                : IdempotentRequest.of(header.apply(IdempotentRequest.HEADER), method, rawPath, config.maxBodySize().asLongValue());

        if (route.streamed().isPresent()) {
            return streamed(route, new StreamedRequest(principal, scope, match.pathValues(), query, header, body));
        }

        if (path.family() == RequestFamily.BULK) {
            json.checkContentType(contentType);
            return acceptor.acceptBulk(route, scope, caller, body, idempotent);
        }
        JsonNode input = null;
        if (httpMethod != HttpMethod.GET) {
            input = readOptionalBody(contentType, idempotent == null ? body : idempotent.wrap(body));
        }
        RouteInput.Item item = RouteInput.fromRequest(route, input, match.pathValues(), query);
        if (!item.valid()) {
            throw WebapiException.ofErrors(400, item.errors());
        }
        if (path.family() == RequestFamily.ASYNC) {
            return acceptor.acceptOne(route, scope, caller, item.params(), idempotent);
        }
        JsonNode result = sync.execute(route, scope, caller, item.params());
        return Response.ok(Json.string(result), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response streamed(RouteDeclaration route, StreamedRequest request) {
        try {
            return handlers.stream(route, request);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(route + " failed", e);
        }
    }

    /**
     * {@code GET [/<store>|/all]/async/schema?services=all}: the OpenAPI document of the async and bulk routes.
     * Like Magento's it needs no token (it describes the API, it reveals no data). Null for any other path.
     */
    private Response asyncSchema(String method, String rawPath, Map<String, String> query) {
        List<String> segments = PathTemplate.split(rawPath);
        int start = segments.size() - 2;
        if (start < 0 || start > 1 || !segments.get(start).equals("async") || !segments.get(start + 1).equals("schema")) {
            return null;
        }
        if (!method.equals("GET")) {
            throw WebapiException.noRoute();
        }
        String store = start == 1 ? segments.get(0) : null;
        stores.scopeFor(store);
        Predicate<RouteDeclaration> services = AsyncSchema.serviceFilter(query.get("services"));
        if (services == null) {
            throw WebapiException.badRequest("Incorrect format of request URI or Requested services are missing.");
        }
        JsonNode document = AsyncSchema.document(routes, store == null ? "/rest" : "/rest/" + store, services);
        return Response.ok(Json.string(document), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** DELETE and POST without parameters may come without a body; anything sent must be JSON. */
    private JsonNode readOptionalBody(String contentType, InputStream body) {
        if (contentType == null || contentType.isBlank()) {
            JsonNode tree = json.readTree(body);
            if (tree != null) {
                json.checkContentType(contentType);
            }
            return tree;
        }
        json.checkContentType(contentType);
        return json.readTree(body);
    }
}
