package io.catalogbulk.catalog.product;

import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.CatalogFixtures.newStore;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * The contract's store-scope table (api.md §2) for the product fields a client sets per store: name,
 * description, status, url_key and price, on create and update, without a store code, with 'all' and with a
 * named store; and the url_key uniqueness rule.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductStoreScopeTests {

    static String attribute(String code) {
        return "custom_attributes.find { it.attribute_code == '" + code + "' }.value";
    }

    @Test
    void createWithAStoreCodeWritesGlobalAndStoreValues() {
        String store = newStore();
        String sku = unique("Scope-C");
        post("/" + store + "/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Made in store\",\"price\":9,\"attribute_set_id\":4,\"status\":2,"
                + "\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"d\"},{\"attribute_code\":\"url_key\",\"value\":\"" + sku.toLowerCase() + "\"}]}}")
                .statusCode(200);
        for (String read : new String[] {"all", "default", store}) {
            get("/" + read + "/V1/products/" + sku).statusCode(200)
                    .body("name", equalTo("Made in store")).body("price", equalTo(9)).body("status", equalTo(2))
                    .body(attribute("description"), equalTo("d")).body(attribute("url_key"), equalTo(sku.toLowerCase()));
        }
    }

    @Test
    void updatesWriteExactlyTheirScope() {
        String store = newStore();
        String sku = unique("Scope-U");
        post("/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Global\",\"price\":10,\"attribute_set_id\":4,"
                + "\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"global\"}]}}").statusCode(200);
        // No store code: the default store's values.
        put("/V1/products/" + sku, "{\"product\":{\"name\":\"Default\",\"status\":2,\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"default\"}]}}")
                .statusCode(200);
        // A named store: that store's values only.
        put("/" + store + "/V1/products/" + sku, "{\"product\":{\"name\":\"Store\",\"price\":8,\"custom_attributes\":[{\"attribute_code\":\"url_key\",\"value\":\"" + sku.toLowerCase() + "-s\"}]}}")
                .statusCode(200);
        get("/all/V1/products/" + sku).body("name", equalTo("Global")).body("status", equalTo(1))
                .body("price", equalTo(10)).body(attribute("description"), equalTo("global"));
        get("/V1/products/" + sku).body("name", equalTo("Default")).body("status", equalTo(2))
                .body(attribute("description"), equalTo("default"));
        get("/" + store + "/V1/products/" + sku).body("name", equalTo("Store")).body("price", equalTo(8))
                .body("status", equalTo(1)).body(attribute("description"), equalTo("global"))
                .body(attribute("url_key"), equalTo(sku.toLowerCase() + "-s"));
        // 'all': global values, seen by every store without its own value.
        put("/all/V1/products/" + sku, "{\"product\":{\"name\":\"Everywhere\",\"price\":11}}").statusCode(200);
        get("/all/V1/products/" + sku).body("name", equalTo("Everywhere")).body("price", equalTo(11));
        get("/V1/products/" + sku).body("name", equalTo("Default")).body("price", equalTo(11));
        get("/" + store + "/V1/products/" + sku).body("name", equalTo("Store")).body("price", equalTo(8));
    }

    @Test
    void aUrlKeyTakenByAnotherProductIsRefused() {
        String key = unique("shared-key").toLowerCase();
        String first = unique("Url-A");
        post("/V1/products", "{\"product\":{\"sku\":\"" + first + "\",\"name\":\"A\",\"price\":1,\"attribute_set_id\":4,"
                + "\"custom_attributes\":[{\"attribute_code\":\"url_key\",\"value\":\"" + key + "\"}]}}").statusCode(200);
        post("/V1/products", "{\"product\":{\"sku\":\"" + unique("Url-B") + "\",\"name\":\"B\",\"price\":1,\"attribute_set_id\":4,"
                + "\"custom_attributes\":[{\"attribute_code\":\"url_key\",\"value\":\"" + key.toUpperCase() + "\"}]}}")
                .statusCode(400).body("message", equalTo("URL key for specified store already exists."));
        // Saving the same product with its own key again is fine.
        put("/V1/products/" + first, "{\"product\":{\"custom_attributes\":[{\"attribute_code\":\"url_key\",\"value\":\"" + key + "\"}]}}")
                .statusCode(200);
    }
}
