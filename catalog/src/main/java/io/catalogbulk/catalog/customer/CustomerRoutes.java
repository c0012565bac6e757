package io.catalogbulk.catalog.customer;

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

/**
 * Customer routes. Magento lets anyone call POST /V1/customers (storefront sign-up); here it is an
 * integration route and needs Magento_Customer::manage, like the rest of the async API.
 */
public final class CustomerRoutes {

    /** Magento_Customer::customer: reading customers; it grants managing and deleting below it. */
    public static final AclResource CUSTOMERS = AclResources.ALL.child("Magento_Customer::customer");
    /** Magento_Customer::manage: creating and changing customers (and revoking their tokens). */
    public static final AclResource MANAGE_CUSTOMERS = CUSTOMERS.child("Magento_Customer::manage");
    public static final AclResource DELETE_CUSTOMERS = MANAGE_CUSTOMERS.child("Magento_Customer::delete");

    static final String ADDRESSES = "Magento\\Customer\\Api\\AddressRepositoryInterface";

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/customers")
                    .service("Magento\\Customer\\Api\\AccountManagementInterface", "createAccount")
                    .acl(MANAGE_CUSTOMERS)
                    .summary("Create a customer account")
                    .requiredBody("customer", CustomerSchemas.CUSTOMER)
                    .body("password", ScalarType.STRING)
                    .body("redirectUrl", ScalarType.STRING)
                    .check(new PasswordPolicy())
                    .seal(new PasswordSeal())
                    .lockKey(CustomerSchemas::lockKey)
                    .handledBy(CustomerService.class, CustomerService::createAccount),
            route(GET, "/V1/customers/:customerId")
                    .service("Magento\\Customer\\Api\\CustomerRepositoryInterface", "getById")
                    .acl(CUSTOMERS)
                    .pathParam("customerId", ScalarType.INT)
                    .summary("Get a customer")
                    .handledBy(CustomerService.class, CustomerService::getById),
            route(PUT, "/V1/customers/:customerId")
                    .service("Magento\\Customer\\Api\\CustomerRepositoryInterface", "save")
                    .acl(MANAGE_CUSTOMERS)
                    .pathParam("customerId", ScalarType.INT)
                    .summary("Update the members given of a customer; addresses given replace the customer's addresses")
                    .requiredBody("customer", CustomerSchemas.CUSTOMER_UPDATE)
                    .lockKey(CustomerSchemas::idLockKey)
                    .handledBy(CustomerService.class, CustomerService::save),
            route(DELETE, "/V1/customers/:customerId")
                    .service("Magento\\Customer\\Api\\CustomerRepositoryInterface", "deleteById")
                    .acl(DELETE_CUSTOMERS)
                    .pathParam("customerId", ScalarType.INT)
                    .summary("Delete a customer")
                    .lockKey(CustomerSchemas::idLockKey)
                    .handledBy(CustomerService.class, CustomerService::deleteById),
            route(GET, "/V1/customers/search")
                    .service("Magento\\Customer\\Api\\CustomerRepositoryInterface", "getList")
                    .acl(CUSTOMERS)
                    .searchCriteria()
                    .summary("Search customers (searchCriteria)")
                    .handledBy(CustomerService.class, CustomerService::getList),
            route(GET, "/V1/customers/addresses/:addressId")
                    .service(ADDRESSES, "getById")
                    .acl(CUSTOMERS)
                    .pathParam("addressId", ScalarType.INT)
                    .summary("Get a customer address")
                    .handledBy(CustomerService.class, CustomerService::getAddress),
            route(GET, "/V1/customers/:customerId/billingAddress")
                    .service("Magento\\Customer\\Api\\AccountManagementInterface", "getDefaultBillingAddress")
                    .acl(CUSTOMERS)
                    .pathParam("customerId", ScalarType.INT)
                    .summary("Get a customer's default billing address (null when it has none)")
                    .handledBy(CustomerService.class, CustomerService::getDefaultBillingAddress),
            route(GET, "/V1/customers/:customerId/shippingAddress")
                    .service("Magento\\Customer\\Api\\AccountManagementInterface", "getDefaultShippingAddress")
                    .acl(CUSTOMERS)
                    .pathParam("customerId", ScalarType.INT)
                    .summary("Get a customer's default shipping address (null when it has none)")
                    .handledBy(CustomerService.class, CustomerService::getDefaultShippingAddress),
            route(DELETE, "/V1/addresses/:addressId")
                    .service(ADDRESSES, "deleteById")
                    .acl(MANAGE_CUSTOMERS)
                    .pathParam("addressId", ScalarType.INT)
                    .summary("Delete a customer address (and the customer's default billing or shipping mark on it)")
                    .lockKey(params -> "customer-address:" + params.path("addressId").asText())
                    .handledBy(CustomerService.class, CustomerService::deleteAddress));

    private CustomerRoutes() {
    }
}
