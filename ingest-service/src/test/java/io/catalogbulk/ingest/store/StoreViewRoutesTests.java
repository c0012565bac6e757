package io.catalogbulk.ingest.store;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class StoreViewRoutesTests {

    @Test
    void adminAndDefaultExistAfterMigration() {
        asAdmin().get("/rest/V1/store/storeViews").then().statusCode(200)
                .body("find { it.id == 0 }.code", equalTo("admin"))
                .body("find { it.id == 1 }.code", equalTo("default"))
                .body("find { it.id == 1 }.name", equalTo("Default Store View"))
                .body("find { it.id == 1 }.is_active", equalTo(1));
    }

    @Test
    void createAStoreViewAndUseItsCodeAtOnce() {
        String code = "fr_" + unique("x").substring(2).replace("-", "");
        asAdmin().body("{\"store\":{\"code\":\"" + code + "\",\"name\":\"French\"}}").post("/rest/V1/store/storeViews")
                .then().statusCode(200).body("code", equalTo(code)).body("website_id", equalTo(1))
                .body("store_group_id", equalTo(1));
        asAdmin().get("/rest/V1/store/storeViews").then().body("code", hasItem(code));
        asAdmin().get("/rest/" + code + "/V1/products/none").then().statusCode(404);
        asAdmin().body("{\"store\":{\"code\":\"" + code.toUpperCase() + "\",\"name\":\"Again\"}}").post("/rest/V1/store/storeViews")
                .then().statusCode(400).body("message", equalTo("Store with the same code already exists."));
    }

    @Test
    void reservedAndMalformedCodesAreRefused() {
        asAdmin().body("{\"store\":{\"code\":\"async\",\"name\":\"x\"}}").post("/rest/V1/store/storeViews")
                .then().statusCode(400).body("message", startsWith("The store code \"%code\" is reserved"));
        asAdmin().body("{\"store\":{\"code\":\"1abc\",\"name\":\"x\"}}").post("/rest/V1/store/storeViews")
                .then().statusCode(400).body("message", startsWith("The store code may contain only letters"));
        asAdmin().body("{\"store\":{\"code\":\"zz\",\"name\":\"x\",\"website_id\":7}}").post("/rest/V1/store/storeViews")
                .then().statusCode(404);
    }
}
