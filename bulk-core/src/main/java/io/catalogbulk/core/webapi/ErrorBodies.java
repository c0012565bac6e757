package io.catalogbulk.core.webapi;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders errors in Magento's key order: message, errors, code, parameters (empty members omitted). */
public final class ErrorBodies {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ErrorBodies() {
    }

    public static ObjectNode of(WebapiException e) {
        ObjectNode body = NODES.objectNode();
        body.put("message", e.phrase().message());
        if (!e.errors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (WebapiException.ErrorEntry entry : e.errors()) {
                ObjectNode item = errors.addObject();
                item.put("message", entry.phrase().message());
                putParameters(item, entry.phrase().parameters());
                if (entry.index() != null) {
                    item.put("index", entry.index());
                }
            }
        }
        putParameters(body, e.phrase().parameters());
        return body;
    }

    public static ObjectNode of(Phrase phrase) {
        ObjectNode body = NODES.objectNode();
        body.put("message", phrase.message());
        putParameters(body, phrase.parameters());
        return body;
    }

    static void putParameters(ObjectNode target, Object parameters) {
        if (parameters instanceof Map<?, ?> map && !map.isEmpty()) {
            ObjectNode params = target.putObject("parameters");
            map.forEach((k, v) -> params.set(String.valueOf(k), Json.valueNode(v)));
        } else if (parameters instanceof List<?> list && !list.isEmpty()) {
            ArrayNode params = target.putArray("parameters");
            list.forEach(v -> params.add(Json.valueNode(v)));
        }
    }

    /** Parameters as a JSON node (for storing an operation's error next to its message). */
    public static JsonNode parametersNode(Object parameters) {
        ObjectNode holder = NODES.objectNode();
        putParameters(holder, parameters);
        return holder.get("parameters");
    }
}
