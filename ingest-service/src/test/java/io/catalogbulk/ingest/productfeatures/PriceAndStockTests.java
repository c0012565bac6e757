package io.catalogbulk.ingest.productfeatures;

import static io.catalogbulk.ingest.productfeatures.Samples.createProduct;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Price storages and source items synchronously. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class PriceAndStockTests {

    @Test
    void basePricesPerStoreAreWhatProductGetShows() {
        String sku = unique("Price");
        createProduct(sku, "simple", "");
        asAdmin().body("{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":31.5,\"store_id\":1},{\"sku\":\"" + sku + "\",\"price\":30,\"store_id\":0}]}")
                .post("/rest/V1/products/base-prices").then().statusCode(200).body("", hasSize(0));
        asAdmin().get("/rest/all/V1/products/" + sku).then().statusCode(200).body("price", equalTo(30));
        asAdmin().get("/rest/default/V1/products/" + sku).then().statusCode(200).body("price", equalTo(31.5f));
        asAdmin().get("/rest/V1/products/" + sku).then().statusCode(200).body("price", equalTo(31.5f));
    }

    @Test
    void refusedPriceItemsAreListedAndTheOthersSaved() {
        String sku = unique("PriceErr");
        String missing = unique("NoSuchSku");
        createProduct(sku, "simple", "");
        asAdmin().body("{\"prices\":[{\"sku\":\"" + missing + "\",\"price\":10,\"store_id\":0},"
                        + "{\"sku\":\"" + sku + "\",\"price\":-1,\"store_id\":0},"
                        + "{\"sku\":\"" + sku + "\",\"price\":12,\"store_id\":987654},"
                        + "{\"sku\":\"" + sku + "\",\"price\":11,\"store_id\":0}]}")
                .post("/rest/V1/products/base-prices").then().statusCode(200)
                .body("", hasSize(3))
                .body("[0].message", equalTo("Invalid attribute %fieldName = %fieldValue."))
                .body("[0].parameters", contains("SKU", missing))
                .body("[1].parameters", contains("Price", "-1"))
                .body("[2].message", equalTo("Requested store is not found. Row ID: SKU = %SKU, Store ID: %storeId."));
        asAdmin().get("/rest/all/V1/products/" + sku).then().body("price", equalTo(11));
        asAdmin().body("{\"prices\":[]}").post("/rest/V1/products/base-prices").then().statusCode(400);
    }

    @Test
    void specialPrices() throws Exception {
        String sku = unique("Special");
        createProduct(sku, "simple", "");
        asAdmin().body("{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":19,\"store_id\":1,\"price_from\":\"2030-01-01 00:00:00\","
                        + "\"price_to\":\"2030-02-01 00:00:00\"}]}")
                .post("/rest/V1/products/special-price").then().statusCode(200).body("", hasSize(0));
        assertEquals(1, count("SELECT count(*) FROM catalog_product_special_price sp JOIN catalog_product p ON p.id = sp.product_id"
                + " WHERE p.sku = ? AND sp.store_id = 1 AND sp.price = 19", sku));
        asAdmin().body("{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":19,\"store_id\":1,\"price_from\":\"2030-03-01\","
                        + "\"price_to\":\"2030-02-01\"}]}")
                .post("/rest/V1/products/special-price").then().statusCode(200)
                .body("[0].message", equalTo("Invalid attribute %fieldName = %fieldValue. Row ID: SKU = %SKU, Store ID: %storeId, "
                        + "Price From: %priceFrom, Price To: %priceTo."));
    }

    @Test
    void sourceItemsAreSavedAndSearched() {
        String sku = unique("Stock");
        createProduct(sku, "simple", "");
        asAdmin().body("{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":100,\"status\":1}]}")
                .post("/rest/V1/inventory/source-items").then().statusCode(200).body("", hasSize(0));
        asAdmin().body("{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":42.5,\"status\":1}]}")
                .post("/rest/V1/inventory/source-items").then().statusCode(200);
        asAdmin().queryParam("searchCriteria[filter_groups][0][filters][0][field]", "sku")
                .queryParam("searchCriteria[filter_groups][0][filters][0][value]", sku)
                .get("/rest/V1/inventory/source-items").then().statusCode(200)
                .body("total_count", equalTo(1))
                .body("items[0].sku", equalTo(sku))
                .body("items[0].source_code", equalTo("default"))
                .body("items[0].quantity", equalTo(42.5f))
                .body("items[0].status", equalTo(1));
    }

    @Test
    void sourceItemRulesRefuseTheWholeCall() {
        String sku = unique("StockErr");
        createProduct(sku, "simple", "");
        asAdmin().body("{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":1,\"status\":1},"
                        + "{\"sku\":\"" + sku + "\",\"source_code\":\"warehouse-9\",\"quantity\":-3,\"status\":1},"
                        + "{\"sku\":\"nope-" + sku + "\",\"source_code\":\"default\",\"quantity\":1,\"status\":1}]}")
                .post("/rest/V1/inventory/source-items").then().statusCode(400)
                .body("message", equalTo("Validation Failed"))
                .body("errors.message", hasItem("Source with code \"%1\" does not exist."))
                .body("errors.message", hasItem("The quantity of \"%1\" at source \"%2\" can't be negative (%3)."))
                .body("errors.message", hasItem("Product with SKU \"%1\" does not exist."));
        asAdmin().queryParam("searchCriteria[filter_groups][0][filters][0][field]", "sku")
                .queryParam("searchCriteria[filter_groups][0][filters][0][value]", sku)
                .get("/rest/V1/inventory/source-items").then().statusCode(200).body("total_count", equalTo(0));
        asAdmin().body("{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":1,\"status\":7}]}")
                .post("/rest/V1/inventory/source-items").then().statusCode(400);
    }
}
