package io.catalogbulk.catalog.price;

import static io.catalogbulk.catalog.testing.CatalogCalls.asynchronously;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.row;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ProductSamples.createProduct;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.testing.Answer;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Magento's price storages: base prices per store as the product GET shows them, refused items listed, special prices.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class PriceServiceTests {

    @Test
    void basePricesPerStoreAreWhatProductGetShows() {
        String sku = unique("Price");
        createProduct(sku, "simple", "");
        post("/V1/products/base-prices", "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":31.5,\"store_id\":1},{\"sku\":\"" + sku + "\",\"price\":30,\"store_id\":0}]}")
                .statusCode(200).body("", hasSize(0));
        get("/all/V1/products/" + sku).statusCode(200).body("price", equalTo(30));
        get("/default/V1/products/" + sku).statusCode(200).body("price", equalTo(31.5f));
        get("/V1/products/" + sku).statusCode(200).body("price", equalTo(31.5f));
    }

    @Test
    void refusedPriceItemsAreListedAndTheOthersSaved() {
        String sku = unique("PriceErr");
        String missing = unique("NoSuchSku");
        createProduct(sku, "simple", "");
        post("/V1/products/base-prices", "{\"prices\":[{\"sku\":\"" + missing + "\",\"price\":10,\"store_id\":0},"
                        + "{\"sku\":\"" + sku + "\",\"price\":-1,\"store_id\":0},"
                        + "{\"sku\":\"" + sku + "\",\"price\":12,\"store_id\":987654},"
                        + "{\"sku\":\"" + sku + "\",\"price\":11,\"store_id\":0}]}").statusCode(200)
                .body("", hasSize(3))
                .body("[0].message", equalTo("Invalid attribute %fieldName = %fieldValue."))
                .body("[0].parameters", contains("SKU", missing))
                .body("[1].parameters", contains("Price", "-1"))
                .body("[2].message", equalTo("Requested store is not found. Row ID: SKU = %SKU, Store ID: %storeId."));
        get("/all/V1/products/" + sku).body("price", equalTo(11));
        post("/V1/products/base-prices", "{\"prices\":[]}").statusCode(400);
    }

    @Test
    void specialPrices() throws Exception {
        String sku = unique("Special");
        createProduct(sku, "simple", "");
        post("/V1/products/special-price", "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":19,\"store_id\":1,\"price_from\":\"2030-01-01 00:00:00\","
                        + "\"price_to\":\"2030-02-01 00:00:00\"}]}").statusCode(200).body("", hasSize(0));
        assertEquals(1, count("SELECT count(*) FROM catalog_product_special_price sp JOIN catalog_product p ON p.id = sp.product_id"
                + " WHERE p.sku = ? AND sp.store_id = 1 AND sp.price = 19", sku));
        post("/V1/products/special-price", "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":19,\"store_id\":1,\"price_from\":\"2030-03-01\","
                        + "\"price_to\":\"2030-02-01\"}]}").statusCode(200)
                .body("[0].message", equalTo("Invalid attribute %fieldName = %fieldValue. Row ID: SKU = %SKU, Store ID: %storeId, "
                        + "Price From: %priceFrom, Price To: %priceTo."));
    }

    @Test
    void pricesAreAllOrNothingAsynchronously() throws Exception {
        String sku = unique("AsyncPrice");
        createProduct(sku, "simple", "");
        Answer ok = asynchronously(HttpMethod.POST, "/V1/products/base-prices",
                "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":17,\"store_id\":1}]}").statusCode(200).body("", hasSize(0));
        assertEquals(0, ok.json().size(), "no refused items");
        assertEquals(0, new BigDecimal(17).compareTo(price(sku, 1)));

        // Executed as a queued operation, a refused item fails the whole call: nothing is saved.
        String missing = unique("NoSuchSku");
        Answer refused = asynchronously(HttpMethod.POST, "/V1/products/base-prices", "{\"prices\":[{\"sku\":\"" + sku
                + "\",\"price\":18,\"store_id\":0},{\"sku\":\"" + missing + "\",\"price\":5,\"store_id\":0}]}").statusCode(400);
        assertEquals("Invalid attribute SKU = " + missing + ".", refused.renderedMessage());
        assertEquals(0, new BigDecimal(25).compareTo(price(sku, 0)), "a failed operation saves none of its prices");
        Answer noStore = asynchronously(HttpMethod.POST, "/V1/products/base-prices",
                "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":18,\"store_id\":4242}]}").statusCode(400);
        assertEquals("Requested store is not found. Row ID: SKU = " + sku + ", Store ID: 4242.", noStore.renderedMessage());

        asynchronously(HttpMethod.POST, "/V1/products/special-price",
                "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":9,\"store_id\":0,\"price_from\":\"2030-01-01\"}]}").statusCode(200);
        assertEquals(1, count("SELECT count(*) FROM catalog_product_special_price sp JOIN catalog_product p ON p.id = sp.product_id"
                + " WHERE p.sku = ? AND sp.price = 9", sku));
    }

    /** The product's price in one store (0 = global), null when the store has no value row or no price there. */
    static BigDecimal price(String sku, int storeId) throws Exception {
        Map<String, Object> row = row("SELECT v.price FROM catalog_product p JOIN catalog_product_store_value v ON v.product_id = p.id"
                + " WHERE p.sku = ? AND v.store_id = ?", sku, storeId);
        return row == null ? null : (BigDecimal) row.get("price");
    }
}
