package io.catalogbulk.ingest.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.ingest.RouteTableProducer;
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

    /** Both documents are one walk of the declarations: every async and bulk operation reads the same in each. */
    @Test
    void itsAsyncAndBulkOperationsAreThoseOfTheAsyncSchema() throws Exception {
        JsonNode served = Json.MAPPER.readTree(given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        ObjectNode async = AsyncSchema.document(RouteTableProducer.routes(), "/rest");
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = async.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                assertEquals(method.getValue(), served.path("paths").path("/rest" + path.getKey()).path(method.getKey()),
                        method.getKey() + " " + path.getKey());
                operations++;
            }
        }
        assertTrue(operations > 50, operations + " operations compared");
        for (Iterator<Map.Entry<String, JsonNode>> schemas = async.at("/components/schemas").fields(); schemas.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = schemas.next();
            assertEquals(schema.getValue(), served.at("/components/schemas").path(schema.getKey()), schema.getKey());
        }
        assertEquals(async.at("/components/securitySchemes/bearerAuth"), served.at("/components/securitySchemes/bearerAuth"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
