package io.catalogbulk.catalog.attribute;

import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;

import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;

/** Product attribute routes of Magento's module-catalog webapi.xml (the ones a configurable product needs). */
public final class AttributeRoutes {

    static final String REPOSITORY = "Magento\\Catalog\\Api\\ProductAttributeRepositoryInterface";
    static final String OPTIONS = "Magento\\Catalog\\Api\\ProductAttributeOptionManagementInterface";

    /** Magento_Catalog::attributes_attributes (Stores > Attributes > Product): product attributes and their options. */
    public static final AclResource ATTRIBUTES = AclResources.STORES_ATTRIBUTES.child("Magento_Catalog::attributes_attributes");

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/products/attributes")
                    .service(REPOSITORY, "save")
                    .acl(ATTRIBUTES)
                    .summary("Create a product attribute with its options")
                    .requiredBody("attribute", AttributeSchemas.ATTRIBUTE)
                    .check(AttributeSchemas.ATTRIBUTE_RULES)
                    .lockKey(AttributeSchemas::lockKey)
                    .handledBy(AttributeService.class, AttributeService::save),
            route(GET, "/V1/products/attributes/:attributeCode")
                    .service(REPOSITORY, "get")
                    .acl(ATTRIBUTES)
                    .summary("Get a product attribute by code (or id) with its options")
                    .handledBy(AttributeService.class, AttributeService::get),
            route(POST, "/V1/products/attributes/:attributeCode/options")
                    .service(OPTIONS, "add")
                    .acl(ATTRIBUTES)
                    .summary("Add an option to a select attribute; answers the new option id")
                    .requiredBody("option", AttributeSchemas.OPTION)
                    .check(AttributeSchemas.OPTION_RULES)
                    .lockKey(AttributeSchemas::lockKey)
                    .handledBy(AttributeService.class, AttributeService::addOption));

    private AttributeRoutes() {
    }
}
