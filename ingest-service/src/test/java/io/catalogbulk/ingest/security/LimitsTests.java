package io.catalogbulk.ingest.security;

import static io.catalogbulk.ingest.security.SecurityApi.PRODUCTS;
import static io.catalogbulk.ingest.security.SecurityApi.as;
import static io.catalogbulk.ingest.security.SecurityApi.product;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Per-principal limits with small values: request rate and open operations answer 429 with Retry-After. */
@QuarkusTest
@TestProfile(LimitsTests.SmallLimits.class)
@WithTestResource(ServiceTestResource.class)
class LimitsTests {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // One request per 100 s after a burst of 10: no refill during the test, however slow the machine.
                    "catalog-bulk.security.rate-limit-per-second", "0.01",
                    "catalog-bulk.security.rate-limit-burst", "10",
                    "catalog-bulk.security.max-open-operations", "5",
                    "catalog-bulk.ingest.max-string-length", "1000");
        }
    }

    @Test
    void aPrincipalOverItsRequestRateGets429WithRetryAfterWhileOthersGoOn() {
        SecurityApi.Integration busy = SecurityApi.integration("busy", PRODUCTS);
        int refused = 0;
        Response last = null;
        for (int i = 0; i < 14; i++) {
            Response response = as(busy.token()).get("/rest/V1/products/" + unique("none"));
            if (response.statusCode() == 429) {
                refused++;
                last = response;
            } else {
                assertEquals(404, response.statusCode());
            }
        }
        assertEquals(4, refused, "14 requests against a burst of 10");
        assertEquals("100", last.header("Retry-After"));
        last.then().body("message", equalTo("Too many requests: the limit is %limit requests per second. Retry later."))
                .body("parameters.limit", equalTo(0.01f));
        // Another principal has a bucket of its own.
        SecurityApi.Integration calm = SecurityApi.integration("calm", PRODUCTS);
        as(calm.token()).get("/rest/V1/products/" + unique("none")).then().statusCode(404);
    }

    @Test
    void aPrincipalWithTooManyOpenOperationsGets429NamingTheLimitAndNothingIsStored() throws Exception {
        SecurityApi.Integration erp = SecurityApi.integration("erp", PRODUCTS);
        StringBuilder four = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            four.append(i == 0 ? "" : ",").append(product(unique("open")));
        }
        four.append("]");
        as(erp.token()).body(four.toString()).post("/rest/async/bulk/V1/products").then().statusCode(202);
        // Nothing consumes this run's queue: the four stay open. Two more would make six, over the limit of five.
        Response refused = as(erp.token()).body("[" + product(unique("a")) + "," + product(unique("b")) + "]")
                .post("/rest/async/bulk/V1/products");
        refused.then().statusCode(429)
                .body("parameters.limit", equalTo(5))
                .body("parameters.open", equalTo(4));
        assertEquals("10", refused.header("Retry-After"));
        assertEquals(1, count("select count(*) from bulk where user_type = 1 and user_id = ?", erp.id()));
        // One more fits exactly.
        as(erp.token()).body(product(unique("c"))).post("/rest/async/V1/products").then().statusCode(202);
    }

    @Test
    void aStringOverTheLimitIs413NamingIt() {
        asAdmin().body("{\"product\": {\"sku\": \"" + "x".repeat(1001) + "\"}}").post("/rest/async/V1/products").then()
                .statusCode(413)
                .body("message", equalTo("A string value in the request exceeds the limit of %limit characters."))
                .body("parameters.limit", equalTo(1000));
    }
}
