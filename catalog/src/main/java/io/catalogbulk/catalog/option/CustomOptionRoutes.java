package io.catalogbulk.catalog.option;

import static io.catalogbulk.core.input.FieldCheck.maxLength;
import static io.catalogbulk.core.input.FieldCheck.nonNegative;
import static io.catalogbulk.core.input.FieldCheck.oneOf;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Product custom options (ProductCustomOptionRepositoryInterface::save). */
public final class CustomOptionRoutes {

    static final String REPOSITORY = "Magento\\Catalog\\Api\\ProductCustomOptionRepositoryInterface";

    /** Types whose choices are listed in values; the others carry their own price. */
    static final List<String> SELECTABLE = List.of("drop_down", "radio", "checkbox", "multiple");
    static final List<String> TYPES = List.of("field", "area", "file", "drop_down", "radio", "checkbox", "multiple", "date",
            "date_time", "time");

    static final ObjectSchema VALUE = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductCustomOptionValuesInterface")
            .field("title", ScalarType.STRING, maxLength(255))
            .field("sort_order", ScalarType.INT)
            .field("price", ScalarType.FLOAT)
            .field("price_type", ScalarType.STRING, oneOf("fixed", "percent"))
            .field("sku", ScalarType.STRING, maxLength(64))
            .field("option_type_id", ScalarType.INT)
            .build();

    public static final ObjectSchema OPTION = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductCustomOptionInterface")
            .field("product_sku", ScalarType.STRING)
            .field("option_id", ScalarType.INT)
            .field("title", ScalarType.STRING, maxLength(255))
            .field("type", ScalarType.STRING, oneOf(TYPES.toArray()))
            .field("sort_order", ScalarType.INT)
            .field("is_require", ScalarType.BOOL)
            .field("price", ScalarType.FLOAT)
            .field("price_type", ScalarType.STRING, oneOf("fixed", "percent"))
            .field("sku", ScalarType.STRING, maxLength(64))
            .field("file_extension", ScalarType.STRING)
            .field("max_characters", ScalarType.INT, nonNegative())
            .field("image_size_x", ScalarType.INT)
            .field("image_size_y", ScalarType.INT)
            .field("values", ListType.of(VALUE))
            .build();

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
