package io.catalogbulk.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.webapi.Json;

class DataHashTest {

    private static String expectedSha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void isTheSha256OfTheStoredBytes() throws Exception {
        byte[] data = "{\"product\":{\"sku\":\"MS-Champ-S\",\"price\":25}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(expectedSha256(data), DataHash.sha256Hex(data));
    }

    @Test
    void matchesKnownSha256Vectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DataHash.sha256Hex(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                DataHash.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void isSixtyFourLowercaseHexDigits() {
        String hash = DataHash.sha256Hex("Caf\u00e9 \u2603".getBytes(StandardCharsets.UTF_8));
        assertEquals(64, hash.length());
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    }

    @Test
    void hashesTheCompactJsonSerializationOfAnOperation() throws Exception {
        var node = Json.parse("{ \"sku\" : \"a b\",\n \"product\" : { \"price\" : 25.50, \"name\" : \"Caf\u00e9\" } }");
        byte[] stored = Json.bytes(node);
        assertEquals("{\"sku\":\"a b\",\"product\":{\"price\":25.5,\"name\":\"Caf\u00e9\"}}", new String(stored, StandardCharsets.UTF_8));
        assertEquals(expectedSha256(stored), DataHash.sha256Hex(stored));
    }

    @Test
    void differentDataGivesDifferentHashes() {
        assertNotEquals(DataHash.sha256Hex("{\"sku\":\"a\"}".getBytes(StandardCharsets.UTF_8)),
                DataHash.sha256Hex("{\"sku\":\"b\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
