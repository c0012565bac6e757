package io.catalogbulk.catalog.testing;

import java.util.List;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;

/** Catalog route declarations by name, and the input errors they find in a request item (no database). */
public final class RouteSamples {

    private RouteSamples() {
    }

    /** The route named like {@code "POST /V1/products/:sku/media"}. */
    public static RouteDeclaration route(String name) {
        return CatalogRoutes.ALL.stream().filter(r -> r.toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + name));
    }

    /** The rendered input errors of one bulk item of the route (path parameters are fields of the item). */
    public static List<String> inputErrors(String route, String bulkItem) {
        return RouteInput.fromBulkItem(route(route), Json.parse(bulkItem)).errors().stream().map(Phrase::render).toList();
    }
}
