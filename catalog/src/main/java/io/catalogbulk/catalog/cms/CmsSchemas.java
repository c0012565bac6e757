package io.catalogbulk.catalog.cms;

import static io.catalogbulk.core.input.FieldCheck.maxLength;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;

/**
 * Input shapes of Magento's PageInterface and BlockInterface. Their activity flag is {@code active} (not
 * {@code is_active}); the interfaces are not extensible, so there is no extension_attributes.
 */
public final class CmsSchemas {

    public static final ObjectSchema PAGE = ObjectSchema.named("Magento\\Cms\\Api\\Data\\PageInterface")
            .field("id", ScalarType.INT)
            .field("identifier", ScalarType.STRING, maxLength(100))
            .field("title", ScalarType.STRING, maxLength(255))
            .field("page_layout", ScalarType.STRING, maxLength(255))
            .field("meta_title", ScalarType.STRING, maxLength(255))
            .field("meta_keywords", ScalarType.STRING)
            .field("meta_description", ScalarType.STRING)
            .field("content_heading", ScalarType.STRING, maxLength(255))
            .field("content", ScalarType.STRING)
            .field("creation_time", ScalarType.STRING)
            .field("update_time", ScalarType.STRING)
            .field("sort_order", ScalarType.STRING)
            .field("layout_update_xml", ScalarType.STRING)
            .field("custom_theme", ScalarType.STRING)
            .field("custom_root_template", ScalarType.STRING)
            .field("custom_layout_update_xml", ScalarType.STRING)
            .field("custom_theme_from", ScalarType.STRING)
            .field("custom_theme_to", ScalarType.STRING)
            .field("active", ScalarType.BOOL)
            .build();

    public static final ObjectSchema BLOCK = ObjectSchema.named("Magento\\Cms\\Api\\Data\\BlockInterface")
            .field("id", ScalarType.INT)
            .field("identifier", ScalarType.STRING, maxLength(255))
            .field("title", ScalarType.STRING, maxLength(255))
            .field("content", ScalarType.STRING)
            .field("creation_time", ScalarType.STRING)
            .field("update_time", ScalarType.STRING)
            .field("active", ScalarType.BOOL)
            .build();

    /** Writes of one page serialize on its id, creations on their identifier. */
    static String pageLockKey(ObjectNode params) {
        return lockKey("cms-page", params, "page", "pageId");
    }

    static String blockLockKey(ObjectNode params) {
        return lockKey("cms-block", params, "block", "blockId");
    }

    private static String lockKey(String kind, ObjectNode params, String body, String idParam) {
        if (params.has(idParam)) {
            return kind + ":" + params.get(idParam).asText();
        }
        JsonNode entity = params.path(body);
        if (entity.hasNonNull("id")) {
            return kind + ":" + entity.get("id").asText();
        }
        return kind + "-identifier:" + entity.path("identifier").asText(entity.path("title").asText("")).toLowerCase();
    }

    private CmsSchemas() {
    }
}
