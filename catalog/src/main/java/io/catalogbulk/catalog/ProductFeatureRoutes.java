package io.catalogbulk.catalog;

import java.util.ArrayList;
import java.util.List;

import io.catalogbulk.catalog.attribute.AttributeRoutes;
import io.catalogbulk.catalog.configurable.ConfigurableRoutes;
import io.catalogbulk.catalog.inventory.SourceItemRoutes;
import io.catalogbulk.catalog.media.MediaRoutes;
import io.catalogbulk.catalog.option.CustomOptionRoutes;
import io.catalogbulk.catalog.price.PriceRoutes;
import io.catalogbulk.core.route.RouteDeclaration;

/** The routes around products (media, attributes, configurable products, custom options, prices, stock). */
final class ProductFeatureRoutes {

    static final List<RouteDeclaration> ALL;

    static {
        List<RouteDeclaration> all = new ArrayList<>();
        all.addAll(MediaRoutes.ROUTES);
        all.addAll(AttributeRoutes.ROUTES);
        all.addAll(ConfigurableRoutes.ROUTES);
        all.addAll(CustomOptionRoutes.ROUTES);
        all.addAll(PriceRoutes.ROUTES);
        all.addAll(SourceItemRoutes.ROUTES);
        ALL = List.copyOf(all);
    }

    private ProductFeatureRoutes() {
    }
}
