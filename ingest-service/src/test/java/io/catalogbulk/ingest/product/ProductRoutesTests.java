package io.catalogbulk.ingest.product;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Synchronous product routes: executed inline, answering the entity (the same logic the worker runs). */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductRoutesTests {

    static String product(String sku, String extra) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Champ Tee\",\"attribute_set_id\":4,\"price\":25,"
                + "\"type_id\":\"simple\",\"weight\":0.5" + extra + "}}";
    }

    @Test
    void createReadUpdateDelete() {
        String sku = unique("MS-Champ");
        asAdmin().body(product(sku, ",\"custom_attributes\":[{\"attribute_code\":\"url_key\",\"value\":\"champ\"}]"))
                .post("/rest/V1/products").then().statusCode(200)
                .body("id", notNullValue())
                .body("sku", equalTo(sku))
                .body("name", equalTo("Champ Tee"))
                .body("price", equalTo(25))
                .body("status", equalTo(1))
                .body("visibility", equalTo(4))
                .body("weight", equalTo(0.5f))
                .body("extension_attributes.website_ids", contains(1))
                .body("custom_attributes.attribute_code", contains("url_key"));

        asAdmin().get("/rest/V1/products/" + sku).then().statusCode(200).body("sku", equalTo(sku));
        // Case-insensitive, like Magento on MySQL.
        asAdmin().get("/rest/V1/products/" + sku.toLowerCase()).then().statusCode(200).body("sku", equalTo(sku));

        // The seed's PUT changes the price and nothing else.
        asAdmin().body("{\"product\": {\"price\": 29}}").put("/rest/V1/products/" + sku).then().statusCode(200)
                .body("price", equalTo(29)).body("name", equalTo("Champ Tee")).body("weight", equalTo(0.5f))
                .body("custom_attributes.attribute_code", contains("url_key"));

        asAdmin().delete("/rest/V1/products/" + sku).then().statusCode(200).body(equalTo("true"));
        asAdmin().get("/rest/V1/products/" + sku).then().statusCode(404)
                .body("message", equalTo("The product that was requested doesn't exist. Verify the product and try again."));
        asAdmin().delete("/rest/V1/products/" + sku).then().statusCode(404);
    }

    @Test
    void postOnAnExistingSkuUpdatesIt() {
        String sku = unique("upsert");
        asAdmin().body(product(sku, "")).post("/rest/V1/products").then().statusCode(200);
        asAdmin().body("{\"product\":{\"sku\":\"" + sku + "\",\"status\":2}}").post("/rest/V1/products").then().statusCode(200)
                .body("status", equalTo(2)).body("name", equalTo("Champ Tee"));
    }

    @Test
    void createNeedsNameAndPriceExceptConfigurable() {
        String sku = unique("incomplete");
        asAdmin().body("{\"product\":{\"sku\":\"" + sku + "\"}}").post("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("One or more input exceptions have occurred."))
                .body("errors.message", hasItem("The \"Name\" attribute value is empty. Set the attribute and try again."))
                .body("errors.message", hasItem("The \"Price\" attribute value is empty. Set the attribute and try again."));
        asAdmin().body("{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Parent\",\"type_id\":\"configurable\"}}")
                .post("/rest/V1/products").then().statusCode(200).body("type_id", equalTo("configurable"));
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefused() {
        asAdmin().body(product(unique("bad"), ",\"colour\":\"red\"")).post("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("Property \"Colour\" does not have accessor method \"getColour\" in class "
                        + "\"Magento\\Catalog\\Api\\Data\\ProductInterface\"."));
        asAdmin().body("{\"product\":{\"sku\":\"x\",\"name\":\"n\",\"price\":\"abc\"}}").post("/rest/V1/products").then()
                .statusCode(400).body("message", equalTo("Error occurred during \"price\" processing. The \"abc\" value's type "
                        + "is invalid. The \"float\" type was expected. Verify and try again."));
        asAdmin().body(product("x".repeat(65), "")).post("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("SKU length should be 64 characters maximum."));
        asAdmin().body("{\"product\":{\"sku\":\"y\",\"name\":\"n\",\"price\":1,\"type_id\":\"bundle\"}}").post("/rest/V1/products")
                .then().statusCode(400).body("message", equalTo("Invalid value of \"%value\" provided for the %fieldName field."))
                .body("parameters.value", equalTo("bundle")).body("parameters.fieldName", equalTo("type_id"));
    }

    @Test
    void storeScopeFollowsMagentosRules() {
        String sku = unique("scoped");
        // No store code on create: values are global.
        asAdmin().body(product(sku, "")).post("/rest/V1/products").then().statusCode(200);
        // No store code on update: the default store's value only.
        asAdmin().body("{\"product\":{\"price\":30}}").put("/rest/V1/products/" + sku).then().statusCode(200)
                .body("price", equalTo(30));
        asAdmin().get("/rest/all/V1/products/" + sku).then().body("price", equalTo(25));
        asAdmin().get("/rest/default/V1/products/" + sku).then().body("price", equalTo(30));
        // all: the global value, which every store without its own value sees.
        asAdmin().body("{\"product\":{\"name\":\"Global name\"}}").put("/rest/all/V1/products/" + sku).then().statusCode(200);
        asAdmin().get("/rest/V1/products/" + sku).then().body("name", equalTo("Global name"));
        // A store code: that store's value only.
        String store = "s" + unique("v").replace("-", "_");
        asAdmin().body("{\"store\":{\"code\":\"" + store + "\",\"name\":\"Scoped view\"}}").post("/rest/V1/store/storeViews")
                .then().statusCode(200);
        asAdmin().body("{\"product\":{\"name\":\"Store name\",\"status\":2}}").put("/rest/" + store + "/V1/products/" + sku)
                .then().statusCode(200).body("name", equalTo("Store name")).body("status", equalTo(2));
        asAdmin().get("/rest/V1/products/" + sku).then().body("name", equalTo("Global name")).body("status", equalTo(1));
        asAdmin().get("/rest/" + store + "/V1/products/" + sku).then().body("name", equalTo("Store name"))
                .body("price", equalTo(25));
    }

    @Test
    void createWithAStoreCodeWritesGlobalAndStoreValues() {
        String sku = unique("storecreate");
        asAdmin().body(product(sku, "")).post("/rest/default/V1/products").then().statusCode(200);
        asAdmin().get("/rest/all/V1/products/" + sku).then().body("price", equalTo(25)).body("name", equalTo("Champ Tee"));
        asAdmin().body("{\"product\":{\"price\":40}}").put("/rest/all/V1/products/" + sku).then().statusCode(200);
        // The default store kept its own value from the create.
        asAdmin().get("/rest/default/V1/products/" + sku).then().body("price", equalTo(25));
    }
}
