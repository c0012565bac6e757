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
 * Input shape of a product (Magento's ProductInterface): its own fields, extension_attributes (website_ids,
 * category_links, stock_item, configurable_product_options, configurable_product_links), product_links,
 * media_gallery_entries, options and tier_prices; server-managed fields (id, created_at, updated_at) are accepted and
 * ignored. A member Magento's interface has and the catalog does not model is a 400 naming it: docs/differences.md.
 */
public final class ProductSchemas {

    public static final List<String> TYPES = List.of("simple", "virtual", "configurable");

    /** One category assignment (Magento's CategoryLinkInterface); category_id is a string there, as here. */
    static final ObjectSchema CATEGORY_LINK = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\CategoryLinkInterface")
            .field("position", ScalarType.INT)
            .required("category_id", ScalarType.STRING)
            .field("extension_attributes", ObjectSchema.named("Magento\\Catalog\\Api\\Data\\CategoryLinkExtensionInterface").build())
            .build();

    /**
     * The members of Magento's StockItemInterface that the catalog keeps (the default source's quantity and status);
     * item_id, product_id and stock_id are the server's, accepted and ignored. Others: docs/differences.md.
     */
    static final ObjectSchema STOCK_ITEM = ObjectSchema.named("Magento\\CatalogInventory\\Api\\Data\\StockItemInterface")
            .field("item_id", ScalarType.INT)
            .field("product_id", ScalarType.INT)
            .field("stock_id", ScalarType.INT)
            .field("qty", ScalarType.FLOAT, fits(DecimalColumn.QUANTITY))
            .field("is_in_stock", ScalarType.BOOL)
            .build();

    /**
     * One related, up-sell or cross-sell link (Magento's ProductLinkInterface), in product_links and on the link
     * routes. The link type and the linked SKU are checked by the handler, so a bad link fails its item, not the bulk.
     */
    public static final ObjectSchema PRODUCT_LINK = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductLinkInterface")
            .field("sku", ScalarType.STRING, maxLength(64))
            .field("link_type", ScalarType.STRING)
            .field("linked_product_sku", ScalarType.STRING, maxLength(64))
            .field("linked_product_type", ScalarType.STRING)
            .field("position", ScalarType.INT)
            .field("extension_attributes", ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductLinkExtensionInterface")
                    .field("qty", ScalarType.FLOAT)
                    .build())
            .build();

    static final ObjectSchema IMAGE_CONTENT = ObjectSchema.named("Magento\\Framework\\Api\\Data\\ImageContentInterface")
            .field("base64_encoded_data", ScalarType.STRING)
            .field("type", ScalarType.STRING)
            .field("name", ScalarType.STRING)
            .build();

    /** One gallery entry (ProductAttributeMediaGalleryEntryInterface): the media routes' and media_gallery_entries'. */
    public static final ObjectSchema GALLERY_ENTRY = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductAttributeMediaGalleryEntryInterface")
            .field("id", ScalarType.INT)
            .field("media_type", ScalarType.STRING, oneOf("image"))
            .field("label", ScalarType.STRING, maxLength(255))
            .field("position", ScalarType.INT)
            .field("disabled", ScalarType.BOOL)
            .field("types", ListType.of(ScalarType.STRING))
            .field("file", ScalarType.STRING, maxLength(255))
            .field("content", IMAGE_CONTENT)
            .build();

    /** Custom option types (the option package's rules tell the selectable ones apart). */
    static final List<String> OPTION_TYPES = List.of("field", "area", "file", "drop_down", "radio", "checkbox", "multiple",
            "date", "date_time", "time");

    static final ObjectSchema OPTION_VALUE = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductCustomOptionValuesInterface")
            .field("title", ScalarType.STRING, maxLength(255))
            .field("sort_order", ScalarType.INT)
            .field("price", ScalarType.FLOAT)
            .field("price_type", ScalarType.STRING, oneOf("fixed", "percent"))
            .field("sku", ScalarType.STRING, maxLength(64))
            .field("option_type_id", ScalarType.INT)
            .build();

    /** One custom option (ProductCustomOptionInterface): POST /V1/products/options' and a product save's options. */
    public static final ObjectSchema CUSTOM_OPTION = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductCustomOptionInterface")
            .field("product_sku", ScalarType.STRING)
            .field("option_id", ScalarType.INT)
            .field("title", ScalarType.STRING, maxLength(255))
            .field("type", ScalarType.STRING, oneOf(OPTION_TYPES.toArray()))
            .field("sort_order", ScalarType.INT)
            .field("is_require", ScalarType.BOOL)
            .field("price", ScalarType.FLOAT)
            .field("price_type", ScalarType.STRING, oneOf("fixed", "percent"))
            .field("sku", ScalarType.STRING, maxLength(64))
            .field("file_extension", ScalarType.STRING)
            .field("max_characters", ScalarType.INT, nonNegative())
            .field("image_size_x", ScalarType.INT)
            .field("image_size_y", ScalarType.INT)
            .field("values", ListType.of(OPTION_VALUE))
            .build();

    /**
     * One tier price of a product save (ProductTierPriceInterface): a fixed value, or a percentage discount in
     * extension_attributes.percentage_value (value is then what GET shows the discount gives, ignored on save).
     */
    static final ObjectSchema TIER_PRICE = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductTierPriceInterface")
            .field("customer_group_id", ScalarType.INT)
            .field("qty", ScalarType.FLOAT, fits(DecimalColumn.QUANTITY))
            .field("value", ScalarType.FLOAT, nonNegative(), fits(DecimalColumn.PRICE))
            .field("extension_attributes", ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductTierPriceExtensionInterface")
                    .field("website_id", ScalarType.INT)
                    .field("percentage_value", ScalarType.FLOAT)
                    .build())
            .build();

    /**
     * One configurable option of a product save (Magento's OptionInterface, as POST /V1/configurable-products/:sku/options
     * takes it, which declares its body with this one schema); id and product_id are the server's, accepted and
     * ignored, so what GET shows can be sent back.
     */
    public static final ObjectSchema CONFIGURABLE_OPTION = ObjectSchema.named("Magento\\ConfigurableProduct\\Api\\Data\\OptionInterface")
            .field("id", ScalarType.INT)
            .field("attribute_id", ScalarType.STRING)
            .field("label", ScalarType.STRING, maxLength(255))
            .field("position", ScalarType.INT)
            .field("is_use_default", ScalarType.BOOL)
            .field("values", ListType.of(ObjectSchema.named("Magento\\ConfigurableProduct\\Api\\Data\\OptionValueInterface")
                    .field("value_index", ScalarType.INT)
                    .build()))
            .field("product_id", ScalarType.INT)
            .build();

    static final ObjectSchema EXTENSION_ATTRIBUTES = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductExtensionInterface")
            .field("website_ids", ListType.of(ScalarType.INT))
            .field("category_links", ListType.of(CATEGORY_LINK))
            .field("stock_item", STOCK_ITEM)
            .field("configurable_product_options", ListType.of(CONFIGURABLE_OPTION))
            .field("configurable_product_links", ListType.of(ScalarType.INT))
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
            .field("product_links", ListType.of(PRODUCT_LINK))
            .field("media_gallery_entries", ListType.of(GALLERY_ENTRY))
            .field("options", ListType.of(CUSTOM_OPTION))
            .field("tier_prices", ListType.of(TIER_PRICE))
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
