package io.catalogbulk.ingest.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.webapi.WebapiException;

/** The header's forms and the request hash: method, path, store and every body byte count, and only they. */
class IdempotentRequestTest {

    private static final Caller ADMIN = new Caller(1, UserType.ADMIN);

    @Test
    void theKeyIsAStructuredFieldStringOrABareToken() {
        assertEquals("abc", IdempotentRequest.parseKey("\"abc\""));
        assertEquals("a\"b\\c", IdempotentRequest.parseKey("\"a\\\"b\\\\c\""));
        assertEquals("8e03978e-40d5-43e8-bc93-6894a57f9324", IdempotentRequest.parseKey(" 8e03978e-40d5-43e8-bc93-6894a57f9324 "));
        assertEquals(255, IdempotentRequest.parseKey("k".repeat(255)).length());
        for (String bad : new String[] {"", "\"\"", "k".repeat(256), "tab\there", "\"a\"b\"", "\"a\\x\""}) {
            WebapiException e = assertThrows(WebapiException.class, () -> IdempotentRequest.parseKey(bad), bad);
            assertEquals(400, e.status());
        }
    }

    private static byte[] hash(String method, String path, StoreScope scope, String body, int readFirst) throws Exception {
        IdempotentRequest request = IdempotentRequest.of("k", method, path, 1 << 20);
        InputStream in = request.wrap(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        in.readNBytes(readFirst);
        return request.key(ADMIN, scope, Duration.ofHours(1)).requestHash();
    }

    @Test
    void theHashCoversMethodPathStoreAndTheWholeBody() throws Exception {
        StoreScope implicit = StoreScope.implicit(1);
        byte[] base = hash("PUT", "/async/bulk/V1/products/bySku", implicit, "[1]  ", 3);
        assertArrayEquals(base, hash("PUT", "/async/bulk/V1/products/bySku", implicit, "[1]  ", 0), "unread bytes are drained");
        assertFalse(Arrays.equals(base, hash("POST", "/async/bulk/V1/products/bySku", implicit, "[1]  ", 3)));
        assertFalse(Arrays.equals(base, hash("PUT", "/async/bulk/V1/products", implicit, "[1]  ", 3)));
        assertFalse(Arrays.equals(base, hash("PUT", "/async/bulk/V1/products/bySku", StoreScope.all(), "[1]  ", 3)));
        assertFalse(Arrays.equals(base, hash("PUT", "/async/bulk/V1/products/bySku", implicit, "[1] ", 3)));
    }

    @Test
    void guestsHaveNoKeys() {
        IdempotentRequest request = IdempotentRequest.of("k", "POST", "/async/V1/guest-carts", 1024);
        WebapiException e = assertThrows(WebapiException.class,
                () -> request.key(new Caller(null, UserType.GUEST), StoreScope.all(), Duration.ofHours(1)));
        assertEquals(400, e.status());
    }
}
