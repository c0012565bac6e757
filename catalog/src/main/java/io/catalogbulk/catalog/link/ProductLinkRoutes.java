package io.catalogbulk.catalog.link;

import static io.catalogbulk.core.route.HttpMethod.DELETE;
import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.HttpMethod.PUT;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;

import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.catalog.product.ProductSchemas;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.route.RouteDeclaration;

/** Product link routes of Magento's module-catalog webapi.xml (related, up-sell, cross-sell), declared once each. */
public final class ProductLinkRoutes {

    static final String MANAGEMENT = "Magento\\Catalog\\Api\\ProductLinkManagementInterface";
    static final String REPOSITORY = "Magento\\Catalog\\Api\\ProductLinkRepositoryInterface";

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(GET, "/V1/products/links/types")
                    .service("Magento\\Catalog\\Api\\ProductLinkTypeListInterface", "getItems")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("The link types a product can have (code and Magento's id)")
                    .handledBy(ProductLinkService.class, ProductLinkService::types),
            route(POST, "/V1/products/:sku/links")
                    .service(MANAGEMENT, "setProductLinks")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Add links to a product (related, upsell, crosssell); a link it has already takes the new position")
                    .requiredBody("items", ListType.of(ProductSchemas.PRODUCT_LINK))
                    .lockKey(ProductLinkSchemas::lockKey)
                    .handledBy(ProductLinkService.class, ProductLinkService::setProductLinks),
            route(PUT, "/V1/products/:sku/links")
                    .service(REPOSITORY, "save")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Add or change one link of a product")
                    .requiredBody("entity", ProductSchemas.PRODUCT_LINK)
                    .lockKey(ProductLinkSchemas::lockKey)
                    .handledBy(ProductLinkService.class, ProductLinkService::save),
            route(GET, "/V1/products/:sku/links/:type")
                    .service(MANAGEMENT, "getLinkedItemsByType")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("A product's links of one type, in position order")
                    .handledBy(ProductLinkService.class, ProductLinkService::getLinkedItemsByType),
            route(DELETE, "/V1/products/:sku/links/:type/:linkedProductSku")
                    .service(REPOSITORY, "deleteById")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Remove one link of a product")
                    .lockKey(ProductLinkSchemas::lockKey)
                    .handledBy(ProductLinkService.class, ProductLinkService::deleteById));

    private ProductLinkRoutes() {
    }
}
