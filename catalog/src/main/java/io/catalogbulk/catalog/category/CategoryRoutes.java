package io.catalogbulk.catalog.category;

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

/** Category routes of Magento's module-catalog webapi.xml, declared once each. */
public final class CategoryRoutes {

    static final String REPOSITORY = "Magento\\Catalog\\Api\\CategoryRepositoryInterface";

    /** Magento_Catalog::categories: the category tree and its product links. */
    public static final AclResource CATEGORIES = AclResources.CATALOG_INVENTORY.child("Magento_Catalog::categories");

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/categories")
                    .service(REPOSITORY, "save")
                    .acl(CATEGORIES)
                    .summary("Create a category below parent_id (default 2), or update the category with the given id")
                    .requiredBody("category", CategorySchemas.CATEGORY)
                    .lockKey(CategorySchemas::lockKey)
                    .handledBy(CategoryService.class, CategoryService::save),
            route(PUT, "/V1/categories/:id")
                    .service(REPOSITORY, "save")
                    .acl(CATEGORIES)
                    .pathParam("id", ScalarType.INT)
                    .summary("Update the fields given, in the store scope of the URL")
                    .requiredBody("category", CategorySchemas.CATEGORY)
                    .lockKey(CategorySchemas::lockKey)
                    .handledBy(CategoryService.class, CategoryService::save),
            route(DELETE, "/V1/categories/:categoryId")
                    .service(REPOSITORY, "deleteByIdentifier")
                    .acl(CATEGORIES)
                    .pathParam("categoryId", ScalarType.INT)
                    .summary("Delete a category and its subcategories")
                    .lockKey(CategorySchemas::lockKey)
                    .handledBy(CategoryService.class, CategoryService::deleteByIdentifier),
            route(GET, "/V1/categories/:categoryId")
                    .service(REPOSITORY, "get")
                    .acl(CATEGORIES)
                    .pathParam("categoryId", ScalarType.INT)
                    .query("storeId", ScalarType.INT)
                    .summary("Get a category as the store of the URL (or storeId) sees it")
                    .handledBy(CategoryService.class, CategoryService::get),
            route(GET, "/V1/categories")
                    .service("Magento\\Catalog\\Api\\CategoryManagementInterface", "getTree")
                    .acl(CATEGORIES)
                    .query("rootCategoryId", ScalarType.INT)
                    .query("depth", ScalarType.INT)
                    .summary("The category tree below rootCategoryId (default: the default category, 2), depth levels deep (default: all)")
                    .handledBy(CategoryService.class, CategoryService::getTree),
            route(POST, "/V1/categories/:categoryId/products")
                    .service("Magento\\Catalog\\Api\\CategoryLinkRepositoryInterface", "save")
                    .acl(CATEGORIES)
                    .pathParam("categoryId", ScalarType.INT)
                    .summary("Assign a product to a category at a position")
                    .requiredBody("productLink", CategorySchemas.PRODUCT_LINK)
                    .lockKey(CategorySchemas::lockKey)
                    .handledBy(CategoryService.class, CategoryService::saveProductLink));

    private CategoryRoutes() {
    }
}
