package io.catalogbulk.worker.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** The worker's only HTTP surface: health for Kubernetes probes, and metrics. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class HealthTests {

    @Test
    void readyWhenTheDatabaseAndTheBrokerAreReachable() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks", not(empty()))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void live() {
        given().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void metricsAreServed() {
        given().get("/q/metrics").then().statusCode(200);
    }
}
