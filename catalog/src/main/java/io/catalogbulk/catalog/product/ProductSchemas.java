package io.catalogbulk.catalog.product;

import static io.catalogbulk.core.input.FieldCheck.fits;
import static io.catalogbulk.core.input.FieldCheck.maxLength;
import static io.catalogbulk.core.input.FieldCheck.nonNegative;
import static io.catalogbulk.core.input.FieldCheck.oneOf;
import static io.catalogbulk.core.input.FieldCheck.positive;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.CustomAttributesType;
import io.catalogbulk.core.input.DecimalColumn;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Input shape of a product (Magento's ProductInterface). Every field a GET returns is accepted back, so a
 * client can read, change and save a product; server-managed fields (id, created_at, updated_at) are
 * accepted and ignored.
 */
public final class ProductSchemas {

    public static final List<String> TYPES = List.of("simple", "virtual", "configurable");

    static final ObjectSchema EXTENSION_ATTRIBUTES = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductExtensionInterface")
            .field("website_ids", ListType.of(ScalarType.INT))
            .build();

    public static final ObjectSchema PRODUCT = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductInterface")
            .field("id", ScalarType.INT)
            .field("sku", ScalarType.STRING, maxLength(64, "SKU length should be 64 characters maximum."))
            .field("name", ScalarType.STRING, maxLength(255))
            .field("attribute_set_id", ScalarType.INT, positive())
            .field("price", ScalarType.FLOAT, nonNegative())
            .field("status", ScalarType.INT, oneOf(1, 2))
            .field("visibility", ScalarType.INT, oneOf(1, 2, 3, 4))
            .field("type_id", ScalarType.STRING, oneOf(TYPES.toArray()))
            .field("created_at", ScalarType.STRING)
            .field("updated_at", ScalarType.STRING)
            .field("weight", ScalarType.FLOAT, nonNegative(), fits(DecimalColumn.QUANTITY))
            .field("extension_attributes", EXTENSION_ATTRIBUTES)
            .field("custom_attributes", CustomAttributesType.INSTANCE)
            .build();

    /** POST /V1/products has no SKU in its URL, so the body must carry one. */
    static final ItemCheck SKU_IN_BODY = params -> {
        String sku = params.path("product").path("sku").asText("");
        return sku.isBlank()
                ? List.of(Phrase.positional("The \"%1\" attribute value is empty. Set the attribute and try again.", "sku"))
                : List.of();
    };

    static final ItemCheck SKU_NOT_BLANK = params -> params.path("sku").asText("").isBlank()
            ? List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "sku")))
            : List.of();

    /** Lock key: the SKU, case-insensitively, as the unique index compares it. */
    static String lockKey(ObjectNode params) {
        String sku = params.has("sku") ? params.get("sku").asText() : params.path("product").path("sku").asText();
        return "product:" + sku.toLowerCase();
    }

    private ProductSchemas() {
    }
}
