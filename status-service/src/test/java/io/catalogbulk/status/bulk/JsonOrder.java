package io.catalogbulk.status.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Compares JSON documents member by member, key order included (a client may depend on Magento's order). */
final class JsonOrder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOrder() {
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same values and, in every object, the same keys in the same order. */
    static void assertSameJson(String expected, String actual) {
        JsonNode want = parse(expected);
        JsonNode got = parse(actual);
        assertEquals(want, got, () -> "JSON differs:\nexpected " + want + "\nactual   " + got);
        assertSameKeyOrder(want, got, "$");
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void assertSameKeyOrder(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            assertEquals(keys(expected), keys(actual), "key order at " + path);
            expected.fieldNames().forEachRemaining(k -> assertSameKeyOrder(expected.get(k), actual.get(k), path + "." + k));
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameKeyOrder(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        }
    }
}
