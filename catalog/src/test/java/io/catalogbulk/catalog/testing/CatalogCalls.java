package io.catalogbulk.catalog.testing;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.catalog.store.StoreDirectory;
import io.catalogbulk.core.db.Backoff;
import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.RequestFamily;
import io.catalogbulk.core.route.RequestPath;
import io.catalogbulk.core.route.RouteHandlers;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.route.RouteMatch;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Calls the catalog's entity operations in a running {@code @QuarkusTest} application, the way the services
 * execute them but without HTTP, tokens or queues: the route is found by method and path ({@code /V1/...},
 * optionally after a store code or {@code all}, as after {@code /rest}), the route's declared input rules
 * normalize the body, path and query, the store code is resolved by {@link StoreDirectory}, and the handler runs
 * as the administrator in one committed transaction of the real database. A business error is answered like the
 * Web API answers it (its status and Magento's error body), so the tests read the entity's behaviour, not
 * exceptions. A path that matches no route fails the test: a 404 is always the entity's. The calls are static
 * for readable tests; the beans they need are injected into this (test) bean of the running application.
 */
@ApplicationScoped
@Unremovable
public class CatalogCalls {

    private static final RouteTable ROUTES = RouteTable.of(CatalogRoutes.ALL);
    private static final Caller ADMIN = new Caller(1, UserType.ADMIN);

    @Inject
    StoreDirectory stores;

    @Inject
    DataSource dataSource;

    @Inject
    RouteHandlers handlers;

    public static Answer get(String path) {
        return call(HttpMethod.GET, path, null, false);
    }

    public static Answer post(String path) {
        return call(HttpMethod.POST, path, null, false);
    }

    public static Answer post(String path, String body) {
        return call(HttpMethod.POST, path, body, false);
    }

    public static Answer put(String path, String body) {
        return call(HttpMethod.PUT, path, body, false);
    }

    public static Answer delete(String path) {
        return call(HttpMethod.DELETE, path, null, false);
    }

    /**
     * As a worker executes a queued operation ({@link OperationContext#asynchronous()}): handlers that answer a
     * synchronous call with per-item failures fail the whole operation instead.
     */
    public static Answer asynchronously(HttpMethod method, String path, String body) {
        return call(method, path, body, true);
    }

    private static Answer call(HttpMethod method, String pathAndQuery, String body, boolean asynchronous) {
        return Arc.container().instance(CatalogCalls.class).get().execute(method, pathAndQuery, body, asynchronous);
    }

    Answer execute(HttpMethod method, String pathAndQuery, String body, boolean asynchronous) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        Map<String, String> query = question < 0 ? Map.of() : query(pathAndQuery.substring(question + 1));
        RequestPath request = RequestPath.parse(path)
                .filter(parsed -> parsed.family() == RequestFamily.SYNC)
                .orElseThrow(() -> new AssertionError("Not a catalog route path: " + pathAndQuery));
        RouteMatch match;
        try {
            match = ROUTES.resolve(RequestFamily.SYNC, method, request.routeSegments());
        } catch (WebapiException e) {
            throw new AssertionError("No catalog route " + method + " " + request.routePath(), e);
        }
        try {
            StoreScope scope = stores.scopeFor(request.storeCode());
            JsonNode input = body == null ? null : Json.parse(body);
            RouteInput.Item item = RouteInput.fromRequest(match.route(), input, match.pathValues(), query);
            if (!item.valid()) {
                throw WebapiException.ofErrors(400, item.errors());
            }
            JsonNode result = Transactions.inTransaction(dataSource, 3, new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)),
                    connection -> handlers.invoke(match.route(), new OperationContext(connection, scope, ADMIN, asynchronous),
                            item.params()));
            return Answer.of(result);
        } catch (WebapiException e) {
            return Answer.of(e);
        }
    }

    /** A query string ({@code ?name=value&...}, encoded) from names and values in turn. */
    public static String query(String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.append(i == 0 ? '?' : '&').append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    /** The first value of each parameter, decoded, as the services read a query string. */
    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }
}
