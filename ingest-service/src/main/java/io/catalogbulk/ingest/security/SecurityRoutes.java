package io.catalogbulk.ingest.security;

import static io.catalogbulk.core.input.FieldCheck.maxLength;
import static io.catalogbulk.core.route.HttpMethod.DELETE;
import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;

import io.catalogbulk.catalog.customer.CustomerRoutes;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResources;

/**
 * Principals: the admin routes that create, list and disable admin users and integrations and revoke tokens
 * (signing in is the token package's). All synchronous only: managing who may call the API is never queued
 * behind the catalog.
 */
public final class SecurityRoutes {

    static final ObjectSchema INTEGRATION = ObjectSchema.named("Magento\\Integration\\Api\\Data\\IntegrationInterface")
            .required("name", ScalarType.STRING, maxLength(255))
            .required("resources", ListType.of(ScalarType.STRING))
            .build();

    static final ObjectSchema USER = ObjectSchema.named("Magento\\User\\Api\\Data\\UserInterface")
            .required("username", ScalarType.STRING, maxLength(40))
            .required("password", ScalarType.STRING, maxLength(256))
            .required("resources", ListType.of(ScalarType.STRING))
            .build();

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/integrations")
                    .service("Magento\\Integration\\Api\\IntegrationServiceInterface", "create")
                    .acl(AclResources.INTEGRATIONS)
                    .syncOnly()
                    .summary("Create an integration with its ACL resources; answers it with its access_token and OAuth 1.0a consumer_key,"
                            + " consumer_secret and access_token_secret (shown once)")
                    .requiredBody("integration", INTEGRATION)
                    .handledBy(IntegrationService.class, IntegrationService::create),
            route(GET, "/V1/integrations")
                    .service("Magento\\Integration\\Api\\IntegrationServiceInterface", "getList")
                    .acl(AclResources.INTEGRATIONS)
                    .summary("List integrations (without tokens)")
                    .handledBy(IntegrationService.class, IntegrationService::list),
            route(DELETE, "/V1/integrations/:integrationId")
                    .service("Magento\\Integration\\Api\\IntegrationServiceInterface", "delete")
                    .acl(AclResources.INTEGRATIONS)
                    .syncOnly()
                    .pathParam("integrationId", ScalarType.INT)
                    .summary("Delete (disable) an integration; its token stops working in every service at once")
                    .handledBy(IntegrationService.class, IntegrationService::delete),
            route(POST, "/V1/users")
                    .service("Magento\\User\\Api\\UserRepositoryInterface", "save")
                    .acl(AclResources.USERS)
                    .syncOnly()
                    .summary("Create an admin user with its ACL resources (never more than the caller holds)")
                    .requiredBody("user", USER)
                    .handledBy(AdminUserService.class, AdminUserService::create),
            route(GET, "/V1/users")
                    .service("Magento\\User\\Api\\UserRepositoryInterface", "getList")
                    .acl(AclResources.USERS)
                    .summary("List admin users (without password hashes)")
                    .handledBy(AdminUserService.class, AdminUserService::list),
            route(DELETE, "/V1/users/:userId")
                    .service("Magento\\User\\Api\\UserRepositoryInterface", "disable")
                    .acl(AclResources.USERS)
                    .syncOnly()
                    .pathParam("userId", ScalarType.INT)
                    .summary("Disable an admin user; its tokens stop working in every service at once")
                    .handledBy(AdminUserService.class, AdminUserService::disable),
            route(POST, "/V1/users/:userId/revoke-tokens")
                    .service("Magento\\Integration\\Api\\AdminTokenServiceInterface", "revokeAdminAccessToken")
                    .acl(AclResources.USERS)
                    .syncOnly()
                    .pathParam("userId", ScalarType.INT)
                    .summary("Revoke every token of an admin user (who may sign in again)")
                    .handledBy(AdminUserService.class, AdminUserService::revokeTokens),
            route(POST, "/V1/customers/:customerId/revoke-tokens")
                    .service("Magento\\Integration\\Api\\CustomerTokenServiceInterface", "revokeCustomerAccessToken")
                    .acl(CustomerRoutes.MANAGE_CUSTOMERS)
                    .syncOnly()
                    .pathParam("customerId", ScalarType.INT)
                    .summary("Revoke every token of a customer")
                    .handledBy(AdminUserService.class, AdminUserService::revokeCustomerTokens));

    private SecurityRoutes() {
    }
}
