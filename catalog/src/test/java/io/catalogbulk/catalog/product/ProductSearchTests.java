package io.catalogbulk.catalog.product;

import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.query;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ProductSamples.PNG;
import static io.catalogbulk.catalog.testing.ProductSamples.createProduct;
import static io.catalogbulk.catalog.testing.ProductSamples.mediaEntry;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** GET /V1/products?searchCriteria and DELETE /V1/products/:sku with everything that hangs off a product. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductSearchTests {

    @Test
    void searchFiltersPagesAndEchoesTheCriteria() {
        String prefix = unique("Srch");
        createProduct(prefix + "-a", "simple", "");
        createProduct(prefix + "-b", "simple", ",\"status\":2");
        createProduct(prefix + "-c", "virtual", "");

        get("/V1/products" + query(
                "searchCriteria[filterGroups][0][filters][0][field]", "sku",
                "searchCriteria[filterGroups][0][filters][0][value]", prefix + "%",
                "searchCriteria[filterGroups][0][filters][0][conditionType]", "like",
                "searchCriteria[pageSize]", "2",
                "searchCriteria[currentPage]", "2")).statusCode(200)
                .body("total_count", equalTo(3))
                .body("items.sku", contains(prefix + "-c"))
                .body("items[0].type_id", equalTo("virtual"))
                .body("search_criteria.filter_groups[0].filters[0].field", equalTo("sku"))
                .body("search_criteria.page_size", equalTo(2))
                .body("search_criteria.current_page", equalTo(2));

        // Two filter groups are AND, filters of one group OR.
        get("/V1/products" + query(
                "searchCriteria[filter_groups][0][filters][0][field]", "name",
                "searchCriteria[filter_groups][0][filters][0][value]", prefix + "%",
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "like",
                "searchCriteria[filter_groups][1][filters][0][field]", "status",
                "searchCriteria[filter_groups][1][filters][0][value]", "1",
                "searchCriteria[filter_groups][1][filters][1][field]", "type_id",
                "searchCriteria[filter_groups][1][filters][1][value]", "virtual",
                "searchCriteria[sortOrders][0][field]", "sku",
                "searchCriteria[sortOrders][0][direction]", "DESC")).statusCode(200)
                .body("total_count", equalTo(2))
                .body("items.sku", contains(prefix + "-c", prefix + "-a"));

        get("/V1/products" + query(
                "searchCriteria[filterGroups][0][filters][0][field]", "sku",
                "searchCriteria[filterGroups][0][filters][0][value]", prefix + "-b")).statusCode(200)
                .body("items", hasSize(1)).body("items[0].status", equalTo(2)).body("total_count", equalTo(1));
    }

    @Test
    void badCriteriaAreA400() {
        get("/V1/products").statusCode(400)
                .body("message", equalTo("\"%fieldName\" is required. Enter and try again."))
                .body("parameters.fieldName", equalTo("searchCriteria"));
        get("/V1/products" + query(
                "searchCriteria[filterGroups][0][filters][0][field]", "password",
                "searchCriteria[filterGroups][0][filters][0][value]", "x")).statusCode(400)
                .body("message", equalTo("Cannot search by \"%fieldName\". Searchable fields: %fields."));
        get("/V1/products" + query(
                "searchCriteria[filterGroups][0][filters][0][field]", "status",
                "searchCriteria[filterGroups][0][filters][0][value]", "enabled")).statusCode(400)
                .body("message", equalTo("Invalid value of \"%value\" provided for the %fieldName field."));
    }

    @Test
    void deleteRemovesMediaOptionsPricesStockAndLinks() throws Exception {
        String sku = unique("Del");
        createProduct(sku, "simple", "");
        post("/V1/products/" + sku + "/media", mediaEntry(PNG, "image/png", "del.png")).statusCode(200);
        post("/V1/products/options", "{\"option\":{\"product_sku\":\"" + sku + "\",\"title\":\"Engraving\",\"type\":\"field\",\"is_require\":false,"
                + "\"price\":5,\"price_type\":\"fixed\",\"sort_order\":1}}").statusCode(200);
        post("/V1/products/special-price", "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":9,\"store_id\":0,\"price_from\":\"2030-01-01 00:00:00\"}]}")
                .statusCode(200).body("", hasSize(0));
        post("/V1/inventory/source-items", "{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":5,\"status\":1}]}")
                .statusCode(200);
        long id = count("SELECT id FROM catalog_product WHERE sku = ?", sku);
        for (String table : new String[] {"catalog_product_media", "catalog_product_option", "catalog_product_special_price",
                "inventory_source_item"}) {
            assertEquals(1, count("SELECT count(*) FROM " + table + " WHERE product_id = ?", id), table);
        }

        delete("/V1/products/" + sku).statusCode(200).body(equalTo("true"));
        for (String table : new String[] {"catalog_product_media", "catalog_product_option", "catalog_product_special_price",
                "inventory_source_item", "catalog_product_store_value"}) {
            assertEquals(0, count("SELECT count(*) FROM " + table + " WHERE product_id = ?", id), table);
        }
        get("/V1/products/" + sku + "/media").statusCode(404);
    }
}
