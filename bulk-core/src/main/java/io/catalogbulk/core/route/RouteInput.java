package io.catalogbulk.core.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.InputNormalizer;
import io.catalogbulk.core.input.Names;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.search.SearchCriteriaParser;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Turns one request item into the normalized parameters a handler receives and an operation stores:
 * path parameters (from the URL, or for a bulk item from the item itself, as {@code sku} or
 * {@code sku}/{@code pageId}/{@code page_id}) followed by the body parameters, each checked against its
 * declared type. Unknown parameters are refused rather than silently dropped.
 */
public final class RouteInput {

    private RouteInput() {
    }

    /** The normalized parameters, or the errors that make the item invalid. */
    public record Item(ObjectNode params, List<Phrase> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** A synchronous or asynchronous request: path values come from the URL. */
    public static Item fromRequest(RouteDeclaration route, JsonNode body, Map<String, String> pathValues) {
        return fromRequest(route, body, pathValues, Map.of());
    }

    /**
     * A request with its query parameters (first value of each, decoded): the route's declared query
     * parameters and its searchCriteria join the parameters; any other query parameter is ignored, as
     * Magento ignores what its service method does not take.
     */
    public static Item fromRequest(RouteDeclaration route, JsonNode body, Map<String, String> pathValues,
            Map<String, String> query) {
        Item item = normalize(route, body, pathValues);
        if (route.queryParams().isEmpty() && !route.searchCriteria()) {
            return item;
        }
        List<Phrase> errors = new ArrayList<>(item.errors());
        for (Map.Entry<String, ScalarType> param : route.queryParams().entrySet()) {
            String raw = queryValue(query, param.getKey());
            if (raw == null) {
                continue;
            }
            JsonNode normalized = InputNormalizer.normalizeParameter(param.getKey(), Json.NODES.textNode(raw), param.getValue(), errors);
            if (normalized != null) {
                item.params().set(param.getKey(), normalized);
            }
        }
        if (route.searchCriteria()) {
            // Throws Magento's 400 for anything that is not searchCriteria's shape, or when it is missing.
            item.params().set("searchCriteria", SearchCriteriaParser.parse(query).toJson());
        }
        return new Item(item.params(), errors);
    }

    /** A query parameter by its declared name or its snake_case spelling ({@code storeId} or {@code store_id}). */
    private static String queryValue(Map<String, String> query, String name) {
        String value = query.get(name);
        return value != null ? value : query.get(Names.snake(name));
    }

    /** One element of a bulk request: former path parameters are fields of the element. */
    public static Item fromBulkItem(RouteDeclaration route, JsonNode element) {
        return normalize(route, element, null);
    }

    private static Item normalize(RouteDeclaration route, JsonNode body, Map<String, String> pathValues) {
        List<Phrase> errors = new ArrayList<>();
        ObjectNode params = Json.NODES.objectNode();
        if (body == null || body.isMissingNode() || body.isNull()) {
            body = Json.NODES.objectNode();
        }
        if (!body.isObject()) {
            errors.add(Phrase.of("A JSON object is expected for each request item, with the parameters %parameters.",
                    Map.of("parameters", expectedParameters(route, pathValues == null))));
            return new Item(params, errors);
        }
        Set<String> accepted = new HashSet<>();
        for (String name : route.path().params()) {
            JsonNode raw;
            if (pathValues != null) {
                String value = pathValues.get(name);
                raw = value == null ? null : Json.NODES.textNode(value);
            } else {
                raw = find(body, name);
                accepted.add(name);
            }
            if (raw == null || raw.isNull()) {
                errors.add(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", name)));
                continue;
            }
            JsonNode normalized = InputNormalizer.normalizeParameter(name, raw, route.pathParamType(name), errors);
            if (normalized != null) {
                params.set(name, normalized);
            }
        }
        for (BodyParam param : route.bodyParams()) {
            accepted.add(param.name());
            JsonNode raw = find(body, param.name());
            if (raw == null || raw.isNull()) {
                if (param.required()) {
                    errors.add(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", param.name())));
                }
                continue;
            }
            JsonNode normalized = InputNormalizer.normalizeParameter(param.name(), raw, param.type(), errors);
            if (normalized != null) {
                params.set(param.name(), normalized);
            }
        }
        for (Iterator<String> keys = body.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!accepted.contains(key) && !accepted.contains(Names.camel(key))) {
                errors.add(Phrase.of("Parameter \"%fieldName\" is not accepted by this route. Accepted: %parameters.",
                        orderedParams(key, expectedParameters(route, pathValues == null))));
            }
        }
        if (errors.isEmpty()) {
            route.putOverride().ifPresent(target -> applyOverride(target, params, errors));
        }
        if (errors.isEmpty()) {
            for (ItemCheck check : route.checks()) {
                errors.addAll(check.check(params));
            }
        }
        if (errors.isEmpty()) {
            // After the checks, before anything is stored or queued: secrets leave here only in sealed form.
            route.seal(params);
        }
        return new Item(params, errors);
    }

    private static void applyOverride(RouteDeclaration.OverrideTarget target, ObjectNode params, List<Phrase> errors) {
        JsonNode value = params.get(target.pathParam());
        JsonNode object = params.get(target.bodyParam());
        if (value == null || !(object instanceof ObjectNode body)) {
            return;
        }
        JsonNode typed = InputNormalizer.normalizeParameter(target.field(), value, target.fieldType(), errors);
        if (typed == null) {
            return;
        }
        // The URL value wins over the body's (Magento's PUT override); set() keeps the key's place if present.
        body.set(target.field(), typed);
    }

    /** A top-level key given as camelCase or snake_case. */
    private static JsonNode find(JsonNode body, String name) {
        JsonNode exact = body.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (Names.camel(entry.getKey()).equals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String expectedParameters(RouteDeclaration route, boolean bulk) {
        List<String> names = new ArrayList<>();
        if (bulk) {
            names.addAll(route.path().params());
        }
        route.bodyParams().forEach(p -> names.add(p.name()));
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static Map<String, Object> orderedParams(String fieldName, String parameters) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("fieldName", fieldName);
        map.put("parameters", parameters);
        return map;
    }
}
