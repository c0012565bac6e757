package io.catalogbulk.ingest.productfeatures;

import static io.catalogbulk.ingest.productfeatures.Samples.createProduct;
import static io.catalogbulk.ingest.productfeatures.Samples.mediaEntry;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
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

        asAdmin().queryParam("searchCriteria[filterGroups][0][filters][0][field]", "sku")
                .queryParam("searchCriteria[filterGroups][0][filters][0][value]", prefix + "%")
                .queryParam("searchCriteria[filterGroups][0][filters][0][conditionType]", "like")
                .queryParam("searchCriteria[pageSize]", "2")
                .queryParam("searchCriteria[currentPage]", "2")
                .get("/rest/V1/products").then().statusCode(200)
                .body("total_count", equalTo(3))
                .body("items.sku", contains(prefix + "-c"))
                .body("items[0].type_id", equalTo("virtual"))
                .body("search_criteria.filter_groups[0].filters[0].field", equalTo("sku"))
                .body("search_criteria.page_size", equalTo(2))
                .body("search_criteria.current_page", equalTo(2));

        // Two filter groups are AND, filters of one group OR.
        asAdmin().queryParam("searchCriteria[filter_groups][0][filters][0][field]", "name")
                .queryParam("searchCriteria[filter_groups][0][filters][0][value]", prefix + "%")
                .queryParam("searchCriteria[filter_groups][0][filters][0][condition_type]", "like")
                .queryParam("searchCriteria[filter_groups][1][filters][0][field]", "status")
                .queryParam("searchCriteria[filter_groups][1][filters][0][value]", "1")
                .queryParam("searchCriteria[filter_groups][1][filters][1][field]", "type_id")
                .queryParam("searchCriteria[filter_groups][1][filters][1][value]", "virtual")
                .queryParam("searchCriteria[sortOrders][0][field]", "sku")
                .queryParam("searchCriteria[sortOrders][0][direction]", "DESC")
                .get("/rest/V1/products").then().statusCode(200)
                .body("total_count", equalTo(2))
                .body("items.sku", contains(prefix + "-c", prefix + "-a"));

        asAdmin().queryParam("searchCriteria[filterGroups][0][filters][0][field]", "sku")
                .queryParam("searchCriteria[filterGroups][0][filters][0][value]", prefix + "-b")
                .get("/rest/V1/products").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].status", equalTo(2)).body("total_count", equalTo(1));
    }

    @Test
    void badCriteriaAreA400() {
        asAdmin().get("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("\"%fieldName\" is required. Enter and try again."))
                .body("parameters.fieldName", equalTo("searchCriteria"));
        asAdmin().queryParam("searchCriteria[filterGroups][0][filters][0][field]", "password")
                .queryParam("searchCriteria[filterGroups][0][filters][0][value]", "x")
                .get("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("Cannot search by \"%fieldName\". Searchable fields: %fields."));
        asAdmin().queryParam("searchCriteria[filterGroups][0][filters][0][field]", "status")
                .queryParam("searchCriteria[filterGroups][0][filters][0][value]", "enabled")
                .get("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("Invalid value of \"%value\" provided for the %fieldName field."));
    }

    @Test
    void deleteRemovesMediaOptionsPricesStockAndLinks() throws Exception {
        String sku = unique("Del");
        createProduct(sku, "simple", "");
        asAdmin().body(mediaEntry(Samples.PNG, "image/png", "del.png")).post("/rest/V1/products/" + sku + "/media").then().statusCode(200);
        asAdmin().body("{\"option\":{\"product_sku\":\"" + sku + "\",\"title\":\"Engraving\",\"type\":\"field\",\"is_require\":false,"
                + "\"price\":5,\"price_type\":\"fixed\",\"sort_order\":1}}").post("/rest/V1/products/options").then().statusCode(200);
        asAdmin().body("{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":9,\"store_id\":0,\"price_from\":\"2030-01-01 00:00:00\"}]}")
                .post("/rest/V1/products/special-price").then().statusCode(200).body("", hasSize(0));
        asAdmin().body("{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":5,\"status\":1}]}")
                .post("/rest/V1/inventory/source-items").then().statusCode(200);
        long id = count("SELECT id FROM catalog_product WHERE sku = ?", sku);
        for (String table : new String[] {"catalog_product_media", "catalog_product_option", "catalog_product_special_price",
                "inventory_source_item"}) {
            assertEquals(1, count("SELECT count(*) FROM " + table + " WHERE product_id = ?", id), table);
        }

        asAdmin().delete("/rest/V1/products/" + sku).then().statusCode(200).body(equalTo("true"));
        for (String table : new String[] {"catalog_product_media", "catalog_product_option", "catalog_product_special_price",
                "inventory_source_item", "catalog_product_store_value"}) {
            assertEquals(0, count("SELECT count(*) FROM " + table + " WHERE product_id = ?", id), table);
        }
        asAdmin().get("/rest/V1/products/" + sku + "/media").then().statusCode(404);
    }
}
