package io.catalogbulk.catalog.option;

import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.catalog.product.ProductSchemas;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Product custom options (ProductCustomOptionRepositoryInterface::save). */
public final class CustomOptionRoutes {

    static final String REPOSITORY = "Magento\\Catalog\\Api\\ProductCustomOptionRepositoryInterface";

    /** Types whose choices are listed in values; the others carry their own price. */
    static final List<String> SELECTABLE = List.of("drop_down", "radio", "checkbox", "multiple");

    /** Magento's ProductCustomOptionInterface, shared with a product save's options. */
    public static final ObjectSchema OPTION = ProductSchemas.CUSTOM_OPTION;

    /** Magento's option validators: a title and a type; selectable types need titled values, others a price type. */
    static final ItemCheck RULES = params -> {
        ObjectNode option = (ObjectNode) params.get("option");
        List<Phrase> errors = new ArrayList<>();
        for (String field : List.of("product_sku", "title", "type")) {
            if (option.path(field).asText("").isBlank()) {
                errors.add(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", field)));
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        String type = option.get("type").asText();
        if (SELECTABLE.contains(type)) {
            if (option.path("values").isEmpty()) {
                errors.add(Phrase.positional("A \"%1\" option needs values. Add at least one value and try again.", type));
            }
            for (JsonNode value : option.path("values")) {
                if (value.path("title").asText("").isBlank()) {
                    errors.add(Phrase.of("The option value title is empty. Enter a title and try again."));
                }
                if (value.path("price").decimalValue().signum() < 0 && value.path("price_type").asText("fixed").equals("percent")) {
                    errors.add(Phrase.of("A percent price of an option value can't be negative."));
                }
            }
        } else if (!option.path("values").isEmpty()) {
            errors.add(Phrase.positional("A \"%1\" option takes no values; set its price and price_type instead.", type));
        }
        return errors;
    };

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/products/options")
                    .service(REPOSITORY, "save")
                    .acl(ProductRoutes.PRODUCTS)
                    .summary("Add a custom option (field, drop_down, ...) to the product named by option.product_sku")
                    .requiredBody("option", OPTION)
                    .check(RULES)
                    .lockKey(params -> "product:" + params.path("option").path("product_sku").asText().toLowerCase())
                    .handledBy(CustomOptionService.class, CustomOptionService::save));

    private CustomOptionRoutes() {
    }
}
