package io.catalogbulk.catalog.product;

import static io.catalogbulk.core.route.HttpMethod.DELETE;
import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.HttpMethod.PUT;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;

import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;

/** Product routes of Magento's module-catalog webapi.xml, declared once each. */
public final class ProductRoutes {

    static final String REPOSITORY = "Magento\\Catalog\\Api\\ProductRepositoryInterface";

    /** Magento_Catalog::products: products and everything that hangs off them (media, options, prices, configurable links). */
    public static final AclResource PRODUCTS = AclResources.CATALOG_INVENTORY.child("Magento_Catalog::products");

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/products")
                    .service(REPOSITORY, "save")
                    .acl(PRODUCTS)
                    .summary("Create a product, or update the product with the same SKU")
                    .requiredBody("product", ProductSchemas.PRODUCT)
                    .body("saveOptions", ScalarType.BOOL)
                    .check(ProductSchemas.SKU_IN_BODY)
                    .lockKey(ProductSchemas::lockKey)
                    .handledBy(ProductService.class, ProductService::save, ProductService::saveAll),
            route(PUT, "/V1/products/:sku")
                    .service(REPOSITORY, "save")
                    .acl(PRODUCTS)
                    .summary("Update the fields given (creates the product if the SKU is new)")
                    .requiredBody("product", ProductSchemas.PRODUCT)
                    .body("saveOptions", ScalarType.BOOL)
                    .check(ProductSchemas.SKU_NOT_BLANK)
                    .lockKey(ProductSchemas::lockKey)
                    .handledBy(ProductService.class, ProductService::save, ProductService::saveAll),
            route(DELETE, "/V1/products/:sku")
                    .service(REPOSITORY, "deleteById")
                    .acl(PRODUCTS)
                    .summary("Delete a product")
                    .check(ProductSchemas.SKU_NOT_BLANK)
                    .lockKey(ProductSchemas::lockKey)
                    .handledBy(ProductService.class, ProductService::deleteById),
            route(GET, "/V1/products/:sku")
                    .service(REPOSITORY, "get")
                    .acl(PRODUCTS)
                    .summary("Get a product as the store of the URL sees it")
                    .handledBy(ProductService.class, ProductService::get),
            route(GET, "/V1/products")
                    .service(REPOSITORY, "getList")
                    .acl(PRODUCTS)
                    .summary("Search products: filter by sku, name, type_id, status, ...; paged")
                    .searchCriteria()
                    .handledBy(ProductService.class, ProductService::getList));

    private ProductRoutes() {
    }
}
