package io.catalogbulk.catalog.option;

import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ProductSamples.createProduct;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Custom options of a product: saved with their values and shown in the product GET in sort order. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CustomOptionServiceTests {

    @Test
    void customOptions() throws Exception {
        String sku = unique("Opt");
        createProduct(sku, "simple", "");
        int giftWrap = post("/V1/products/options", "{\"option\":{\"product_sku\":\"" + sku + "\",\"title\":\"Gift wrap\",\"type\":\"drop_down\",\"is_require\":true,"
                        + "\"sort_order\":1,\"values\":[{\"title\":\"Paper\",\"price\":2,\"price_type\":\"fixed\",\"sort_order\":0},"
                        + "{\"title\":\"Box\",\"price\":10,\"price_type\":\"percent\",\"sort_order\":1}]}}").statusCode(200)
                .body("option_id", notNullValue())
                .body("product_sku", equalTo(sku))
                .body("type", equalTo("drop_down"))
                .body("values.title", contains("Paper", "Box"))
                .body("values.option_type_id", hasSize(2))
                .path("option_id");
        assertEquals(1, count("SELECT count(*) FROM catalog_product_option o JOIN catalog_product p ON p.id = o.product_id"
                + " WHERE o.option_id = ? AND p.sku = ?", giftWrap, sku));
        post("/V1/products/options", "{\"option\":{\"product_sku\":\"" + sku + "\",\"title\":\"Engraving\",\"type\":\"field\",\"price\":5,"
                        + "\"price_type\":\"fixed\",\"max_characters\":20}}").statusCode(200)
                .body("price", equalTo(5)).body("max_characters", equalTo(20));
        get("/V1/products/" + sku).statusCode(200)
                // In sort_order: Engraving has none (0), Gift wrap 1.
                .body("options.title", contains("Engraving", "Gift wrap"))
                .body("options[1].values.title", contains("Paper", "Box"))
                .body("options[0].max_characters", equalTo(20));
        post("/V1/products/options", "{\"option\":{\"product_sku\":\"" + sku + "\",\"title\":\"Size\",\"type\":\"colour\"}}")
                .statusCode(400);
        post("/V1/products/options", "{\"option\":{\"product_sku\":\"nope-" + sku + "\",\"title\":\"T\",\"type\":\"field\",\"price\":1}}")
                .statusCode(404);
    }
}
