package io.catalogbulk.catalog.category;

import static io.catalogbulk.core.input.FieldCheck.maxLength;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.CustomAttributesType;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;

/** Input shapes of Magento's CategoryInterface and CategoryProductLinkInterface. */
public final class CategorySchemas {

    static final ObjectSchema EXTENSION_ATTRIBUTES = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\CategoryExtensionInterface")
            .build();

    /** Server-managed members (id, level, path, children, timestamps) are accepted so a read category can be sent back. */
    public static final ObjectSchema CATEGORY = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\CategoryInterface")
            .field("id", ScalarType.INT)
            .field("parent_id", ScalarType.INT)
            .field("name", ScalarType.STRING, maxLength(255))
            .field("is_active", ScalarType.BOOL)
            .field("position", ScalarType.INT)
            .field("level", ScalarType.INT)
            .field("children", ScalarType.STRING)
            .field("created_at", ScalarType.STRING)
            .field("updated_at", ScalarType.STRING)
            .field("path", ScalarType.STRING)
            .field("available_sort_by", ListType.of(ScalarType.STRING))
            .field("include_in_menu", ScalarType.BOOL)
            .field("extension_attributes", EXTENSION_ATTRIBUTES)
            .field("custom_attributes", CustomAttributesType.INSTANCE)
            .build();

    static final ObjectSchema LINK_EXTENSION_ATTRIBUTES =
            ObjectSchema.named("Magento\\Catalog\\Api\\Data\\CategoryProductLinkExtensionInterface").build();

    /** category_id may be left out: the one of the URL applies then. */
    public static final ObjectSchema PRODUCT_LINK = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\CategoryProductLinkInterface")
            .required("sku", ScalarType.STRING, maxLength(64))
            .field("position", ScalarType.INT)
            .field("category_id", ScalarType.STRING)
            .field("extension_attributes", LINK_EXTENSION_ATTRIBUTES)
            .build();

    /** Writes of one category serialize on its id; creations on their parent (the new position depends on siblings). */
    static String lockKey(ObjectNode params) {
        if (params.has("id")) {
            return "category:" + params.get("id").asText();
        }
        if (params.has("categoryId")) {
            return "category:" + params.get("categoryId").asText();
        }
        JsonNode category = params.path("category");
        return category.has("id") ? "category:" + category.get("id").asText()
                : "category-parent:" + category.path("parent_id").asText("2");
    }

    private CategorySchemas() {
    }
}
