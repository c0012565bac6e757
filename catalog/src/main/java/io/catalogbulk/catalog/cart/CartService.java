package io.catalogbulk.catalog.cart;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.product.ProductService;
import io.catalogbulk.catalog.store.StoreView;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Cart handlers (Magento's CartManagementInterface::createEmptyCart, CartItemRepositoryInterface::save,
 * CartRepositoryInterface::get and CartTotalRepositoryInterface::get). An item takes the product's name and
 * price as the cart's store sees them; adding a SKU that is already in the cart adds to its quantity.
 */
@ApplicationScoped
@Unremovable
public class CartService {

    static final String CURRENCY = "USD";
    static final int DEFAULT_TAX_CLASS = 3;

    @Inject
    CartRepository repository;

    /** POST /V1/carts: a new empty cart in the store of the URL (the default store for none or 'all'); its id. */
    public JsonNode createEmptyCart(OperationContext context, ObjectNode params) throws SQLException {
        int storeId = context.scope().mode() == StoreScope.Mode.STORE ? context.scope().storeId() : StoreView.DEFAULT_ID;
        return IntNode.valueOf(repository.create(context.connection(), storeId));
    }

    /** POST /V1/carts/:quoteId/items: {"cartItem": {"sku", "qty", "quote_id"}}; returns the cart item. */
    public JsonNode saveItem(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode item = params.get("cartItem");
        // As in Magento, cartItem.quote_id names the cart; the URL's is the fallback when the body has none.
        String quote = item.hasNonNull("quote_id") ? item.get("quote_id").asText() : params.get("quoteId").asText();
        Connection connection = context.connection();
        int quoteId = parseCartId(quote);
        CartRepository.CartRow cart = repository.find(connection, quoteId, true)
                .filter(CartRepository.CartRow::active)
                .orElseThrow(() -> WebapiException.noSuchEntity("cartId", quote));
        if (!item.hasNonNull("sku") || item.get("sku").asText().isBlank()) {
            throw WebapiException.requiredField("sku");
        }
        BigDecimal qty = item.get("qty").decimalValue();
        if (qty.signum() <= 0) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("fieldName", "qty");
            parameters.put("value", Json.number(qty));
            throw WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE, parameters));
        }
        CartRepository.ProductOffer product = repository.product(connection, item.get("sku").asText(), cart.storeId())
                .orElseThrow(() -> WebapiException.notFound(Phrase.of(ProductService.NOT_FOUND)));
        if (product.status() != 1 || product.price() == null) {
            throw WebapiException.badRequest("Product that you are trying to add is not available.");
        }
        if (product.typeId().equals("configurable")) {
            throw WebapiException.badRequest(
                    "The product's required option(s) weren't entered. Make sure the options are entered and try again.");
        }
        int itemId = repository.addItem(connection, quoteId, product, qty);
        repository.touch(connection, quoteId);
        return repository.items(connection, quoteId).stream().filter(i -> i.itemId() == itemId).findFirst()
                .map(CartService::itemJson).orElseThrow();
    }

    /**
     * PUT /V1/carts/:cartId/items/:itemId: the item's quantity becomes cartItem.qty (Magento's
     * CartItemRepositoryInterface::save of an existing item); returns the item.
     */
    public JsonNode updateItem(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        int cartId = params.get("cartId").asInt();
        int itemId = params.get("itemId").asInt();
        repository.find(connection, cartId, true).filter(CartRepository.CartRow::active)
                .orElseThrow(() -> WebapiException.noSuchEntity("cartId", cartId));
        BigDecimal qty = params.get("cartItem").get("qty").decimalValue();
        requirePositive(qty);
        if (!repository.setQty(connection, cartId, itemId, qty)) {
            throw noSuchItem(cartId, itemId);
        }
        repository.touch(connection, cartId);
        return repository.items(connection, cartId).stream().filter(i -> i.itemId() == itemId).findFirst()
                .map(CartService::itemJson).orElseThrow();
    }

    /** DELETE /V1/carts/:cartId/items/:itemId: answers true. */
    public JsonNode deleteItem(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        int cartId = params.get("cartId").asInt();
        int itemId = params.get("itemId").asInt();
        repository.find(connection, cartId, true).filter(CartRepository.CartRow::active)
                .orElseThrow(() -> WebapiException.noSuchEntity("cartId", cartId));
        if (!repository.deleteItem(connection, cartId, itemId)) {
            throw noSuchItem(cartId, itemId);
        }
        repository.touch(connection, cartId);
        return com.fasterxml.jackson.databind.node.BooleanNode.TRUE;
    }

    /** Magento's CartItemRepository / CartItemPersister answer for an item the cart does not hold. */
    private static WebapiException noSuchItem(int cartId, int itemId) {
        return WebapiException.notFound(Phrase.positional("The %1 Cart doesn't contain the %2 item.",
                String.valueOf(cartId), String.valueOf(itemId)));
    }

    private static void requirePositive(BigDecimal qty) {
        if (qty.signum() <= 0) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("fieldName", "qty");
            parameters.put("value", Json.number(qty));
            throw WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE, parameters));
        }
    }

    /** GET /V1/carts/:cartId */
    public JsonNode get(OperationContext context, ObjectNode params) throws SQLException {
        int cartId = params.get("cartId").asInt();
        CartRepository.CartRow cart = repository.find(context.connection(), cartId, false)
                .orElseThrow(() -> WebapiException.noSuchEntity("cartId", cartId));
        List<CartRepository.ItemRow> items = repository.items(context.connection(), cart.id());
        ObjectNode out = Json.NODES.objectNode();
        out.put("id", cart.id());
        out.put("created_at", Json.timestamp(cart.createdAt()));
        out.put("updated_at", Json.timestamp(cart.updatedAt()));
        out.put("is_active", cart.active());
        out.put("is_virtual", !items.isEmpty() && items.stream().allMatch(i -> i.productType().equals("virtual")));
        ArrayNode list = out.putArray("items");
        items.forEach(i -> list.add(itemJson(i)));
        out.put("items_count", items.size());
        out.set("items_qty", Json.number(items.stream().map(CartRepository.ItemRow::qty).reduce(BigDecimal.ZERO, BigDecimal::add)));
        ObjectNode customer = out.putObject("customer");
        customer.putNull("email");
        customer.putNull("firstname");
        customer.putNull("lastname");
        out.put("orig_order_id", 0);
        ObjectNode currency = out.putObject("currency");
        currency.put("global_currency_code", CURRENCY);
        currency.put("base_currency_code", CURRENCY);
        currency.put("store_currency_code", CURRENCY);
        currency.put("quote_currency_code", CURRENCY);
        currency.put("store_to_base_rate", 0);
        currency.put("store_to_quote_rate", 0);
        currency.put("base_to_global_rate", 1);
        currency.put("base_to_quote_rate", 1);
        out.put("customer_is_guest", false);
        out.put("customer_note_notify", true);
        out.put("customer_tax_class_id", DEFAULT_TAX_CLASS);
        out.put("store_id", cart.storeId());
        out.putObject("extension_attributes").putArray("shipping_assignments");
        return out;
    }

    /** GET /V1/carts/:cartId/totals: subtotal and grand total (no tax, shipping or discounts here) and each row. */
    public JsonNode getTotals(OperationContext context, ObjectNode params) throws SQLException {
        int cartId = params.get("cartId").asInt();
        CartRepository.CartRow cart = repository.find(context.connection(), cartId, false)
                .orElseThrow(() -> WebapiException.noSuchEntity("cartId", cartId));
        List<CartRepository.ItemRow> items = repository.items(context.connection(), cart.id());
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal qty = BigDecimal.ZERO;
        ArrayNode rows = Json.NODES.arrayNode();
        for (CartRepository.ItemRow item : items) {
            BigDecimal rowTotal = item.price().multiply(item.qty());
            subtotal = subtotal.add(rowTotal);
            qty = qty.add(item.qty());
            ObjectNode row = rows.addObject();
            row.put("item_id", item.itemId());
            row.set("price", Json.number(item.price()));
            row.set("base_price", Json.number(item.price()));
            row.set("qty", Json.number(item.qty()));
            row.set("row_total", Json.number(rowTotal));
            row.set("base_row_total", Json.number(rowTotal));
            row.set("row_total_incl_tax", Json.number(rowTotal));
            row.put("name", item.name());
        }
        ObjectNode out = Json.NODES.objectNode();
        out.set("grand_total", Json.number(subtotal));
        out.set("base_grand_total", Json.number(subtotal));
        out.set("subtotal", Json.number(subtotal));
        out.set("base_subtotal", Json.number(subtotal));
        out.set("subtotal_incl_tax", Json.number(subtotal));
        out.put("tax_amount", 0);
        out.put("shipping_amount", 0);
        out.put("discount_amount", 0);
        out.set("items_qty", Json.number(qty));
        out.put("base_currency_code", CURRENCY);
        out.put("quote_currency_code", CURRENCY);
        out.set("items", rows);
        return out;
    }

    static ObjectNode itemJson(CartRepository.ItemRow item) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("item_id", item.itemId());
        out.put("sku", item.sku());
        out.set("qty", Json.number(item.qty()));
        if (item.name() != null) {
            out.put("name", item.name());
        }
        out.set("price", Json.number(item.price()));
        out.put("product_type", item.productType());
        out.put("quote_id", String.valueOf(item.quoteId()));
        return out;
    }

    private static int parseCartId(String given) {
        try {
            return Integer.parseInt(given.trim());
        } catch (NumberFormatException e) {
            throw WebapiException.noSuchEntity("cartId", given);
        }
    }
}
