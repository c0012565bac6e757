package io.catalogbulk.ingest.cart;

import static io.catalogbulk.ingest.support.ContentTestSupport.accepted;
import static io.catalogbulk.ingest.support.ContentTestSupport.newProduct;
import static io.catalogbulk.ingest.support.ContentTestSupport.newStore;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.ingest.support.ContentTestSupport.StoredOperation;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Carts through the sync routes (items, prices, totals, rules); the async and bulk forms accepted with their topics. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CartRoutesTests {

    static int cart(String prefix) {
        return asAdmin().post(prefix + "/V1/carts").then().statusCode(200).extract().as(Integer.class);
    }

    static String item(String sku, Object qty, int cart) {
        return "{\"cartItem\":{\"sku\":\"" + sku + "\",\"qty\":" + qty + ",\"quote_id\":\"" + cart + "\"}}";
    }

    @Test
    void itemsCarryPricesAndTheCartItsTotals() {
        String tee = newProduct("Champ Tee", 25);
        String mug = newProduct("Mug", 7);
        int cart = cart("/rest");
        asAdmin().body(item(tee, 2, cart)).post("/rest/V1/carts/" + cart + "/items").then().statusCode(200)
                .body("sku", equalTo(tee)).body("qty", equalTo(2)).body("price", equalTo(25)).body("name", equalTo("Champ Tee"))
                .body("product_type", equalTo("simple")).body("quote_id", equalTo(String.valueOf(cart)));
        asAdmin().body(item(tee, 1, cart)).post("/rest/V1/carts/" + cart + "/items").then().statusCode(200).body("qty", equalTo(3));
        asAdmin().body("{\"cartItem\":{\"sku\":\"" + mug + "\",\"qty\":0.5}}").post("/rest/V1/carts/" + cart + "/items")
                .then().statusCode(200).body("qty", equalTo(0.5f));
        asAdmin().get("/rest/V1/carts/" + cart).then().statusCode(200)
                .body("id", equalTo(cart)).body("is_active", equalTo(true)).body("items_count", equalTo(2))
                .body("items_qty", equalTo(3.5f)).body("items[0].price", equalTo(25)).body("items[1].price", equalTo(7))
                .body("store_id", equalTo(1)).body("customer.email", equalTo(null));
        asAdmin().get("/rest/V1/carts/" + cart + "/totals").then().statusCode(200)
                .body("subtotal", equalTo(78.5f)).body("grand_total", equalTo(78.5f)).body("items[0].row_total", equalTo(75));
    }

    @Test
    void priceIsTheCartStoresPrice() {
        String store = newStore();
        String sku = newProduct("Scoped", 30);
        asAdmin().body("{\"product\":{\"price\":21}}").put("/rest/" + store + "/V1/products/" + sku).then().statusCode(200);
        int storeCart = cart("/rest/" + store);
        asAdmin().body(item(sku, 1, storeCart)).post("/rest/V1/carts/" + storeCart + "/items").then().statusCode(200)
                .body("price", equalTo(21));
        int defaultCart = cart("/rest");
        asAdmin().body(item(sku, 1, defaultCart)).post("/rest/V1/carts/" + defaultCart + "/items").then().statusCode(200)
                .body("price", equalTo(30));
    }

    @Test
    void rulesAnswerMagentosMessages() {
        String sku = newProduct("Rules", 5);
        int cart = cart("/rest");
        asAdmin().body(item(sku, 0, cart)).post("/rest/V1/carts/" + cart + "/items").then().statusCode(400)
                .body("message", equalTo("Invalid value of \"%value\" provided for the %fieldName field."))
                .body("parameters.fieldName", equalTo("qty")).body("parameters.value", equalTo(0));
        asAdmin().body(item(sku, -2, cart)).post("/rest/V1/carts/" + cart + "/items").then().statusCode(400);
        asAdmin().body(item("no-such-" + sku, 1, cart)).post("/rest/V1/carts/" + cart + "/items").then().statusCode(404)
                .body("message", equalTo("The product that was requested doesn't exist. Verify the product and try again."));
        asAdmin().body(item(sku, 1, 987654)).post("/rest/V1/carts/987654/items").then().statusCode(404)
                .body("message", equalTo("No such entity with %fieldName = %fieldValue")).body("parameters.fieldName", equalTo("cartId"));
        asAdmin().body("{\"cartItem\":{\"sku\":\"" + sku + "\"}}").post("/rest/V1/carts/" + cart + "/items").then().statusCode(400)
                .body("parameters.fieldName", equalTo("qty"));
        asAdmin().get("/rest/V1/carts/987654").then().statusCode(404).body("parameters.fieldValue", equalTo(987654));
        asAdmin().get("/rest/V1/carts/" + cart).then().body("items_count", equalTo(0));
    }

    @Test
    void asyncAndTheSeedsBulkAreAccepted() throws Exception {
        assertEquals("async.quote.cart.createemptycart.post", accepted(asAdmin().post("/rest/async/V1/carts")).get(0).topic());
        List<StoredOperation> items = accepted(asAdmin().body("[{\"quoteId\":\"5\",\"cartItem\":{\"sku\":\"a\",\"qty\":1,\"quote_id\":\"5\"}},"
                + "{\"quote_id\":6,\"cartItem\":{\"sku\":\"b\",\"qty\":2,\"quote_id\":\"6\"}}]").post("/rest/async/bulk/V1/carts/byQuoteId/items"));
        assertEquals(List.of("async.quote.cartitem.save.post", "async.quote.cartitem.save.post"),
                items.stream().map(StoredOperation::topic).toList());
        asAdmin().body("[{\"cartItem\":{\"sku\":\"a\",\"qty\":1}}]").post("/rest/async/bulk/V1/carts/byQuoteId/items")
                .then().statusCode(400);
        asAdmin().body("[{\"quoteId\":5,\"cartItem\":{\"sku\":\"a\",\"qty\":\"many\"}}]").post("/rest/async/bulk/V1/carts/byQuoteId/items")
                .then().statusCode(400);
    }
}
