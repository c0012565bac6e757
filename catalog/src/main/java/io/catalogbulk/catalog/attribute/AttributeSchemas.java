package io.catalogbulk.catalog.attribute;

import static io.catalogbulk.core.input.FieldCheck.maxLength;
import static io.catalogbulk.core.input.FieldCheck.oneOf;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Input of Magento's ProductAttributeInterface and AttributeOptionInterface. The storefront flags Magento's
 * tutorial sends (is_filterable, used_in_product_listing, ...) are accepted so its bodies work unchanged; they
 * have no effect here because there is no storefront.
 */
public final class AttributeSchemas {

    public static final List<String> INPUTS = List.of("select", "multiselect", "text", "textarea", "boolean", "price",
            "date", "weight");

    static final Pattern CODE = Pattern.compile("[a-zA-Z][a-zA-Z_0-9]{0,59}");

    public static final ObjectSchema OPTION = ObjectSchema.named("Magento\\Eav\\Api\\Data\\AttributeOptionInterface")
            .field("label", ScalarType.STRING, maxLength(255))
            .field("value", ScalarType.STRING)
            .field("sort_order", ScalarType.INT)
            .field("is_default", ScalarType.BOOL)
            .field("store_labels", ListType.of(ObjectSchema.named("Magento\\Eav\\Api\\Data\\AttributeOptionLabelInterface")
                    .field("store_id", ScalarType.INT)
                    .field("label", ScalarType.STRING)
                    .build()))
            .build();

    public static final ObjectSchema ATTRIBUTE = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductAttributeInterface")
            .field("attribute_id", ScalarType.INT)
            .field("attribute_code", ScalarType.STRING)
            .field("frontend_input", ScalarType.STRING, oneOf(INPUTS.toArray()))
            .field("default_frontend_label", ScalarType.STRING, maxLength(255))
            .field("frontend_labels", ListType.of(ObjectSchema.named("Magento\\Eav\\Api\\Data\\AttributeFrontendLabelInterface")
                    .field("store_id", ScalarType.INT)
                    .field("label", ScalarType.STRING)
                    .build()))
            .field("is_required", ScalarType.BOOL)
            .field("scope", ScalarType.STRING, oneOf("global", "website", "store"))
            .field("options", ListType.of(OPTION))
            .field("entity_type_id", ScalarType.STRING)
            .field("backend_type", ScalarType.STRING)
            .field("is_user_defined", ScalarType.BOOL)
            .field("is_unique", ScalarType.STRING)
            .field("is_wysiwyg_enabled", ScalarType.BOOL)
            .field("is_html_allowed_on_front", ScalarType.BOOL)
            .field("used_for_sort_by", ScalarType.BOOL)
            .field("is_filterable", ScalarType.BOOL)
            .field("is_filterable_in_search", ScalarType.BOOL)
            .field("is_used_in_grid", ScalarType.BOOL)
            .field("is_visible_in_grid", ScalarType.BOOL)
            .field("is_filterable_in_grid", ScalarType.BOOL)
            .field("position", ScalarType.INT)
            .field("apply_to", ListType.of(ScalarType.STRING))
            .field("is_searchable", ScalarType.STRING)
            .field("is_visible_in_advanced_search", ScalarType.STRING)
            .field("is_comparable", ScalarType.STRING)
            .field("is_used_for_promo_rules", ScalarType.STRING)
            .field("is_visible_on_front", ScalarType.STRING)
            .field("used_in_product_listing", ScalarType.STRING)
            .field("is_visible", ScalarType.BOOL)
            .field("validation_rules", ListType.of(ScalarType.MIXED))
            .build();

    /** Code and label are required on create, and the code must be usable as an identifier. */
    static final ItemCheck ATTRIBUTE_RULES = params -> {
        ObjectNode attribute = (ObjectNode) params.get("attribute");
        String code = attribute.path("attribute_code").asText("");
        if (code.isBlank()) {
            return List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "attribute_code")));
        }
        if (!CODE.matcher(code).matches()) {
            return List.of(Phrase.positional("Attribute code \"%1\" is invalid. Please use only letters (a-z or A-Z), numbers "
                    + "(0-9) or underscore (_) in this field, and the first character should be a letter.", code));
        }
        if (attribute.path("default_frontend_label").asText("").isBlank()) {
            return List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "frontend_label")));
        }
        if (!attribute.has("frontend_input")) {
            return List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "frontend_input")));
        }
        for (var option : attribute.path("options")) {
            if (option.path("label").asText("").isBlank()) {
                return List.of(Phrase.of("The attribute option label is empty. Enter a value and try again."));
            }
        }
        return List.of();
    };

    static final ItemCheck OPTION_RULES = params -> params.path("option").path("label").asText("").isBlank()
            ? List.of(Phrase.of("The attribute option label is empty. Enter a value and try again."))
            : List.of();

    static String lockKey(ObjectNode params) {
        String code = params.has("attributeCode") ? params.get("attributeCode").asText()
                : params.path("attribute").path("attribute_code").asText();
        return "attribute:" + code.toLowerCase();
    }

    private AttributeSchemas() {
    }
}
