package io.catalogbulk.ingest.body;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Request bodies must be well-formed UTF-8: overlong forms, surrogates and stray bytes are a 400 and store nothing. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class StrictUtf8Tests {

    static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static byte[] readAll(byte[] input) throws IOException {
        try (StrictUtf8InputStream in = new StrictUtf8InputStream(new ByteArrayInputStream(input))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[3]; // small reads: sequences cross buffer boundaries
            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    @Test
    void wellFormedUtf8PassesUnchanged() throws IOException {
        byte[] text = "{\"name\":\"Kaffee café 咖啡 😀 \u0000 \uFFFD \uD7FF \uE000 \uDBFF\uDFFF\"}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(text, readAll(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "C0AF",       // overlong '/'
        "C1BF",       // overlong
        "E080AF",     // overlong 3-byte
        "F08080AF",   // overlong 4-byte
        "EDA080",     // surrogate U+D800
        "EDBFBF",     // surrogate U+DFFF
        "F4908080",   // above U+10FFFF
        "F5808080",   // invalid lead
        "FF",         // never valid
        "80",         // stray continuation
        "C328",       // missing continuation
        "E282",       // truncated at the end
    })
    void malformedSequencesAreRefused(String bad) {
        byte[] body = new byte[0];
        byte[] head = "{\"a\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] seq = hex(bad);
        body = new byte[head.length + seq.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(seq, 0, body, head.length, seq.length);
        byte[] input = body;
        CharConversionException e = assertThrows(CharConversionException.class, () -> readAll(input));
        assertEquals(true, e.getMessage().contains("at byte"), e.getMessage());
    }

    @Test
    void overlongUtf8BodyIsA400AndStoresNothing() {
        String marker = unique("utf8");
        byte[] head = ("[{\"product\":{\"sku\":\"" + marker + "\",\"name\":\"a").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\",\"price\":1}}]".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC0;
        body[head.length + 1] = (byte) 0xAF;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);

        asAdmin().body(body).post("/rest/async/bulk/V1/products").then().statusCode(400)
                .body("message", equalTo("Decoding error."))
                .body("parameters.reason", containsString("not valid UTF-8"));
        asAdmin().body(java.util.Arrays.copyOfRange(body, 1, body.length - 1)).post("/rest/async/V1/products").then().statusCode(400)
                .body("message", equalTo("Decoding error."));
        try {
            assertEquals(0, count("select count(*) from operation where serialized_data like ?", "%" + marker + "%"));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
