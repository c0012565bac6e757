package io.catalogbulk.core.route;

import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;

/** Small route declarations shaped like Magento's, for tests that must not depend on the catalog module. */
final class TestRoutes {

    static final AclResource PRODUCTS_ACL = AclResources.CATALOG_INVENTORY.child("Magento_Catalog::products");
    static final String PRODUCT_REPOSITORY = "Magento\\Catalog\\Api\\ProductRepositoryInterface";

    static final ObjectSchema PRODUCT = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductInterface")
            .field("sku", ScalarType.STRING)
            .field("name", ScalarType.STRING)
            .field("price", ScalarType.FLOAT)
            .build();

    private TestRoutes() {
    }

    /** A declaration with a handler that is never called. */
    static RouteDeclaration declare(RouteDeclaration.Builder builder) {
        return builder.handledBy(Object.class, (service, context, params) -> null);
    }

    static RouteDeclaration.Builder productRoute(HttpMethod method, String path, String serviceMethod) {
        return RouteDeclaration.route(method, path).service(PRODUCT_REPOSITORY, serviceMethod).acl(PRODUCTS_ACL);
    }

    static RouteDeclaration postProducts() {
        return declare(productRoute(HttpMethod.POST, "/V1/products", "save")
                .requiredBody("product", PRODUCT)
                .body("saveOptions", ScalarType.BOOL));
    }

    static RouteDeclaration putProduct() {
        return declare(productRoute(HttpMethod.PUT, "/V1/products/:sku", "save")
                .requiredBody("product", PRODUCT)
                .body("saveOptions", ScalarType.BOOL));
    }

    static RouteDeclaration deleteProduct() {
        return declare(productRoute(HttpMethod.DELETE, "/V1/products/:sku", "deleteById"));
    }

    static RouteDeclaration getProduct() {
        return declare(productRoute(HttpMethod.GET, "/V1/products/:sku", "get"));
    }

    static RouteDeclaration getAttributes() {
        return declare(RouteDeclaration.route(HttpMethod.GET, "/V1/products/attributes")
                .service("Magento\\Catalog\\Api\\ProductAttributeRepositoryInterface", "getList")
                .acl(AclResources.ALL.child("Magento_Catalog::attributes_attributes")));
    }

    static RouteDeclaration getAttribute() {
        return declare(RouteDeclaration.route(HttpMethod.GET, "/V1/products/attributes/:attributeCode")
                .service("Magento\\Catalog\\Api\\ProductAttributeRepositoryInterface", "get")
                .acl(AclResources.ALL.child("Magento_Catalog::attributes_attributes")));
    }

    static RouteDeclaration getProductMediaList() {
        return declare(productRoute(HttpMethod.GET, "/V1/products/:sku/media", "getList"));
    }

    static RouteDeclaration getCustomer() {
        return declare(RouteDeclaration.route(HttpMethod.GET, "/V1/customers/:customerId")
                .service("Magento\\Customer\\Api\\CustomerRepositoryInterface", "getById")
                .acl(AclResources.ALL.child("Magento_Customer::customer"))
                .pathParam("customerId", ScalarType.INT));
    }

    static RouteDeclaration putCustomer() {
        return declare(RouteDeclaration.route(HttpMethod.PUT, "/V1/customers/:customerId")
                .service("Magento\\Customer\\Api\\CustomerRepositoryInterface", "save")
                .acl(AclResources.ALL.child("Magento_Customer::manage"))
                .pathParam("customerId", ScalarType.INT));
    }

    static RouteDeclaration searchCustomers() {
        return declare(RouteDeclaration.route(HttpMethod.GET, "/V1/customers/search")
                .service("Magento\\Customer\\Api\\CustomerRepositoryInterface", "getList")
                .acl(AclResources.ALL.child("Magento_Customer::customer")));
    }

    static RouteDeclaration anonymousToken() {
        return declare(RouteDeclaration.route(HttpMethod.POST, "/V1/integration/admin/token")
                .service("Magento\\Integration\\Api\\AdminTokenServiceInterface", "createAdminAccessToken")
                .anonymous()
                .requiredBody("username", ScalarType.STRING)
                .requiredBody("password", ScalarType.STRING));
    }

    static RouteDeclaration syncOnlyPriceInformation() {
        return declare(RouteDeclaration.route(HttpMethod.POST, "/V1/products/base-prices-information")
                .service("Magento\\Catalog\\Api\\BasePriceStorageInterface", "get")
                .acl(PRODUCTS_ACL)
                .syncOnly());
    }
}
