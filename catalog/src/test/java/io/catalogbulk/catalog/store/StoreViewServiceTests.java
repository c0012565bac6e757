package io.catalogbulk.catalog.store;

import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Store views: the migrated admin and default views, creating one whose code is usable at once, code rules. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class StoreViewServiceTests {

    @Test
    void adminAndDefaultExistAfterMigration() {
        get("/V1/store/storeViews").statusCode(200)
                .body("find { it.id == 0 }.code", equalTo("admin"))
                .body("find { it.id == 1 }.code", equalTo("default"))
                .body("find { it.id == 1 }.name", equalTo("Default Store View"))
                .body("find { it.id == 1 }.is_active", equalTo(1));
    }

    @Test
    void createAStoreViewAndUseItsCodeAtOnce() {
        String code = "fr_" + unique("x").substring(2).replace("-", "");
        post("/V1/store/storeViews", "{\"store\":{\"code\":\"" + code + "\",\"name\":\"French\"}}")
                .statusCode(200).body("code", equalTo(code)).body("website_id", equalTo(1))
                .body("store_group_id", equalTo(1));
        get("/V1/store/storeViews").body("code", hasItem(code));
        get("/" + code + "/V1/products/none").statusCode(404);
        post("/V1/store/storeViews", "{\"store\":{\"code\":\"" + code.toUpperCase() + "\",\"name\":\"Again\"}}")
                .statusCode(400).body("message", equalTo("Store with the same code already exists."));
    }

    @Test
    void reservedAndMalformedCodesAreRefused() {
        post("/V1/store/storeViews", "{\"store\":{\"code\":\"async\",\"name\":\"x\"}}")
                .statusCode(400).body("message", startsWith("The store code \"%code\" is reserved"));
        post("/V1/store/storeViews", "{\"store\":{\"code\":\"1abc\",\"name\":\"x\"}}")
                .statusCode(400).body("message", startsWith("The store code may contain only letters"));
        post("/V1/store/storeViews", "{\"store\":{\"code\":\"zz\",\"name\":\"x\",\"website_id\":7}}").statusCode(404);
    }
}
