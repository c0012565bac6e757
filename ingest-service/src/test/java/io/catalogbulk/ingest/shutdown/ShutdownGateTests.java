package io.catalogbulk.ingest.shutdown;

import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Once the shutdown started (the pre-shutdown event SIGTERM makes Quarkus fire, fired here by the test) and the
 * shutdown delay has passed, every new request is answered 503 with Retry-After in Magento's shape, its connection
 * closed, and nothing is stored; during the delay requests are still taken. An application of its own (test
 * profile): the gate does not open again.
 */
@QuarkusTest
@TestProfile(ShutdownGateTests.ShortDelay.class)
@WithTestResource(ServiceTestResource.class)
class ShutdownGateTests {

    static final long DELAY_MILLIS = 4_000;

    public static class ShortDelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.shutdown.delay", DELAY_MILLIS + "ms", "catalog-bulk.ingest.shutdown-retry-after", "7s");
        }
    }

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownStarted;

    @Inject
    ShutdownGate gate;

    static String product(String sku) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"n\",\"price\":1,\"attribute_set_id\":4,\"type_id\":\"simple\"}}";
    }

    @Test
    void afterTheDelayNewRequestsGet503WithRetryAfterAndNothingIsStored() throws Exception {
        // This application's own token: a cached one may come from another test application's key.
        String token = given().contentType(ContentType.JSON).body("{\"username\":\"admin\",\"password\":\"admin123\"}")
                .post("/rest/V1/integration/admin/token").then().statusCode(200).extract().as(String.class);
        RequestSpecification admin = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);

        String before = unique("gate-before");
        admin.body("[" + product(before) + "]").post("/rest/async/bulk/V1/products").then().statusCode(202);
        assertTrue(!gate.refusing());

        long started = System.nanoTime();
        shutdownStarted.fire(new ShutdownDelayInitiatedEvent());
        // Within the delay (load balancers still send traffic): taken as usual.
        String during = unique("gate-during");
        Response taken = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("[" + product(during) + "]").post("/rest/async/bulk/V1/products");
        long answeredAfter = (System.nanoTime() - started) / 1_000_000;
        if (answeredAfter < DELAY_MILLIS) {
            assertEquals(202, taken.statusCode(), "within the delay, answered after " + answeredAfter + " ms");
        }
        Thread.sleep(Math.max(0, DELAY_MILLIS + 200 - (System.nanoTime() - started) / 1_000_000));
        assertTrue(gate.refusing());

        String after = unique("gate-after");
        for (String[] request : new String[][] {
                {"POST", "/rest/async/bulk/V1/products", "[" + product(after) + "]"},
                {"POST", "/rest/async/V1/products", product(after)},
                {"POST", "/rest/V1/products", product(after)},
                {"POST", "/rest/default/V1/products", product(after)},
                {"GET", "/rest/V1/products/" + after, null},
                {"POST", "/rest/V1/integration/admin/token", "{\"username\":\"admin\",\"password\":\"admin123\"}"}}) {
            RequestSpecification spec = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
            if (request[2] != null) {
                spec.body(request[2]);
            }
            spec.request(request[0], request[1]).then()
                    .statusCode(503)
                    .header("Retry-After", "7")
                    .header("Connection", equalToIgnoringCase("close"))
                    .contentType(ContentType.JSON)
                    .body("message", equalTo(ShutdownGate.MESSAGE))
                    .body("$", not(hasKey("trace")));
        }
        // Probes keep their real answers.
        given().get("/q/health/live").then().statusCode(200);

        assertEquals(1, count("SELECT count(*) FROM operation WHERE serialized_data LIKE ?", "%" + before + "%"));
        assertEquals(0, count("SELECT count(*) FROM operation WHERE serialized_data LIKE ?", "%" + after + "%"));
        assertEquals(0, count("SELECT count(*) FROM catalog_product WHERE sku LIKE ?", after + "%"));
    }
}
