package io.catalogbulk.catalog.price;

import static io.catalogbulk.catalog.testing.CatalogCalls.asynchronously;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ProductSamples.createProduct;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.testing.Answer;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Magento's TierPriceStorageInterface: update, get, replace, delete; refused items listed as Magento's validator words them. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class TierPriceServiceTests {

    static String tier(String sku, Object price, String type, int website, String group, Object qty) {
        return "{\"sku\":\"" + sku + "\",\"price\":" + price + ",\"price_type\":\"" + type + "\",\"website_id\":" + website
                + ",\"customer_group\":\"" + group + "\",\"quantity\":" + qty + "}";
    }

    @Test
    void updateGetReplaceAndDelete() throws Exception {
        String sku = unique("Tier");
        createProduct(sku, "simple", "");
        post("/V1/products/tier-prices", "{\"prices\":[" + tier(sku, 20, "fixed", 0, "ALL GROUPS", 5) + ","
                + tier(sku, 10, "discount", 1, "General", 10) + "]}").statusCode(200).body("", hasSize(0));
        post("/V1/products/tier-prices-information", "{\"skus\":[\"" + sku + "\"]}").statusCode(200)
                .body("", hasSize(2))
                .body("[0].price", equalTo(20)).body("[0].price_type", equalTo("fixed")).body("[0].website_id", equalTo(0))
                .body("[0].sku", equalTo(sku)).body("[0].customer_group", equalTo("all groups")).body("[0].quantity", equalTo(5))
                .body("[1].price_type", equalTo("discount")).body("[1].customer_group", equalTo("General"));
        // The product shows them as ProductTierPriceInterface: the discount as the price it gives (25 - 10%).
        get("/all/V1/products/" + sku).statusCode(200)
                .body("tier_prices", hasSize(2))
                .body("tier_prices[0].customer_group_id", equalTo(32000)).body("tier_prices[0].value", equalTo(20))
                .body("tier_prices[1].value", equalTo(22.5f)).body("tier_prices[1].extension_attributes.percentage_value", equalTo(10))
                .body("tier_prices[1].extension_attributes.website_id", equalTo(1));

        // Same SKU, website, group and quantity: the price changes, no second tier.
        post("/V1/products/tier-prices", "{\"prices\":[" + tier(sku, 19, "fixed", 0, "all groups", 5) + "]}").statusCode(200);
        assertEquals(2, tiers(sku));
        put("/V1/products/tier-prices", "{\"prices\":[" + tier(sku, 18, "fixed", 0, "Wholesale", 2) + "]}").statusCode(200)
                .body("", hasSize(0));
        post("/V1/products/tier-prices-information", "{\"skus\":[\"" + sku + "\"]}").statusCode(200)
                .body("", hasSize(1)).body("[0].customer_group", equalTo("Wholesale")).body("[0].quantity", equalTo(2));
        post("/V1/products/tier-prices-delete", "{\"prices\":[" + tier(sku, 18, "fixed", 0, "Wholesale", 2) + "]}").statusCode(200)
                .body("", hasSize(0));
        assertEquals(0, tiers(sku));
    }

    @Test
    void refusedItemsAreListedAndTheOthersSaved() throws Exception {
        String sku = unique("TierErr");
        String missing = unique("NoSuchSku");
        createProduct(sku, "simple", "");
        post("/V1/products/tier-prices", "{\"prices\":[" + tier(missing, 5, "fixed", 0, "General", 1) + ","
                + tier(sku, 150, "discount", 0, "General", 1) + ","
                + tier(sku, 5, "percent", 0, "General", 1) + ","
                + tier(sku, 5, "fixed", 0, "General", 0) + ","
                + tier(sku, 5, "fixed", 77, "General", 1) + ","
                + tier(sku, 5, "fixed", 0, "Nobody", 1) + ","
                + tier(sku, 5, "fixed", 0, "General", 3) + ","
                + tier(sku, 6, "fixed", 0, "general", 3) + "]}").statusCode(200)
                .body("", hasSize(7))
                .body("[0].message", equalTo(TierPriceService.INVALID_SKU))
                .body("[0].parameters", contains(missing, "0", "General", "1"))
                .body("[1].message", equalTo(TierPriceService.INVALID_PRICE))
                .body("[1].parameters", contains("150", sku, "0", "General", "1"))
                .body("[2].message", equalTo(TierPriceService.INVALID_PRICE_TYPE))
                .body("[3].message", equalTo(TierPriceService.INVALID_QUANTITY))
                .body("[4].message", equalTo(TierPriceService.INVALID_WEBSITE))
                .body("[5].message", equalTo(TierPriceService.NO_SUCH_GROUP))
                .body("[6].message", equalTo(TierPriceService.DUPLICATE));
        assertEquals(1, tiers(sku), "the one valid item is saved");
        post("/V1/products/tier-prices-information", "{\"skus\":[\"" + missing + "\"]}").statusCode(404)
                .body("message", equalTo("Requested product doesn't exist: %sku"));
        post("/V1/products/tier-prices", "{\"prices\":[]}").statusCode(400);
    }

    @Test
    void asynchronouslyARefusedItemFailsTheWholeCall() throws Exception {
        String sku = unique("TierAsync");
        createProduct(sku, "simple", "");
        Answer refused = asynchronously(HttpMethod.POST, "/V1/products/tier-prices", "{\"prices\":[" + tier(sku, 5, "fixed", 0, "General", 1)
                + "," + tier(sku, 5, "fixed", 0, "Nobody", 1) + "]}").statusCode(400);
        assertEquals("No such entity with Customer Group = Nobody. Row ID: SKU = " + sku + ", Website ID: 0, Customer Group: Nobody,"
                + " Quantity: 1.", refused.renderedMessage());
        assertEquals(0, tiers(sku));
    }

    static long tiers(String sku) throws Exception {
        return count("SELECT count(*) FROM catalog_product_tier_price t JOIN catalog_product p ON p.id = t.product_id WHERE p.sku = ?", sku);
    }
}
