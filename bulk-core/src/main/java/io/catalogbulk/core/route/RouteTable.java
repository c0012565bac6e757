package io.catalogbulk.core.route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.catalogbulk.core.webapi.WebapiException;

/**
 * Every declared route, and the lookups derived from them: synchronous, asynchronous and bulk matching with
 * Magento's precedence, and topic to route for the worker.
 */
public final class RouteTable {

    private final List<RouteDeclaration> routes;
    private final Map<String, RouteDeclaration> byTopic = new HashMap<>();
    private final Map<String, RouteDeclaration> byBulkPath = new HashMap<>();
    private final Map<String, RouteDeclaration> byLegacyTopic = new HashMap<>();

    private RouteTable(List<RouteDeclaration> routes) {
        this.routes = List.copyOf(routes);
        Map<String, RouteDeclaration> sync = new HashMap<>();
        for (RouteDeclaration route : routes) {
            String key = route.method() + " " + route.path().template();
            if (sync.put(key, route) != null) {
                throw new IllegalStateException("Route declared twice: " + key);
            }
            if (!route.asyncAllowed()) {
                continue;
            }
            RouteDeclaration clash = byTopic.put(route.topic(), route);
            if (clash != null) {
                throw new IllegalStateException("Routes " + clash + " and " + route + " derive the same topic " + route.topic());
            }
            byLegacyTopic.put(route.service().legacyTopic(route.method()), route);
            byBulkPath.put(route.method() + " " + route.bulkPath(), route);
        }
    }

    @SafeVarargs
    public static RouteTable of(Collection<RouteDeclaration>... groups) {
        List<RouteDeclaration> all = new ArrayList<>();
        for (Collection<RouteDeclaration> group : groups) {
            all.addAll(group);
        }
        return new RouteTable(all);
    }

    public List<RouteDeclaration> routes() {
        return routes;
    }

    /** The route of a topic: Magento's name, or the name the topic had before (see {@link ServiceCall#legacyTopic}). */
    public Optional<RouteDeclaration> byTopic(String topic) {
        RouteDeclaration route = byTopic.get(topic);
        return Optional.ofNullable(route != null ? route : byLegacyTopic.get(topic));
    }

    /**
     * Finds the route for a request, or throws the Magento error: 404 "Request does not match any route."
     * when nothing matches, 400 "Specified request cannot be processed." for GET on an async or bulk path.
     */
    public RouteMatch resolve(RequestFamily family, HttpMethod method, List<String> segments) {
        if (family != RequestFamily.SYNC && method == HttpMethod.GET) {
            // Magento's async processors refuse GET before any route is matched (AsynchronousRequestMatcher), and
            // no other processor takes an /async path: every GET there is this 400, known path or not.
            throw WebapiException.cannotProcess();
        }
        if (family == RequestFamily.BULK) {
            String path = "/" + String.join("/", segments);
            RouteDeclaration route = byBulkPath.get(method + " " + path);
            if (route == null) {
                throw WebapiException.noRoute();
            }
            return new RouteMatch(route, Map.of());
        }
        List<RouteMatch> candidates = new ArrayList<>();
        for (RouteDeclaration route : routes) {
            Optional<Map<String, String>> values = route.path().match(segments);
            if (values.isEmpty()) {
                continue;
            }
            if (route.method() == method) {
                candidates.add(new RouteMatch(route, values.get()));
            }
        }
        // Magento: an exact literal path wins, then literal segments beat parameters.
        RouteMatch best = candidates.stream()
                .max(Comparator.comparingInt((RouteMatch m) -> m.route().path().literalCount())
                        .thenComparing(m -> m.route().path().template()))
                .orElseThrow(WebapiException::noRoute);
        if (family == RequestFamily.ASYNC && !best.route().asyncAllowed()) {
            throw WebapiException.noRoute();
        }
        return best;
    }
}
