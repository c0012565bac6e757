package io.catalogbulk.catalog.product;

import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Products: create, read, update, delete in Magento's shape, input rules, and the store scope of their values. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductServiceTests {

    static String product(String sku, String extra) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Champ Tee\",\"attribute_set_id\":4,\"price\":25,"
                + "\"type_id\":\"simple\",\"weight\":0.5" + extra + "}}";
    }

    @Test
    void createReadUpdateDelete() {
        String sku = unique("MS-Champ");
        post("/V1/products", product(sku, ",\"custom_attributes\":[{\"attribute_code\":\"url_key\",\"value\":\"champ\"}]"))
                .statusCode(200)
                .body("id", notNullValue())
                .body("sku", equalTo(sku))
                .body("name", equalTo("Champ Tee"))
                .body("price", equalTo(25))
                .body("status", equalTo(1))
                .body("visibility", equalTo(4))
                .body("weight", equalTo(0.5f))
                .body("extension_attributes.website_ids", contains(1))
                .body("custom_attributes.attribute_code", contains("url_key"));

        get("/V1/products/" + sku).statusCode(200).body("sku", equalTo(sku));
        // Case-insensitive, like Magento on MySQL.
        get("/V1/products/" + sku.toLowerCase()).statusCode(200).body("sku", equalTo(sku));

        // The seed's PUT changes the price and nothing else.
        put("/V1/products/" + sku, "{\"product\": {\"price\": 29}}").statusCode(200)
                .body("price", equalTo(29)).body("name", equalTo("Champ Tee")).body("weight", equalTo(0.5f))
                .body("custom_attributes.attribute_code", contains("url_key"));

        delete("/V1/products/" + sku).statusCode(200).body(equalTo("true"));
        get("/V1/products/" + sku).statusCode(404)
                .body("message", equalTo("The product that was requested doesn't exist. Verify the product and try again."));
        delete("/V1/products/" + sku).statusCode(404);
    }

    @Test
    void postOnAnExistingSkuUpdatesIt() {
        String sku = unique("upsert");
        post("/V1/products", product(sku, "")).statusCode(200);
        post("/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"status\":2}}").statusCode(200)
                .body("status", equalTo(2)).body("name", equalTo("Champ Tee"));
    }

    @Test
    void createNeedsNameAndPriceExceptConfigurable() {
        String sku = unique("incomplete");
        post("/V1/products", "{\"product\":{\"sku\":\"" + sku + "\"}}").statusCode(400)
                .body("message", equalTo("One or more input exceptions have occurred."))
                .body("errors.message", hasItem("The \"Name\" attribute value is empty. Set the attribute and try again."))
                .body("errors.message", hasItem("The \"Price\" attribute value is empty. Set the attribute and try again."));
        post("/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Parent\",\"type_id\":\"configurable\"}}")
                .statusCode(200).body("type_id", equalTo("configurable"));
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefused() {
        post("/V1/products", product(unique("bad"), ",\"colour\":\"red\"")).statusCode(400)
                .body("message", equalTo("Property \"Colour\" does not have accessor method \"getColour\" in class "
                        + "\"Magento\\Catalog\\Api\\Data\\ProductInterface\"."));
        post("/V1/products", "{\"product\":{\"sku\":\"x\",\"name\":\"n\",\"price\":\"abc\"}}")
                .statusCode(400).body("message", equalTo("Error occurred during \"price\" processing. The \"abc\" value's type "
                        + "is invalid. The \"float\" type was expected. Verify and try again."));
        post("/V1/products", product("x".repeat(65), "")).statusCode(400)
                .body("message", equalTo("SKU length should be 64 characters maximum."));
        post("/V1/products", "{\"product\":{\"sku\":\"y\",\"name\":\"n\",\"price\":1,\"type_id\":\"bundle\"}}")
                .statusCode(400).body("message", equalTo("Invalid value of \"%value\" provided for the %fieldName field."))
                .body("parameters.value", equalTo("bundle")).body("parameters.fieldName", equalTo("type_id"));
    }

    @Test
    void storeScopeFollowsMagentosRules() {
        String sku = unique("scoped");
        // No store code on create: values are global.
        post("/V1/products", product(sku, "")).statusCode(200);
        // No store code on update: the default store's value only.
        put("/V1/products/" + sku, "{\"product\":{\"price\":30}}").statusCode(200)
                .body("price", equalTo(30));
        get("/all/V1/products/" + sku).body("price", equalTo(25));
        get("/default/V1/products/" + sku).body("price", equalTo(30));
        // all: the global value, which every store without its own value sees.
        put("/all/V1/products/" + sku, "{\"product\":{\"name\":\"Global name\"}}").statusCode(200);
        get("/V1/products/" + sku).body("name", equalTo("Global name"));
        // A store code: that store's value only.
        String store = "s" + unique("v").replace("-", "_");
        post("/V1/store/storeViews", "{\"store\":{\"code\":\"" + store + "\",\"name\":\"Scoped view\"}}").statusCode(200);
        put("/" + store + "/V1/products/" + sku, "{\"product\":{\"name\":\"Store name\",\"status\":2}}")
                .statusCode(200).body("name", equalTo("Store name")).body("status", equalTo(2));
        get("/V1/products/" + sku).body("name", equalTo("Global name")).body("status", equalTo(1));
        get("/" + store + "/V1/products/" + sku).body("name", equalTo("Store name"))
                .body("price", equalTo(25));
    }

    @Test
    void createWithAStoreCodeWritesGlobalAndStoreValues() {
        String sku = unique("storecreate");
        post("/default/V1/products", product(sku, "")).statusCode(200);
        get("/all/V1/products/" + sku).body("price", equalTo(25)).body("name", equalTo("Champ Tee"));
        put("/all/V1/products/" + sku, "{\"product\":{\"price\":40}}").statusCode(200);
        // The default store kept its own value from the create.
        get("/default/V1/products/" + sku).body("price", equalTo(25));
    }
}
