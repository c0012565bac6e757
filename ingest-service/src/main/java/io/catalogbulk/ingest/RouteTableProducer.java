package io.catalogbulk.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.ingest.security.SecurityRoutes;
import io.catalogbulk.ingest.token.TokenRoutes;

/** The routes ingest-service serves: every catalog route, the token routes and the user and integration routes. */
public class RouteTableProducer {

    public static RouteTable routes() {
        return RouteTable.of(CatalogRoutes.ALL, TokenRoutes.ROUTES, SecurityRoutes.ROUTES);
    }

    @Produces
    @ApplicationScoped
    RouteTable routeTable() {
        return routes();
    }
}
