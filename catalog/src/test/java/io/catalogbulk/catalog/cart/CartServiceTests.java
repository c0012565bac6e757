package io.catalogbulk.catalog.cart;

import static io.catalogbulk.catalog.testing.CatalogCalls.asynchronously;
import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogFixtures.newProduct;
import static io.catalogbulk.catalog.testing.CatalogFixtures.newStore;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.route.HttpMethod;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Carts: items with the cart store's prices, totals, and Magento's rules for quantities, products and carts. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CartServiceTests {

    static int cart(String prefix) {
        return post(prefix + "/V1/carts").statusCode(200).json().asInt();
    }

    static String item(String sku, Object qty, int cart) {
        return "{\"cartItem\":{\"sku\":\"" + sku + "\",\"qty\":" + qty + ",\"quote_id\":\"" + cart + "\"}}";
    }

    @Test
    void itemsCarryPricesAndTheCartItsTotals() {
        String tee = newProduct("Champ Tee", 25);
        String mug = newProduct("Mug", 7);
        int cart = cart("");
        post("/V1/carts/" + cart + "/items", item(tee, 2, cart)).statusCode(200)
                .body("sku", equalTo(tee)).body("qty", equalTo(2)).body("price", equalTo(25)).body("name", equalTo("Champ Tee"))
                .body("product_type", equalTo("simple")).body("quote_id", equalTo(String.valueOf(cart)));
        post("/V1/carts/" + cart + "/items", item(tee, 1, cart)).statusCode(200).body("qty", equalTo(3));
        post("/V1/carts/" + cart + "/items", "{\"cartItem\":{\"sku\":\"" + mug + "\",\"qty\":0.5}}")
                .statusCode(200).body("qty", equalTo(0.5f));
        get("/V1/carts/" + cart).statusCode(200)
                .body("id", equalTo(cart)).body("is_active", equalTo(true)).body("items_count", equalTo(2))
                .body("items_qty", equalTo(3.5f)).body("items[0].price", equalTo(25)).body("items[1].price", equalTo(7))
                .body("store_id", equalTo(1)).body("customer.email", equalTo(null));
        get("/V1/carts/" + cart + "/totals").statusCode(200)
                .body("subtotal", equalTo(78.5f)).body("grand_total", equalTo(78.5f)).body("items[0].row_total", equalTo(75));
    }

    @Test
    void anItemsQuantityIsSetAndTheItemRemoved() {
        String tee = newProduct("Set Tee", 10);
        String mug = newProduct("Set Mug", 4);
        int cart = cart("");
        int teeItem = post("/V1/carts/" + cart + "/items", item(tee, 2, cart)).statusCode(200).path("item_id");
        int mugItem = post("/V1/carts/" + cart + "/items", item(mug, 1, cart)).statusCode(200).path("item_id");
        // The quantity given replaces the item's (adding the SKU again would add to it).
        put("/V1/carts/" + cart + "/items/" + teeItem, "{\"cartItem\":{\"qty\":5,\"quote_id\":\"" + cart + "\"}}")
                .statusCode(200).body("item_id", equalTo(teeItem)).body("qty", equalTo(5)).body("sku", equalTo(tee));
        get("/V1/carts/" + cart + "/totals").statusCode(200).body("subtotal", equalTo(54));
        asynchronously(HttpMethod.PUT, "/V1/carts/" + cart + "/items/" + mugItem, "{\"cartItem\":{\"qty\":3}}")
                .statusCode(200).body("qty", equalTo(3));
        put("/V1/carts/" + cart + "/items/" + teeItem, "{\"cartItem\":{\"qty\":0}}").statusCode(400)
                .body("parameters.fieldName", equalTo("qty"));

        delete("/V1/carts/" + cart + "/items/" + mugItem).statusCode(200).body(equalTo("true"));
        get("/V1/carts/" + cart).statusCode(200).body("items_count", equalTo(1)).body("items[0].item_id", equalTo(teeItem));
        // An item the cart does not hold (any more), and a cart that does not exist: Magento's answers.
        delete("/V1/carts/" + cart + "/items/" + mugItem).statusCode(404)
                .body("message", equalTo("The %1 Cart doesn't contain the %2 item."))
                .body("parameters", contains(String.valueOf(cart), String.valueOf(mugItem)));
        put("/V1/carts/" + cart + "/items/" + mugItem, "{\"cartItem\":{\"qty\":1}}").statusCode(404);
        delete("/V1/carts/987654321/items/" + teeItem).statusCode(404).body("parameters.fieldName", equalTo("cartId"));
    }

    @Test
    void priceIsTheCartStoresPrice() {
        String store = newStore();
        String sku = newProduct("Scoped", 30);
        put("/" + store + "/V1/products/" + sku, "{\"product\":{\"price\":21}}").statusCode(200);
        int storeCart = cart("/" + store);
        post("/V1/carts/" + storeCart + "/items", item(sku, 1, storeCart)).statusCode(200)
                .body("price", equalTo(21));
        int defaultCart = cart("");
        post("/V1/carts/" + defaultCart + "/items", item(sku, 1, defaultCart)).statusCode(200)
                .body("price", equalTo(30));
    }

    @Test
    void rulesAnswerMagentosMessages() throws Exception {
        String sku = newProduct("Rules", 5);
        int cart = cart("");
        post("/V1/carts/" + cart + "/items", item(sku, 0, cart)).statusCode(400)
                .body("message", equalTo("Invalid value of \"%value\" provided for the %fieldName field."))
                .body("parameters.fieldName", equalTo("qty")).body("parameters.value", equalTo(0));
        post("/V1/carts/" + cart + "/items", item(sku, -2, cart)).statusCode(400);
        post("/V1/carts/" + cart + "/items", item("no-such-" + sku, 1, cart)).statusCode(404)
                .body("message", equalTo("The product that was requested doesn't exist. Verify the product and try again."));
        post("/V1/carts/987654/items", item(sku, 1, 987654)).statusCode(404)
                .body("message", equalTo("No such entity with %fieldName = %fieldValue")).body("parameters.fieldName", equalTo("cartId"));
        post("/V1/carts/" + cart + "/items", "{\"cartItem\":{\"sku\":\"" + sku + "\"}}").statusCode(400)
                .body("parameters.fieldName", equalTo("qty"));
        get("/V1/carts/987654").statusCode(404).body("parameters.fieldValue", equalTo(987654));
        get("/V1/carts/" + cart).body("items_count", equalTo(0));
        assertEquals(0, count("SELECT count(*) FROM quote_item WHERE quote_id = ?", cart));
    }
}
