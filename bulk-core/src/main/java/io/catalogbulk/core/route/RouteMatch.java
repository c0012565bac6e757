package io.catalogbulk.core.route;

import java.util.Map;

/** A matched route and the path parameter values taken from the URL (none for a bulk route). */
public record RouteMatch(RouteDeclaration route, Map<String, String> pathValues) {
}
