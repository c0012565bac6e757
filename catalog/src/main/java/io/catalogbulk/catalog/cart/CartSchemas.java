package io.catalogbulk.catalog.cart;

import static io.catalogbulk.core.input.FieldCheck.fits;
import static io.catalogbulk.core.input.FieldCheck.maxLength;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.DecimalColumn;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;

/** Input shape of Magento's CartItemInterface (the members a client sends; the rest are the server's). */
public final class CartSchemas {

    static final ObjectSchema EXTENSION_ATTRIBUTES = ObjectSchema.named("Magento\\Quote\\Api\\Data\\CartItemExtensionInterface")
            .build();

    /**
     * qty is required but its range (> 0) is a business rule checked when the item is added, so a bulk with
     * one bad row fails that row only. quote_id may be left out: the cart of the URL applies then.
     */
    public static final ObjectSchema CART_ITEM = ObjectSchema.named("Magento\\Quote\\Api\\Data\\CartItemInterface")
            .field("item_id", ScalarType.INT)
            .field("sku", ScalarType.STRING, maxLength(64))
            .required("qty", ScalarType.FLOAT, fits(DecimalColumn.QUANTITY))
            .field("name", ScalarType.STRING)
            .field("price", ScalarType.FLOAT)
            .field("product_type", ScalarType.STRING)
            .field("quote_id", ScalarType.STRING)
            .field("extension_attributes", EXTENSION_ATTRIBUTES)
            .build();

    /** Items of one cart serialize on the cart. */
    static String lockKey(ObjectNode params) {
        JsonNode item = params.path("cartItem");
        return "cart:" + (item.hasNonNull("quote_id") ? item.get("quote_id").asText() : params.path("quoteId").asText());
    }

    /** Routes of one cart's item (PUT, DELETE /V1/carts/:cartId/items/:itemId) serialize on the cart too. */
    static String cartLockKey(ObjectNode params) {
        return "cart:" + params.path("cartId").asText();
    }

    private CartSchemas() {
    }
}
