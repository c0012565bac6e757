package io.catalogbulk.ingest;

import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.AclTree;
import io.catalogbulk.ingest.importing.ImportRoutes;
import io.catalogbulk.ingest.security.SecurityRoutes;
import io.catalogbulk.ingest.token.TokenRoutes;

/**
 * The routes ingest-service serves: every catalog route, the token routes, the user and integration routes and the
 * import routes; and
 * the ACL tree they make up, which is what an administrator may grant to a user or integration (with the bulk log,
 * which status-service checks).
 */
public class RouteTableProducer {

    public static RouteTable routes() {
        return RouteTable.of(CatalogRoutes.ALL, TokenRoutes.ROUTES, SecurityRoutes.ROUTES, ImportRoutes.ROUTES);
    }

    @Produces
    @ApplicationScoped
    RouteTable routeTable() {
        return routes();
    }

    @Produces
    @ApplicationScoped
    AclTree aclTree(RouteTable routes) {
        return AclTree.of(Stream.concat(routes.routes().stream().map(RouteDeclaration::aclResource), Stream.of(AclResources.BULK_LOG))
                .toList());
    }
}
