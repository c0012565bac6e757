package io.catalogbulk.status.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Health, and the OpenAPI document of the status routes. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ServiceEndpointsTests {

    @Test
    void isLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyWithDatabaseAndBroker() {
        // The publishing connection is opened in the background at start.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("RabbitMQ publisher"))
                .body("checks.find { it.name == 'RabbitMQ publisher' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'RabbitMQ publisher' }.data.queue",
                        equalTo(ServiceTestResource.brokerNames().queue()))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiListsTheBulkRoutes() {
        var json = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200);
        json.body("info.title", equalTo("Catalog Bulk API: status"))
                .body("paths", hasKey("/rest/V1/bulk"))
                .body("paths", hasKey("/rest/V1/bulk/{bulkUuid}/status"))
                .body("paths", hasKey("/rest/V1/bulk/{bulkUuid}/detailed-status"))
                .body("paths", hasKey("/rest/V1/bulk/{bulkUuid}/operation-status/{status}"))
                .body("paths", hasKey("/rest/V1/bulk/{bulkUuid}/retry"))
                .body("paths", hasKey("/rest/V1/bulk/{bulkUuid}/acknowledge"))
                .body("paths", hasKey("/rest/{store}/V1/bulk/{bulkUuid}/status"))
                .body("paths.'/rest/V1/bulk'.get", notNullValue())
                .body("paths.'/rest/V1/bulk/{bulkUuid}/status'.get", notNullValue())
                .body("paths.'/rest/V1/bulk/{bulkUuid}/detailed-status'.get", notNullValue())
                .body("paths.'/rest/V1/bulk/{bulkUuid}/operation-status/{status}'.get", notNullValue())
                .body("paths.'/rest/V1/bulk/{bulkUuid}/retry'.post", notNullValue())
                .body("paths.'/rest/V1/bulk/{bulkUuid}/acknowledge'.post", notNullValue())
                .body("components.securitySchemes", hasKey("bearerAuth"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
