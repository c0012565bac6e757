package io.catalogbulk.ingest.security;

import static io.catalogbulk.ingest.security.SecurityApi.PRODUCTS;
import static io.catalogbulk.ingest.security.SecurityApi.product;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.OAuth1Signer;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Magento's integration credentials and OAuth 1.0a signed requests, through HTTP, signed by a client-side signer
 * that shares no code with the verifier (translating Magento's api-functional OAuth tests: a signed request is
 * served, a wrong signature, a replayed nonce or an old timestamp is refused, a deleted integration is refused).
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class OAuthIntegrationTests {

    record Credentials(int id, String name, OAuth1Signer signer, String accessToken) {
    }

    private static Credentials integration() {
        String name = unique("oauth");
        JsonPath created = asAdmin()
                .body("{\"integration\": {\"name\": \"" + name + "\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200).extract().jsonPath();
        OAuth1Signer signer = new OAuth1Signer(created.getString("consumer_key"), created.getString("consumer_secret"),
                created.getString("access_token"), created.getString("access_token_secret"));
        return new Credentials(created.getInt("id"), name, signer, created.getString("access_token"));
    }

    /** The URL as the client sends it: rest-assured's base URI and the test port. */
    private static String url(String pathAndQuery) {
        return RestAssured.baseURI + ":" + RestAssured.port + pathAndQuery;
    }

    private static ValidatableResponse get(String pathAndQuery, String authorization) {
        return given().urlEncodingEnabled(false).header("Authorization", authorization).get(pathAndQuery).then();
    }

    private static String createProduct() {
        String sku = unique("oauth-sku");
        asAdmin().body(product(sku)).post("/rest/V1/products").then().statusCode(200);
        return sku;
    }

    @Test
    void creationAnswersTheFourCredentialsOnceAndStoresNoSecretInClear() throws Exception {
        Credentials erp = integration();
        for (String value : List.of(erp.signer().consumerKey(), erp.signer().consumerSecret(), erp.signer().tokenSecret())) {
            assertTrue(value.matches("[a-z0-9]{32}"), value);
        }
        // The list never shows them again.
        String list = asAdmin().get("/rest/V1/integrations").asString();
        assertFalse(list.contains(erp.signer().consumerSecret()) || list.contains(erp.signer().tokenSecret())
                || list.contains(erp.accessToken()));
        try (Connection c = IngestTestSupport.db(); PreparedStatement s = c.prepareStatement(
                "SELECT consumer_key, consumer_secret_enc, token_sha256, token_secret_enc FROM integration_oauth WHERE integration_id = ?")) {
            s.setInt(1, erp.id());
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(erp.signer().consumerKey(), rs.getString(1));
                String row = rs.getString(2) + rs.getString(3) + rs.getString(4);
                assertFalse(row.contains(erp.signer().consumerSecret()) || row.contains(erp.signer().tokenSecret())
                        || row.contains(erp.accessToken()), "secrets and the token are stored encrypted or hashed");
            }
        }
    }

    @Test
    void signedRequestsAreServedWithHmacSha256AndHmacSha1IncludingTheirQuery() {
        Credentials erp = integration();
        String sku = createProduct();
        String path = "/rest/V1/products/" + sku;
        get(path, erp.signer().header("GET", url(path), "HMAC-SHA256")).statusCode(200).body("sku", equalTo(sku));
        get(path, erp.signer().header("GET", url(path), "HMAC-SHA1")).statusCode(200).body("sku", equalTo(sku));

        // searchCriteria with its brackets encoded, as Magento clients send it: the query is part of what is signed.
        String search = "/rest/V1/products?searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=sku"
                + "&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=" + sku + "&searchCriteria%5Bpage_size%5D=5";
        get(search, erp.signer().header("GET", url(search), "HMAC-SHA256")).statusCode(200).body("total_count", equalTo(1));
        // The same signature over a changed query no longer holds.
        String header = erp.signer().header("GET", url(search), "HMAC-SHA256");
        get(search.replace("page_size%5D=5", "page_size%5D=6"), header).statusCode(401);
    }

    @Test
    void signedAsyncAndBulkRequestsAreAcceptedAsTheIntegrations() {
        Credentials erp = integration();
        String async = "/rest/async/V1/products";
        given().header("Authorization", erp.signer().header("POST", url(async), "HMAC-SHA256")).contentType(ContentType.JSON)
                .body(product(unique("oauth-async"))).post(async).then().statusCode(202).body("errors", equalTo(false));
        String bulk = "/rest/async/bulk/V1/products";
        String uuid = given().header("Authorization", erp.signer().header("POST", url(bulk), "HMAC-SHA256"))
                .contentType(ContentType.JSON).body("[" + product(unique("oauth-bulk")) + "]").post(bulk)
                .then().statusCode(202).extract().path("bulk_uuid");
        // The bulk is the integration's own (user type 1, its id).
        try (Connection c = IngestTestSupport.db(); PreparedStatement s = c.prepareStatement(
                "SELECT user_id, user_type FROM bulk WHERE uuid = ?::uuid")) {
            s.setString(1, uuid);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(erp.id(), rs.getInt(1));
                assertEquals(1, rs.getInt(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReplayedNonceIsRefused() {
        Credentials erp = integration();
        String sku = createProduct();
        String path = "/rest/V1/products/" + sku;
        String header = erp.signer().header("GET", url(path), "HMAC-SHA256");
        get(path, header).statusCode(200);
        get(path, header).statusCode(401).contentType(ContentType.JSON)
                .body("message", equalTo(SecurityApi.NOT_AUTHORIZED)).body("parameters.resources", equalTo(PRODUCTS));
    }

    @Test
    void aWrongSignatureAnUnknownConsumerOrAnOldTimestampIsMagentos401() {
        Credentials erp = integration();
        String sku = createProduct();
        String path = "/rest/V1/products/" + sku;
        OAuth1Signer s = erp.signer();
        List<String> refused = List.of(
                new OAuth1Signer(s.consumerKey(), "wrong-secret", s.token(), s.tokenSecret()).header("GET", url(path), "HMAC-SHA256"),
                new OAuth1Signer(s.consumerKey(), s.consumerSecret(), s.token(), "wrong").header("GET", url(path), "HMAC-SHA1"),
                new OAuth1Signer("unknownconsumerkey", s.consumerSecret(), s.token(), s.tokenSecret()).header("GET", url(path), "HMAC-SHA256"),
                s.header("GET", url(path), "HMAC-SHA256", System.currentTimeMillis() / 1000 - 3600, "old-nonce"),
                s.header("GET", url(path), "HMAC-SHA256", System.currentTimeMillis() / 1000 + 3600, "future-nonce"),
                s.header("POST", url(path), "HMAC-SHA256"),
                s.header("GET", url(path), "HMAC-SHA256").replace("HMAC-SHA256", "PLAINTEXT"));
        for (String header : refused) {
            get(path, header).statusCode(401).contentType(ContentType.JSON)
                    .body("message", equalTo(SecurityApi.NOT_AUTHORIZED)).body("parameters.resources", equalTo(PRODUCTS));
        }
        // A refused signature does not use up its nonce: only a verified request records one.
        long now = System.currentTimeMillis() / 1000;
        String nonce = unique("nonce");
        get(path, new OAuth1Signer(s.consumerKey(), "wrong-secret", s.token(), s.tokenSecret())
                .header("GET", url(path), "HMAC-SHA256", now, nonce)).statusCode(401);
        get(path, s.header("GET", url(path), "HMAC-SHA256", now, nonce)).statusCode(200);
    }

    @Test
    void theUrlIsTheOneTheClientSawBehindAnIngress() {
        Credentials erp = integration();
        String sku = createProduct();
        String path = "/rest/V1/products/" + sku;
        String seenByClient = "https://shop.example.com" + path;
        given().header("Authorization", erp.signer().header("GET", seenByClient, "HMAC-SHA256"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "shop.example.com")
                .header("X-Forwarded-Port", "443").get(path).then().statusCode(200);
        given().header("Authorization", erp.signer().header("GET", "https://shop.example.com:8443" + path, "HMAC-SHA256"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "shop.example.com:8443").get(path)
                .then().statusCode(200);
        // Without the ingress's headers the service sees another URL, so the signature does not hold.
        given().header("Authorization", erp.signer().header("GET", seenByClient, "HMAC-SHA256")).get(path).then().statusCode(401);
    }

    @Test
    void deletingTheIntegrationStopsOAuthAndBearerAtOnce() {
        Credentials erp = integration();
        String sku = createProduct();
        String path = "/rest/V1/products/" + sku;
        get(path, erp.signer().header("GET", url(path), "HMAC-SHA256")).statusCode(200);
        SecurityApi.as(erp.accessToken()).get(path).then().statusCode(200);

        asAdmin().delete("/rest/V1/integrations/" + erp.id()).then().statusCode(200);

        get(path, erp.signer().header("GET", url(path), "HMAC-SHA256")).statusCode(401)
                .body("message", equalTo(SecurityApi.NOT_AUTHORIZED));
        SecurityApi.as(erp.accessToken()).get(path).then().statusCode(401);
    }
}
