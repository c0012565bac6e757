package io.catalogbulk.ingest.security;

import static io.catalogbulk.ingest.security.SecurityApi.NOT_AUTHORIZED;
import static io.catalogbulk.ingest.security.SecurityApi.PRODUCTS;
import static io.catalogbulk.ingest.security.SecurityApi.as;
import static io.catalogbulk.ingest.security.SecurityApi.product;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * ingest-service refuses every token it did not issue as it is: expired, signed by another key, of another
 * issuer, unsigned ("none"), HMAC-signed with the public key; on sync, async and bulk routes alike. Nothing it
 * logs meanwhile holds a token or a password.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ForgedTokenTests {

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> forgedTokens() throws Exception {
        List<String> tokens = new ArrayList<>();
        tokens.add(Jwt.issuer("catalog-bulk").subject("1").upn("admin").claim("utp", 2).claim("acl", Set.of("Magento_Backend::all"))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(TestEnvironment.keys().pair().getPrivate()));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        tokens.add(Jwt.issuer("catalog-bulk").subject("1").upn("admin").claim("utp", 2).claim("acl", Set.of("Magento_Backend::all"))
                .expiresIn(Duration.ofHours(1)).sign(generator.generateKeyPair().getPrivate()));
        tokens.add(Jwt.issuer("someone-else").subject("1").upn("admin").claim("utp", 2).claim("acl", Set.of("Magento_Backend::all"))
                .expiresIn(Duration.ofHours(1)).sign(TestEnvironment.keys().pair().getPrivate()));
        String claims = b64("{\"iss\":\"catalog-bulk\",\"sub\":\"1\",\"upn\":\"admin\",\"utp\":2,\"acl\":[\"Magento_Backend::all\"],"
                + "\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
        tokens.add(b64("{\"alg\":\"none\"}") + "." + claims + ".");
        String hs = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(java.nio.file.Files.readAllBytes(TestEnvironment.keys().publicKey()), "HmacSHA256"));
        tokens.add(hs + "." + claims + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((hs + "." + claims).getBytes(StandardCharsets.US_ASCII))));
        // A valid token with one claim changed: the signature no longer matches.
        String valid = IngestTestSupport.adminToken();
        String[] parts = valid.split("\\.");
        tokens.add(parts[0] + "." + claims + "." + parts[2]);
        return tokens;
    }

    @Test
    void forgedExpiredAndUnsignedTokensAreRefusedOnSyncAsyncAndBulkRoutes() throws Exception {
        for (String token : forgedTokens()) {
            String sku = unique("forged");
            as(token).get("/rest/V1/products/" + sku).then().statusCode(401)
                    .body("message", equalTo(NOT_AUTHORIZED)).body("parameters.resources", equalTo(PRODUCTS));
            as(token).body(product(sku)).post("/rest/async/V1/products").then().statusCode(401);
            as(token).body("[" + product(sku) + "]").post("/rest/async/bulk/V1/products").then().statusCode(401);
            as(token).get("/rest/V1/integrations").then().statusCode(401);
        }
    }

    @Test
    void logLinesNeverHoldTokensOrPasswords() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // Everything reaches the root handler; our own code logs at DEBUG too while the test runs.
        Logger root = Logger.getLogger("");
        Logger ours = Logger.getLogger("io.catalogbulk");
        java.util.logging.Level level = ours.getLevel();
        root.addHandler(capture);
        ours.setLevel(java.util.logging.Level.FINE);
        String password = "Logged-Never-" + unique("p");
        String token = IngestTestSupport.adminToken();
        try {
            SecurityApi.signInStatus("/rest/V1/integration/admin/token", "admin", password);
            SecurityApi.signInStatus("/rest/V1/integration/customer/token", unique("c") + "@example.com", password);
            IngestTestSupport.asAdmin().body("{\"customer\": {\"email\": \"" + unique("l") + "@example.com\", \"firstname\": \"A\","
                    + " \"lastname\": \"B\"}, \"password\": \"" + password + "\"}").post("/rest/async/V1/customers").then().statusCode(202);
            as(token.substring(0, token.length() - 4) + "AAAA").get("/rest/V1/products/x").then().statusCode(401);
        } finally {
            root.removeHandler(capture);
            ours.setLevel(level);
        }
        // The capture works: the refused token was logged (at DEBUG), by reason only.
        org.junit.jupiter.api.Assertions.assertTrue(lines.stream().anyMatch(l -> l.contains("Token rejected")), lines::toString);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        for (String line : lines) {
            assertFalse(line.contains(password), "password in a log line: " + line);
            assertFalse(line.contains(signature), "token in a log line: " + line);
        }
    }
}
