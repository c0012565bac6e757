package io.catalogbulk.core.route;

import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;

import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.security.Principal;

/**
 * What a streamed route's handler gets (see {@link RouteDeclaration.Builder#streamedBy}): the authenticated
 * principal (already checked against the route's ACL resource), the store scope, the path and query values, the
 * request headers and the body, unread.
 *
 * @param header a request header by name (case-insensitive), or null when absent
 */
public record StreamedRequest(Principal principal, StoreScope scope, Map<String, String> pathValues, Map<String, String> query,
        Function<String, String> header, InputStream body) {

    public String path(String name) {
        return pathValues.get(name);
    }
}
