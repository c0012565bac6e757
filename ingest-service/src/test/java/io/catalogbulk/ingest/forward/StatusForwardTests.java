package io.catalogbulk.ingest.forward;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * ingest-service with {@code catalog-bulk.forward.status-url} set (as bin/start runs it): the status routes of the
 * shared routing table go to status-service's address with method, path, query, headers and body intact, every
 * other route stays with ingest.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
@WithTestResource(StatusStub.class)
class StatusForwardTests {

    @BeforeEach
    void forget() {
        StatusStub.RECEIVED.clear();
    }

    @Test
    void aStatusRouteIsForwardedWithItsQueryAndHeaders() {
        given().urlEncodingEnabled(false).header("Authorization", "Bearer some-token").header("X-Custom", "kept")
                .get("/rest/V1/bulk/0b0e9c3c/status?a=1&b=x%20y")
                .then().statusCode(200).header("X-Status-Stub", "yes")
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/rest/V1/bulk/0b0e9c3c/status?a=1&b=x%20y"))
                .body("headers.authorization", equalTo("Bearer some-token"))
                .body("headers.x-custom", equalTo("kept"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", startsWith("localhost:"))
                .body("headers.x-forwarded-for", equalTo("127.0.0.1"));
    }

    @Test
    void storeScopedStatusRoutesAndSearchAreForwardedToo() {
        given().get("/rest/default/V1/bulk/0b0e9c3c/detailed-status").then().statusCode(200)
                .body("uri", equalTo("/rest/default/V1/bulk/0b0e9c3c/detailed-status"));
        given().urlEncodingEnabled(false).get("/rest/all/V1/bulk?searchCriteria%5Bpage_size%5D=5").then().statusCode(200)
                .body("uri", startsWith("/rest/all/V1/bulk?searchCriteria"));
        given().get("/rest/V1/bulk/0b0e9c3c/missing").then().statusCode(404).header("X-Status-Stub", "yes");
    }

    @Test
    void aLargeBodyIsStreamedBothWays() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(16).nextBytes(body);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        given().contentType(ContentType.BINARY).body(body).post("/rest/V1/bulk/0b0e9c3c/retry")
                .then().statusCode(200).body("method", equalTo("POST"))
                .body("body_length", equalTo(body.length)).body("body_sha256", equalTo(sha));
        byte[] answer = given().get("/rest/V1/bulk/0b0e9c3c/big").then().statusCode(200).extract().asByteArray();
        assertEquals(StatusStub.BIG_ANSWER_BYTES, answer.length);
    }

    @Test
    void otherRoutesStayWithIngest() {
        // Not status routes in the table: a bulk submission, a prefix that is not a whole element, and a store code
        // the table does not name: ingest answers them itself, as behind the chart's ingress.
        given().contentType(ContentType.JSON).body("[]").post("/rest/async/bulk/V1/products").then().statusCode(401);
        given().get("/rest/V1/bulkfoo").then().statusCode(404).header("X-Status-Stub", nullValue())
                .body("message", equalTo("Request does not match any route."));
        given().get("/rest/fr/V1/bulk/0b0e9c3c/status").then().statusCode(404).header("X-Status-Stub", nullValue())
                .body("message", equalTo("Request does not match any route."));
        given().get("/q/health/live").then().statusCode(200);
        assertTrue(StatusStub.RECEIVED.isEmpty(), StatusStub.RECEIVED::toString);
    }

    @Test
    void aStatusServiceThatDoesNotAnswerInTimeIs504InMagentosShape() {
        given().get("/rest/V1/bulk/0b0e9c3c/slow").then().statusCode(504)
                .body("message", equalTo("The status service did not answer in time. Retry later."))
                .body("parameters.size()", equalTo(0));
    }

    @Test
    void aStatusServiceThatIsDownIs502InMagentosShape() throws Exception {
        int port = StatusStub.port;
        StatusStub.halt();
        try {
            given().get("/rest/V1/bulk/0b0e9c3c/status").then().statusCode(502)
                    .body("message", equalTo("The status service is unavailable. Retry later."));
        } finally {
            StatusStub.serve(port);
        }
        given().get("/rest/V1/bulk/0b0e9c3c/status").then().statusCode(200);
    }
}
