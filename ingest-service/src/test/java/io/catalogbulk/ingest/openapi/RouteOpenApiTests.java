package io.catalogbulk.ingest.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** The OpenAPI document is generated from the route declarations: sync, async and bulk variants. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class RouteOpenApiTests {

    @Test
    void everyRouteAppearsInItsThreeFamilies() {
        var json = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200);
        json.body("paths", hasKey("/rest/V1/products"))
                .body("paths", hasKey("/rest/V1/products/{sku}"))
                .body("paths", hasKey("/rest/async/V1/products/{sku}"))
                .body("paths", hasKey("/rest/async/bulk/V1/products/bySku"))
                .body("paths", hasKey("/rest/async/bulk/V1/customers"))
                .body("paths", not(hasKey("/rest/async/V1/integration/admin/token")))
                .body("paths.'/rest/async/V1/products/{sku}'.put.responses.'202'", notNullValue())
                // GET routes have no async variant.
                .body("paths.'/rest/async/V1/products/{sku}'.get", nullValue())
                .body("paths.'/rest/async/bulk/V1/products/bySku'.put.requestBody.content.'application/json'.schema.type",
                        equalTo("array"))
                .body("components.schemas", hasKey("CatalogDataProductInterface"))
                .body("components.schemas.CatalogDataProductInterface.properties.sku.type", equalTo("string"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
