package io.catalogbulk.ingest.webapi;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.adminToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Whole-request failures: every one is a 4xx in Magento's error shape. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class RoutingAndInputTests {

    @Test
    void unknownRouteIs404() {
        asAdmin().get("/rest/V1/nothing/here").then().statusCode(404)
                .body("message", equalTo("Request does not match any route."));
        asAdmin().get("/rest/V2/products").then().statusCode(404);
        asAdmin().get("/rest").then().statusCode(404);
    }

    @Test
    void undeclaredMethodIs404() {
        asAdmin().body("{}").patch("/rest/V1/products/x").then().statusCode(404)
                .body("message", equalTo("Request does not match any route."));
    }

    @Test
    void getOnAsyncOrBulkRouteIs400() {
        asAdmin().get("/rest/async/V1/products/abc").then().statusCode(400)
                .body("message", equalTo("Specified request cannot be processed."));
        asAdmin().get("/rest/async/bulk/V1/products/bySku").then().statusCode(400)
                .body("message", equalTo("Specified request cannot be processed."));
        // Answered before route matching, as Magento's async processors do: a sync-style path, an unknown one,
        // a store-scoped one, and without a token (no processor takes the request, so nothing authenticates it).
        asAdmin().get("/rest/async/bulk/V1/products/MS-Champ-S").then().statusCode(400)
                .body("message", equalTo("Specified request cannot be processed."));
        asAdmin().get("/rest/async/V1/nothing/here").then().statusCode(400)
                .body("message", equalTo("Specified request cannot be processed."));
        asAdmin().get("/rest/default/async/bulk/V1/products/bySku").then().statusCode(400)
                .body("message", equalTo("Specified request cannot be processed."));
        given().get("/rest/async/bulk/V1/products/MS-Champ-S").then().statusCode(400)
                .body("message", equalTo("Specified request cannot be processed."));
    }

    @Test
    void tokenRouteHasNoAsyncVariant() {
        given().contentType(ContentType.JSON).body("{\"username\":\"admin\",\"password\":\"admin123\"}")
                .post("/rest/async/V1/integration/admin/token").then().statusCode(404);
    }

    @Test
    void unknownStoreCodeIs400NamingTheStore() {
        asAdmin().get("/rest/nosuchstore/V1/products/abc").then().statusCode(400)
                .body("message", equalTo("The store that was requested wasn't found. Verify the store and try again."));
        asAdmin().body("[]").post("/rest/nosuchstore/async/bulk/V1/products").then().statusCode(400)
                .body("message", containsString("store that was requested"));
    }

    @Test
    void brokenJsonIsADecodingError() {
        asAdmin().body("{\"product\": {\"sku\": ").post("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("Decoding error."))
                .body("parameters", hasKey("reason"));
        asAdmin().body("[{\"product\": ").post("/rest/async/bulk/V1/products").then().statusCode(400)
                .body("message", equalTo("Decoding error."));
        asAdmin().body("{\"a\":1}{\"b\":2}").post("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("Decoding error."));
    }

    @Test
    void duplicateKeysAreRefused() {
        asAdmin().body("{\"product\": {\"sku\": \"a\", \"sku\": \"b\", \"name\": \"n\", \"price\": 1}}")
                .post("/rest/V1/products").then().statusCode(400).body("message", equalTo("Decoding error."));
    }

    @Test
    void invalidUtf8IsADecodingError() {
        byte[] body = {'{', '"', 'p', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        asAdmin().body(body).post("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("Decoding error."));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"product\":" + "[".repeat(200) + "]".repeat(200) + "}";
        asAdmin().body(deep).post("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("Decoding error."));
    }

    @Test
    void wrongOrMissingContentTypeIs400() {
        given().header("Authorization", "Bearer " + adminToken()).contentType("text/plain").body("{}")
                .post("/rest/V1/products").then().statusCode(400)
                .body("message", equalTo("Server cannot understand Content-Type HTTP header media type %1"))
                .body("parameters[0]", equalTo("text/plain"));
    }

    @Test
    void missingContentTypeIs400() throws Exception {
        // rest-assured always sends a Content-Type, so this one goes out raw.
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/rest/async/bulk/V1/products"))
                .header("Authorization", "Bearer " + adminToken())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("[]")).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(400, response.statusCode());
        org.junit.jupiter.api.Assertions.assertEquals("{\"message\":\"Content-Type header is empty.\"}", response.body());
    }

    @Test
    void bodyOverTheLimitIsStoppedWhileStreaming() {
        // Many small values: no single string trips the string-length limit, the byte count does.
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 60_000; i++) {
            items.append(i == 0 ? "" : ",").append("{\"product\":{\"sku\":\"s").append(i).append("\",\"name\":\"nnnnnnnnnnnn\",\"price\":1}}");
        }
        byte[] body = items.append("]").toString().getBytes();
        // Chunked (no Content-Length), so the limit is enforced on the bytes actually read.
        asAdmin().body(new java.io.ByteArrayInputStream(body)).post("/rest/async/bulk/V1/products").then().statusCode(413)
                .body("message", startsWith("The request body exceeds the limit of %limit bytes."));
    }

    @Test
    void bodyOverTheLimitIs413() {
        String huge = "{\"product\":{\"sku\":\"big\",\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}";
        asAdmin().body(huge).post("/rest/V1/products").then().statusCode(413)
                .body("message", startsWith("The request body exceeds the limit of %limit bytes."));
    }

    @Test
    void nonObjectBodyOnASyncRouteIs400() {
        asAdmin().body("[1,2]").post("/rest/V1/products").then().statusCode(400)
                .body("message", startsWith("A JSON object is expected"));
    }

    @Test
    void healthIsUpWithDatabaseAndBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("RabbitMQ publisher", "Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
