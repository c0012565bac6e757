package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.RETRIABLY_FAILED;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;
import io.catalogbulk.testsupport.TestTokens;

/**
 * status-service honours what ingest-service decides about tokens: a revocation (integration deleted, user
 * disabled) written to token_revocation stops a still-unexpired, validly signed token on the next request, on
 * every status route; tokens with "none" or an HMAC algorithm are refused.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class TokenRevocationTests {

    private static void revoke(int userType, int userId, Instant before) throws Exception {
        try (Connection c = TestEnvironment.connect(ServiceTestResource.DATABASE); PreparedStatement s = c.prepareStatement(
                "INSERT INTO token_revocation (user_type, user_id, revoked_before) VALUES (?, ?, ?)"
                        + " ON CONFLICT (user_type, user_id) DO UPDATE SET revoked_before = excluded.revoked_before")) {
            s.setInt(1, userType);
            s.setInt(2, userId);
            s.setObject(3, java.sql.Timestamp.from(before));
            s.executeUpdate();
        }
    }

    private static String token(int userId, Instant issuedAt) {
        return Jwt.issuer("catalog-bulk").subject(String.valueOf(userId)).upn("erp").claim("utp", StatusApi.INTEGRATION)
                .claim("acl", Set.of("Magento_Catalog::products")).issuedAt(issuedAt).claim("iatms", issuedAt.toEpochMilli())
                .expiresIn(Duration.ofHours(1)).sign(TestEnvironment.keys().pair().getPrivate());
    }

    @Test
    void aRevokedIntegrationTokenIsRefusedOnEveryStatusRouteAtOnce() throws Exception {
        int erp = BulkRows.freshUserId();
        UUID uuid = BulkRows.bulk(erp, StatusApi.INTEGRATION, COMPLETE, RETRIABLY_FAILED);
        String token = token(erp, Instant.now().minusSeconds(60));
        StatusApi.as(token).get("/rest/V1/bulk/" + uuid + "/status").then().statusCode(200);

        revoke(StatusApi.INTEGRATION, erp, Instant.now());

        for (String[] route : BulkAccessTests.routes(uuid.toString())) {
            var request = StatusApi.as(token);
            var response = route[0].equals("GET") ? request.get(route[1]) : request.contentType(ContentType.JSON).body("{}").post(route[1]);
            response.then().statusCode(401).body("message", equalTo(StatusApi.NOT_AUTHORIZED));
        }
        StatusApi.as(token).get("/rest/V1/bulk?searchCriteria[pageSize]=1").then().statusCode(401);
        // A token issued after the revocation (a user who signed in again) works.
        StatusApi.as(token(erp, Instant.now().plusMillis(5))).get("/rest/V1/bulk/" + uuid + "/status").then().statusCode(200);
        // Revoking one principal leaves another with the same id but another user type alone.
        StatusApi.as(TestTokens.token(erp, StatusApi.ADMIN, Set.of())).get("/rest/V1/bulk/" + UUID.randomUUID() + "/status")
                .then().statusCode(404);
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws Exception {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"catalog-bulk\",\"sub\":\"1\",\"upn\":\"admin\",\"utp\":2,\"acl\":[\"Magento_Backend::all\"],"
                + "\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
        // HS256 keyed with the public key: the classic confusion attack against verifiers that trust "alg".
        String hsHeader = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(java.nio.file.Files.readAllBytes(TestEnvironment.keys().publicKey()), "HmacSHA256"));
        String hsSignature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((hsHeader + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        for (String forged : List.of(header + "." + claims + ".", header + "." + claims, hsHeader + "." + claims + "." + hsSignature)) {
            StatusApi.as(forged).get("/rest/V1/bulk/" + UUID.randomUUID() + "/status").then().statusCode(401)
                    .body("message", equalTo(StatusApi.NOT_AUTHORIZED));
            StatusApi.as(forged).get("/rest/V1/bulk?searchCriteria[pageSize]=1").then().statusCode(401);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
