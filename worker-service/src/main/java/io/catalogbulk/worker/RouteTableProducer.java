package io.catalogbulk.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.core.route.RouteTable;

/** The routes whose operations this worker executes: every catalog route, looked up by topic. */
public class RouteTableProducer {

    @Produces
    @ApplicationScoped
    RouteTable routeTable() {
        return RouteTable.of(CatalogRoutes.ALL);
    }
}
