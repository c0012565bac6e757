package io.catalogbulk.core.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** entities.md §8: key order message, errors, (code), parameters; empty members omitted. */
class ErrorBodiesTest {

    @Test
    void noRouteHasOnlyAMessage() {
        assertEquals("{\"message\":\"Request does not match any route.\"}", Json.string(ErrorBodies.of(WebapiException.noRoute())));
    }

    @Test
    void namedParametersAreAnObjectAndTheMessageIsRaw() {
        assertEquals("{\"message\":\"No such entity with %fieldName = %fieldValue\",\"parameters\":{\"fieldName\":\"cartId\",\"fieldValue\":99}}",
                Json.string(ErrorBodies.of(WebapiException.noSuchEntity("cartId", 99))));
    }

    @Test
    void positionalParametersAreAnArray() {
        Phrase phrase = Phrase.positional("The \"%1\" attribute value is empty. Set the attribute and try again.", "sku");
        assertEquals("{\"message\":\"The \\\"%1\\\" attribute value is empty. Set the attribute and try again.\",\"parameters\":[\"sku\"]}",
                Json.string(ErrorBodies.of(phrase)));
    }

    @Test
    void emptyParametersAreOmitted() {
        assertEquals("{\"message\":\"x\"}", Json.string(ErrorBodies.of(new Phrase("x", Map.of()))));
        assertEquals("{\"message\":\"x\"}", Json.string(ErrorBodies.of(new Phrase("x", List.of()))));
    }

    @Test
    void twoOrMoreErrorsUseTheAggregateMessageWithAnErrorsArray() {
        WebapiException e = WebapiException.ofErrors(400, List.of(
                Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "email")),
                Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "template"))));
        assertEquals(400, e.status());
        assertEquals(Json.parse("{\"message\":\"One or more input exceptions have occurred.\","
                + "\"errors\":[{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\",\"parameters\":{\"fieldName\":\"email\"}},"
                + "{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\",\"parameters\":{\"fieldName\":\"template\"}}]}"),
                ErrorBodies.of(e));
        assertEquals(List.of("message", "errors"), fieldNames(ErrorBodies.of(e)));
    }

    @Test
    void aSingleErrorBecomesTheMessageItself() {
        WebapiException e = WebapiException.ofErrors(400, List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "sku"))));
        assertEquals("{\"message\":\"\\\"%fieldName\\\" is required. Enter and try again.\",\"parameters\":{\"fieldName\":\"sku\"}}",
                Json.string(ErrorBodies.of(e)));
    }

    @Test
    void bulkItemErrorsCarryTheirIndexAndTopParametersComeLast() {
        WebapiException e = new WebapiException(400, Phrase.of("Item %index is invalid.", Map.of("index", 1)),
                List.of(new WebapiException.ErrorEntry(Phrase.of("a"), 1), new WebapiException.ErrorEntry(Phrase.of("b"))), null);
        var body = ErrorBodies.of(e);
        assertEquals(List.of("message", "errors", "parameters"), fieldNames(body));
        assertEquals(1, body.get("errors").get(0).get("index").intValue());
        assertNull(body.get("errors").get(1).get("index"));
    }

    @Test
    void parametersNodeForStoringAnOperationError() {
        assertEquals(Json.parse("{\"fieldName\":\"sku\"}"), ErrorBodies.parametersNode(Map.of("fieldName", "sku")));
        assertEquals(Json.parse("[\"a\",2]"), ErrorBodies.parametersNode(List.of("a", 2)));
        assertNull(ErrorBodies.parametersNode(null));
        assertNull(ErrorBodies.parametersNode(Map.of()));
    }

    private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
