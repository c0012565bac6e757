package io.catalogbulk.catalog;

import java.util.ArrayList;
import java.util.List;

import io.catalogbulk.catalog.attribute.AttributeRoutes;
import io.catalogbulk.catalog.cart.CartRoutes;
import io.catalogbulk.catalog.category.CategoryRoutes;
import io.catalogbulk.catalog.cms.CmsRoutes;
import io.catalogbulk.catalog.configurable.ConfigurableRoutes;
import io.catalogbulk.catalog.customer.CustomerRoutes;
import io.catalogbulk.catalog.importexport.adobe.AdobeImportRoutes;
import io.catalogbulk.catalog.importexport.rows.ImportRowRoutes;
import io.catalogbulk.catalog.inventory.SourceItemRoutes;
import io.catalogbulk.catalog.inventory.SourceRoutes;
import io.catalogbulk.catalog.link.ProductLinkRoutes;
import io.catalogbulk.catalog.media.MediaRoutes;
import io.catalogbulk.catalog.option.CustomOptionRoutes;
import io.catalogbulk.catalog.price.PriceRoutes;
import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.catalog.store.StoreRoutes;
import io.catalogbulk.core.route.RouteDeclaration;

/**
 * Every entity route of the catalog, in one list: what ingest-service serves and worker-service executes. Each
 * entity package declares its own routes ({@code *Routes.ROUTES}); this is the only place that gathers them.
 */
public final class CatalogRoutes {

    public static final List<RouteDeclaration> ALL;

    static {
        List<RouteDeclaration> all = new ArrayList<>();
        all.addAll(ProductRoutes.ROUTES);
        all.addAll(CustomerRoutes.ROUTES);
        all.addAll(StoreRoutes.ROUTES);
        all.addAll(MediaRoutes.ROUTES);
        all.addAll(AttributeRoutes.ROUTES);
        all.addAll(ConfigurableRoutes.ROUTES);
        all.addAll(CustomOptionRoutes.ROUTES);
        all.addAll(PriceRoutes.ROUTES);
        all.addAll(SourceItemRoutes.ROUTES);
        all.addAll(SourceRoutes.ROUTES);
        all.addAll(CategoryRoutes.ROUTES);
        all.addAll(CmsRoutes.ROUTES);
        all.addAll(CartRoutes.ROUTES);
        all.addAll(AdobeImportRoutes.ROUTES);
        all.addAll(ProductLinkRoutes.ROUTES);
        all.addAll(ImportRowRoutes.ROUTES);
        ALL = List.copyOf(all);
    }

    private CatalogRoutes() {
    }
}
