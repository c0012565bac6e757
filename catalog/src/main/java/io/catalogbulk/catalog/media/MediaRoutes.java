package io.catalogbulk.catalog.media;

import static io.catalogbulk.core.route.HttpMethod.DELETE;
import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.HttpMethod.PUT;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;

import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.RouteDeclaration;

/** Product media gallery routes of Magento's module-catalog webapi.xml. */
public final class MediaRoutes {

    static final String SERVICE = "Magento\\Catalog\\Api\\ProductAttributeMediaGalleryManagementInterface";

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/products/:sku/media")
                    .service(SERVICE, "create")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Add an image (base64 JPEG, PNG or GIF) to a product's gallery; answers the entry id")
                    .requiredBody("entry", MediaSchemas.ENTRY)
                    .check(MediaSchemas.NEW_ENTRY)
                    .lockKey(MediaSchemas::lockKey)
                    .handledBy(MediaService.class, MediaService::create),
            route(PUT, "/V1/products/:sku/media/:entryId")
                    .service(SERVICE, "update")
                    .acl(ProductRoutes.PRODUCTS)
                    .pathParam("entryId", ScalarType.INT)
                    .summary("Change a gallery entry (label, position, disabled, types, or its image)")
                    .requiredBody("entry", MediaSchemas.ENTRY)
                    .check(MediaSchemas.CHANGED_ENTRY)
                    .lockKey(MediaSchemas::lockKey)
                    .handledBy(MediaService.class, MediaService::update),
            route(DELETE, "/V1/products/:sku/media/:entryId")
                    .service(SERVICE, "remove")
                    .acl(ProductRoutes.PRODUCTS)
                    .pathParam("entryId", ScalarType.INT)
                    .summary("Remove a gallery entry and its image")
                    .lockKey(MediaSchemas::lockKey)
                    .handledBy(MediaService.class, MediaService::remove),
            route(GET, "/V1/products/:sku/media/:entryId")
                    .service(SERVICE, "get")
                    .acl(ProductRoutes.PRODUCTS)
                    .pathParam("entryId", ScalarType.INT)
                    .summary("Get one gallery entry of a product")
                    .handledBy(MediaService.class, MediaService::get),
            route(GET, "/V1/products/:sku/media")
                    .service(SERVICE, "getList")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("List a product's gallery entries")
                    .handledBy(MediaService.class, MediaService::getList));

    private MediaRoutes() {
    }
}
