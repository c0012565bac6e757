package io.catalogbulk.ingest.token;

import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;

import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.RouteDeclaration;

/** Signing in: the admin and customer token routes, anonymous and synchronous only. */
public final class TokenRoutes {

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/integration/admin/token")
                    .service("Magento\\Integration\\Api\\AdminTokenServiceInterface", "createAdminAccessToken")
                    .anonymous()
                    .syncOnly()
                    .summary("Create an admin access token (answers the token as a JSON string)")
                    .requiredBody("username", ScalarType.STRING)
                    .requiredBody("password", ScalarType.STRING)
                    .handledBy(AdminTokenService.class, AdminTokenService::createAdminAccessToken),
            route(POST, "/V1/integration/customer/token")
                    .service("Magento\\Integration\\Api\\CustomerTokenServiceInterface", "createCustomerAccessToken")
                    .anonymous()
                    .syncOnly()
                    .summary("Create a customer access token (answers the token as a JSON string; grants only self)")
                    .requiredBody("username", ScalarType.STRING)
                    .requiredBody("password", ScalarType.STRING)
                    .handledBy(CustomerTokenService.class, CustomerTokenService::createCustomerAccessToken));

    private TokenRoutes() {
    }
}
