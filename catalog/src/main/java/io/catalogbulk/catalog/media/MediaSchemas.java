package io.catalogbulk.catalog.media;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.product.ProductSchemas;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Input of Magento's ProductAttributeMediaGalleryEntryInterface. */
public final class MediaSchemas {

    /** Magento's ProductAttributeMediaGalleryEntryInterface, shared with a product save's media_gallery_entries. */
    public static final ObjectSchema ENTRY = ProductSchemas.GALLERY_ENTRY;

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
