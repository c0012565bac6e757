package io.catalogbulk.catalog;

import java.util.ArrayList;
import java.util.List;

import io.catalogbulk.catalog.cart.CartRoutes;
import io.catalogbulk.catalog.category.CategoryRoutes;
import io.catalogbulk.catalog.cms.CmsRoutes;
import io.catalogbulk.catalog.customer.CustomerRoutes;
import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.catalog.store.StoreRoutes;
import io.catalogbulk.core.route.RouteDeclaration;

/** Every entity route of the catalog, in one list: what ingest-service serves and worker-service executes. */
public final class CatalogRoutes {

    public static final List<RouteDeclaration> ALL;

    static {
        List<RouteDeclaration> all = new ArrayList<>();
        all.addAll(ProductRoutes.ROUTES);
        all.addAll(CustomerRoutes.ROUTES);
        all.addAll(StoreRoutes.ROUTES);
        all.addAll(ProductFeatureRoutes.ALL);
        all.addAll(CategoryRoutes.ROUTES);
        all.addAll(CmsRoutes.ROUTES);
        all.addAll(CartRoutes.ROUTES);
        ALL = List.copyOf(all);
    }

    private CatalogRoutes() {
    }
}
