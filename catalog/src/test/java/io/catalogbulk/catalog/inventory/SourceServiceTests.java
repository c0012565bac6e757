package io.catalogbulk.catalog.inventory;

import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Magento's SourceRepositoryInterface: save (an upsert by code) and get; "default" always exists. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class SourceServiceTests {

    @Test
    void saveThenGetAndUpdate() {
        String code = unique("eu").replace("-", "_");
        post("/V1/inventory/sources", "{\"source\":{\"source_code\":\"" + code + "\",\"name\":\"Europe 1\",\"enabled\":true,"
                + "\"country_id\":\"DE\",\"postcode\":\"10115\",\"latitude\":52.5}}").statusCode(200).body("", hasSize(0));
        get("/V1/inventory/sources/" + code).statusCode(200)
                .body("source_code", equalTo(code)).body("name", equalTo("Europe 1")).body("enabled", equalTo(true))
                .body("country_id", equalTo("DE")).body("latitude", equalTo(52.5f));
        post("/V1/inventory/sources", "{\"source\":{\"source_code\":\"" + code + "\",\"name\":\"Europe One\",\"enabled\":false}}")
                .statusCode(200);
        get("/V1/inventory/sources/" + code).statusCode(200)
                .body("name", equalTo("Europe One")).body("enabled", equalTo(false)).body("postcode", equalTo("10115"));
        get("/V1/inventory/sources/default").statusCode(200).body("name", equalTo("Default Source"));
    }

    @Test
    void invalidSourcesAndUnknownCodes() {
        post("/V1/inventory/sources", "{\"source\":{\"source_code\":\"has space\",\"name\":\"\"}}").statusCode(400)
                .body("message", equalTo("Validation Failed"))
                .body("errors[0].message", equalTo("\"%field\" can not contain whitespaces."))
                .body("errors[1].parameters.field", equalTo("name"));
        get("/V1/inventory/sources/no-such-source").statusCode(404)
                .body("message", equalTo("Source with code \"%value\" does not exist."))
                .body("parameters.value", equalTo("no-such-source"));
    }
}
