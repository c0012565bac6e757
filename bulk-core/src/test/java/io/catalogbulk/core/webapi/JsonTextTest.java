package io.catalogbulk.core.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Json.text: a field's text, null for an absent or JSON null field, never the text "null". */
class JsonTextTest {

    @Test
    void aFieldsTextOrNull() {
        JsonNode node = Json.parse("{\"name\":\"Tee\",\"qty\":2,\"gone\":null,\"region\":{\"code\":\"TX\"}}");
        assertEquals("Tee", Json.text(node, "name"));
        assertEquals("2", Json.text(node, "qty"));
        assertNull(Json.text(node, "gone"));
        assertNull(Json.text(node, "absent"));
        assertEquals("TX", Json.text(node.path("region"), "code"));
        assertNull(Json.text(node.path("nowhere"), "code"));
    }
}
