package io.catalogbulk.catalog.inventory;

import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.query;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ProductSamples.createProduct;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Source items: saved and searched; one invalid item refuses the whole call. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class SourceItemServiceTests {

    @Test
    void sourceItemsAreSavedAndSearched() throws Exception {
        String sku = unique("Stock");
        createProduct(sku, "simple", "");
        post("/V1/inventory/source-items", "{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":100,\"status\":1}]}")
                .statusCode(200).body("", hasSize(0));
        post("/V1/inventory/source-items", "{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":42.5,\"status\":1}]}")
                .statusCode(200);
        get("/V1/inventory/source-items" + query(
                "searchCriteria[filter_groups][0][filters][0][field]", "sku",
                "searchCriteria[filter_groups][0][filters][0][value]", sku)).statusCode(200)
                .body("total_count", equalTo(1))
                .body("items[0].sku", equalTo(sku))
                .body("items[0].source_code", equalTo("default"))
                .body("items[0].quantity", equalTo(42.5f))
                .body("items[0].status", equalTo(1));
        assertEquals(1, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                + " WHERE p.sku = ? AND i.quantity = 42.5 AND i.status = 1", sku));
        // A refused call changes nothing already stored.
        post("/V1/inventory/source-items", "{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":-1,\"status\":1}]}")
                .statusCode(400).body("message", equalTo("Validation Failed"))
                .body("errors.message", hasItem("The quantity of \"%1\" at source \"%2\" can't be negative (%3)."));
        assertEquals(1, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                + " WHERE p.sku = ? AND i.quantity = 42.5", sku));
    }

    @Test
    void sourceItemRulesRefuseTheWholeCall() {
        String sku = unique("StockErr");
        createProduct(sku, "simple", "");
        post("/V1/inventory/source-items", "{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":1,\"status\":1},"
                        + "{\"sku\":\"" + sku + "\",\"source_code\":\"warehouse-9\",\"quantity\":-3,\"status\":1},"
                        + "{\"sku\":\"nope-" + sku + "\",\"source_code\":\"default\",\"quantity\":1,\"status\":1}]}")
                .statusCode(400)
                .body("message", equalTo("Validation Failed"))
                .body("errors.message", hasItem("Source with code \"%1\" does not exist."))
                .body("errors.message", hasItem("The quantity of \"%1\" at source \"%2\" can't be negative (%3)."))
                .body("errors.message", hasItem("Product with SKU \"%1\" does not exist."));
        get("/V1/inventory/source-items" + query(
                "searchCriteria[filter_groups][0][filters][0][field]", "sku",
                "searchCriteria[filter_groups][0][filters][0][value]", sku)).statusCode(200).body("total_count", equalTo(0));
        post("/V1/inventory/source-items", "{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":1,\"status\":7}]}")
                .statusCode(400);
    }
}
