package io.catalogbulk.status.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.catalogbulk.testsupport.WebhookReceiver;

/** Our signatures against the Standard Webhooks reference vector, and against the tests' independent verifier. */
class SignatureTest {

    @Test
    void reproducesTheReferenceImplementationsTestVector() {
        // The vector the Standard Webhooks / svix libraries test their own signing with.
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, body));
    }

    @Test
    void aNewSecretIsWhsecAndBase64OfThirtyTwoRandomBytesAndVerifies() {
        String secret = Signature.newSecret();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        long now = Instant.now().getEpochSecond();
        byte[] body = "{\"type\":\"bulk.finished\"}".getBytes(StandardCharsets.UTF_8);
        String header = Signature.sign(secret, "msg_1", now, body);
        assertNull(WebhookReceiver.verify(secret, "msg_1", Long.toString(now), header, body));
        assertNotNull(WebhookReceiver.verify(Signature.newSecret(), "msg_1", Long.toString(now), header, body), "another secret");
        assertNotNull(WebhookReceiver.verify(secret, "msg_1", Long.toString(now), header, "{}".getBytes(StandardCharsets.UTF_8)),
                "another body");
        assertNotNull(WebhookReceiver.verify(secret, "msg_1", Long.toString(now - 3600), Signature.sign(secret, "msg_1", now - 3600, body),
                body), "an hour old: outside the tolerance");
    }
}
