package io.catalogbulk.catalog.product;

import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.row;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * What a product save writes where: the unscoped catalog_product row and one catalog_product_store_value row per
 * store scope (0 = global; null members inherit), for a create and a price-only update without a store code,
 * with 'all' and with a store code; and what the save answers.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductStoreValuesTests {

    static final int DEFAULT_STORE = 1;

    static String productJson(String sku, String name, int price) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"attribute_set_id\":4,\"price\":" + price
                + ",\"type_id\":\"simple\"}}";
    }

    static String productWithExtras(String sku) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Scoped Tee\",\"attribute_set_id\":4,\"price\":25,"
                + "\"type_id\":\"simple\",\"weight\":0.5,\"visibility\":2,"
                + "\"custom_attributes\":[{\"attribute_code\":\"color\",\"value\":\"red\"}]}}";
    }

    /** The product's unscoped row; null when there is no product with that SKU. */
    static Map<String, Object> productRow(String sku) throws Exception {
        return row("SELECT id, sku, type_id, attribute_set_id, weight FROM catalog_product WHERE lower(sku) = lower(?)", sku);
    }

    /** One store's values of the product (0 = global); null when that store has no value row. */
    static Map<String, Object> values(String sku, int storeId) throws Exception {
        return row("SELECT v.name, v.price, v.status, v.visibility, v.custom_attributes::text AS custom_attributes"
                + " FROM catalog_product p JOIN catalog_product_store_value v ON v.product_id = p.id"
                + " WHERE lower(p.sku) = lower(?) AND v.store_id = ?", sku, storeId);
    }

    static void assertPrice(int expected, Object actual) {
        assertNotNull(actual, "no price");
        assertEquals(0, BigDecimal.valueOf(expected).compareTo((BigDecimal) actual), () -> "price " + actual + ", expected " + expected);
    }

    @Test
    void aCreateWithoutStoreCodeWritesGlobalValuesAndAnswersTheProduct() throws Exception {
        String sku = unique("P-Create");
        JsonNode result = post("/V1/products", productJson(sku, "Worker Tee", 25)).statusCode(200).json();

        Map<String, Object> row = productRow(sku);
        assertNotNull(row, "no catalog_product row");
        assertEquals("simple", row.get("type_id"));
        assertEquals(4, row.get("attribute_set_id"));

        assertEquals(((Number) row.get("id")).longValue(), result.get("id").asLong());
        assertEquals(sku, result.get("sku").asText());
        assertEquals("Worker Tee", result.get("name").asText());
        assertEquals("25", result.get("price").asText(), "integral prices print as PHP prints them");
        assertEquals(1, result.get("status").asInt());
        assertEquals(4, result.get("visibility").asInt());
        assertEquals("simple", result.get("type_id").asText());
        assertEquals(4, result.get("attribute_set_id").asInt());
        assertEquals(Json.parse("[1]"), result.get("extension_attributes").get("website_ids"));
        assertNotNull(result.get("created_at"));

        // No store code on create: global values only.
        Map<String, Object> global = values(sku, 0);
        assertEquals("Worker Tee", global.get("name"));
        assertPrice(25, global.get("price"));
        assertEquals(1, global.get("status"));
        assertEquals(4, global.get("visibility"));
        assertNull(values(sku, DEFAULT_STORE), "an implicit create writes no store values");
    }

    @Test
    void aCreateWithAStoreCodeWritesGlobalAndStoreValues() throws Exception {
        String sku = unique("P-StoreCreate");
        post("/default/V1/products", productJson(sku, "Store Tee", 25)).statusCode(200);

        Map<String, Object> global = values(sku, 0);
        assertEquals("Store Tee", global.get("name"));
        assertPrice(25, global.get("price"));
        Map<String, Object> store = values(sku, DEFAULT_STORE);
        assertNotNull(store, "a create with a store code also writes that store's values");
        assertEquals("Store Tee", store.get("name"));
        assertPrice(25, store.get("price"));
    }

    @Test
    void aPutWithOnlyAPriceChangesThatPriceInTheRequestedScopeAndNothingElse() throws Exception {
        String sku = unique("P-Price");
        post("/V1/products", productWithExtras(sku)).statusCode(200);
        Map<String, Object> rowBefore = productRow(sku);
        Map<String, Object> globalBefore = values(sku, 0);
        assertNull(values(sku, DEFAULT_STORE));

        // A store code: that store's price only; everything else is inherited.
        JsonNode seen = put("/default/V1/products/" + sku, "{\"product\":{\"price\":30}}").statusCode(200).json();
        Map<String, Object> store = values(sku, DEFAULT_STORE);
        assertNotNull(store, "the store's value row");
        assertPrice(30, store.get("price"));
        assertNull(store.get("name"), "the store inherits the name");
        assertNull(store.get("status"), "the store inherits the status");
        assertNull(store.get("visibility"), "the store inherits the visibility");
        assertEquals(Json.parse("{}"), Json.parse((String) store.get("custom_attributes")));
        assertEquals(globalBefore, values(sku, 0), "global values untouched");
        assertEquals(rowBefore, productRow(sku), "the unscoped row untouched");
        // The answer is the product as that store sees it.
        assertEquals("30", seen.get("price").asText());
        assertEquals("Scoped Tee", seen.get("name").asText());
        assertEquals(2, seen.get("visibility").asInt());
        assertEquals("0.5", seen.get("weight").asText());
        assertEquals("color", seen.get("custom_attributes").get(0).get("attribute_code").asText());
        assertEquals("red", seen.get("custom_attributes").get(0).get("value").asText());

        // all (store 0): the global price, which the store with its own price does not see.
        assertEquals("40", put("/all/V1/products/" + sku, "{\"product\":{\"price\":40}}").statusCode(200).json().get("price").asText());
        Map<String, Object> global = values(sku, 0);
        assertPrice(40, global.get("price"));
        assertEquals(globalBefore.get("name"), global.get("name"));
        assertEquals(globalBefore.get("status"), global.get("status"));
        assertEquals(globalBefore.get("visibility"), global.get("visibility"));
        assertEquals(Json.parse((String) globalBefore.get("custom_attributes")), Json.parse((String) global.get("custom_attributes")));
        assertPrice(30, values(sku, DEFAULT_STORE).get("price"));

        // No store code on update: the default store's value.
        put("/V1/products/" + sku, "{\"product\":{\"price\":35}}").statusCode(200);
        assertPrice(35, values(sku, DEFAULT_STORE).get("price"));
        assertPrice(40, values(sku, 0).get("price"));
        assertEquals(1, count("SELECT count(*) FROM catalog_product WHERE lower(sku) = lower(?)", sku));
    }

    @Test
    void aDeleteRemovesTheProductAndAnswersTrue() throws Exception {
        String sku = unique("P-Delete");
        post("/V1/products", productJson(sku, "Doomed Tee", 9)).statusCode(200);
        assertEquals(1, count("SELECT count(*) FROM catalog_product WHERE lower(sku) = lower(?)", sku));
        assertEquals("true", delete("/V1/products/" + sku).statusCode(200).text());
        assertEquals(0, count("SELECT count(*) FROM catalog_product WHERE lower(sku) = lower(?)", sku));
    }
}
