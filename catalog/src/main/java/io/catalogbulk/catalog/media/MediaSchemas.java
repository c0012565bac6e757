package io.catalogbulk.catalog.media;

import static io.catalogbulk.core.input.FieldCheck.maxLength;
import static io.catalogbulk.core.input.FieldCheck.oneOf;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Input of Magento's ProductAttributeMediaGalleryEntryInterface. */
public final class MediaSchemas {

    static final ObjectSchema CONTENT = ObjectSchema.named("Magento\\Framework\\Api\\Data\\ImageContentInterface")
            .field("base64_encoded_data", ScalarType.STRING)
            .field("type", ScalarType.STRING)
            .field("name", ScalarType.STRING)
            .build();

    public static final ObjectSchema ENTRY = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductAttributeMediaGalleryEntryInterface")
            .field("id", ScalarType.INT)
            .field("media_type", ScalarType.STRING, oneOf("image"))
            .field("label", ScalarType.STRING, maxLength(255))
            .field("position", ScalarType.INT)
            .field("disabled", ScalarType.BOOL)
            .field("types", ListType.of(ScalarType.STRING))
            .field("file", ScalarType.STRING, maxLength(255))
            .field("content", CONTENT)
            .build();

    /**
     * A new entry needs its image; the image is decoded and sniffed here, at ingest, so a bad upload is a 400 (or a
     * refused bulk) rather than a failed operation. The worker checks again: a queued operation may predate a rule.
     */
    static final ItemCheck NEW_ENTRY = params -> {
        JsonNode content = params.path("entry").get("content");
        if (content == null) {
            return List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "content")));
        }
        ImageContent.Result result = ImageContent.decode(content);
        return result.error() == null ? List.of() : List.of(result.error());
    };

    /** An update may replace the image; if it does, the same rules apply. */
    static final ItemCheck CHANGED_ENTRY = params -> {
        JsonNode content = params.path("entry").get("content");
        if (content == null) {
            return List.of();
        }
        ImageContent.Result result = ImageContent.decode(content);
        return result.error() == null ? List.of() : List.of(result.error());
    };

    static String lockKey(ObjectNode params) {
        return "product:" + params.path("sku").asText().toLowerCase();
    }

    private MediaSchemas() {
    }
}
