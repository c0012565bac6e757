package io.catalogbulk.catalog.configurable;

import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.catalog.product.ProductSchemas;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Configurable product routes of Magento's module-configurable-product webapi.xml. */
public final class ConfigurableRoutes {

    static final String OPTIONS = "Magento\\ConfigurableProduct\\Api\\OptionRepositoryInterface";
    static final String LINKS = "Magento\\ConfigurableProduct\\Api\\LinkManagementInterface";

    /** The one schema of a configurable option, shared with a product save's extension_attributes. */
    public static final ObjectSchema OPTION = ProductSchemas.CONFIGURABLE_OPTION;

    static final ItemCheck OPTION_RULES = params -> optionRules(params.get("option"));

    /** What an option needs besides its shape: the route's item check, and a product save's for each option it gives. */
    static List<Phrase> optionRules(JsonNode option) {
        if (option.path("attribute_id").asText("").isBlank()) {
            return List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "attribute_id")));
        }
        if (option.path("values").isEmpty()) {
            return List.of(Phrase.of("Option values are not specified."));
        }
        for (var value : option.get("values")) {
            if (!value.has("value_index")) {
                return List.of(Phrase.of("Value index is not specified for an option."));
            }
        }
        return List.of();
    }

    static final ItemCheck CHILD_RULES = params -> params.path("childSku").asText("").isBlank()
            ? List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "childSku")))
            : List.of();

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/configurable-products/:sku/options")
                    .service(OPTIONS, "save")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Make a select attribute a configurable option of the product; answers the option id")
                    .requiredBody("option", OPTION)
                    .check(OPTION_RULES)
                    .lockKey(ConfigurableRoutes::lockKey)
                    .handledBy(ConfigurableService.class, ConfigurableService::saveOption),
            route(POST, "/V1/configurable-products/:sku/child")
                    .service(LINKS, "addChild")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Attach a simple product carrying a value of every configurable option")
                    .requiredBody("childSku", ScalarType.STRING)
                    .check(CHILD_RULES)
                    .lockKey(ConfigurableRoutes::lockKey)
                    .handledBy(ConfigurableService.class, ConfigurableService::addChild),
            route(GET, "/V1/configurable-products/:sku/children")
                    .service(LINKS, "getChildren")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("The children of a configurable product")
                    .handledBy(ConfigurableService.class, ConfigurableService::getChildren));

    /** The parent's SKU: adding options and children of one parent is serialized. */
    static String lockKey(ObjectNode params) {
        return "product:" + params.path("sku").asText().toLowerCase();
    }

    private ConfigurableRoutes() {
    }
}
