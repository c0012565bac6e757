package io.catalogbulk.status.bulk;

import static io.restassured.RestAssured.given;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.awaitility.Awaitility;

import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import io.catalogbulk.testsupport.TestEnvironment;
import io.catalogbulk.testsupport.TestTokens;

/** What the status tests share: callers with their tokens and Magento error bodies (the run's queue is RunQueue). */
final class StatusApi {

    static final String BULK_LOG = "Magento_AsynchronousOperations::system_magento_logging_bulk_operations";
    static final String NOT_AUTHORIZED = "The consumer isn't authorized to access %resources.";
    static final String NOT_FOUND = "Bulk uuid %bulkUuid not exist";
    static final String INVALID_FIELD_VALUE = "Invalid value of \"%value\" provided for the %fieldName field.";
    static final String STORE_NOT_FOUND = "The store that was requested wasn't found. Verify the store and try again.";

    static final int INTEGRATION = TestTokens.INTEGRATION;
    static final int ADMIN = TestTokens.ADMIN;

    private StatusApi() {
    }

    /** The administrator (user 1, type 2, Magento_Backend::all): sees every bulk. */
    static RequestSpecification asAdmin() {
        return as(TestTokens.admin());
    }

    /** An integration user without any ACL resource: sees only its own bulks. */
    static RequestSpecification asIntegration(int userId) {
        return as(TestTokens.token(userId, INTEGRATION, Set.of()));
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    /** A token that is right in every way but has expired. */
    static String expiredToken() {
        return Jwt.issuer("catalog-bulk").subject("1").upn("test-user-1").claim("utp", ADMIN)
                .claim("acl", Set.of(TestTokens.ALL))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(TestEnvironment.keys().pair().getPrivate());
    }

    /** An admin token signed by a key the service does not know. */
    static String foreignToken() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer("catalog-bulk").subject("1").upn("test-user-1").claim("utp", ADMIN)
                    .claim("acl", Set.of(TestTokens.ALL)).expiresIn(Duration.ofHours(1))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An admin token from another issuer, signed with the right key. */
    static String otherIssuerToken() {
        return Jwt.issuer("someone-else").subject("1").upn("test-user-1").claim("utp", ADMIN)
                .claim("acl", Set.of(TestTokens.ALL)).expiresIn(Duration.ofHours(1))
                .sign(TestEnvironment.keys().pair().getPrivate());
    }

    /** Magento's 404 for an unknown bulk (or someone else's), exactly. */
    static String notFoundBody(String bulkUuid) {
        return "{\"message\": \"Bulk uuid %bulkUuid not exist\", \"parameters\": {\"bulkUuid\": \"" + bulkUuid + "\"}}";
    }

    /** Magento's 401 of the status routes, exactly. */
    static String notAuthorizedBody() {
        return "{\"message\": \"The consumer isn't authorized to access %resources.\", \"parameters\": {\"resources\": \""
                + BULK_LOG + "\"}}";
    }

    /** Waits until the service's publishing connection to RabbitMQ is open (it connects in the background). */
    static void awaitBrokerReady() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
