package io.catalogbulk.ingest.importing.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * One of Magento's converting rules (the async-import design's {@code convertingRules}), applied to a row's cells
 * after mapping, in the order given: {@code string_replace} (parameters search, replace), {@code string_to_lower},
 * {@code string_to_upper}, {@code yes_no_to_bool} (yes/no in any case to 1/0), {@code leave_columns} (keeps only the
 * columns named), {@code remove_field} (drops the columns named). {@code applyTo} names the columns.
 */
public record ConvertingRule(String identifier, List<String> applyTo, String search, String replace) {

    public static final Set<String> IDENTIFIERS = Set.of("string_replace", "string_to_lower", "string_to_upper", "yes_no_to_bool",
            "leave_columns", "remove_field");

    /** The rules of a start request's {@code convertingRules}; a 400 for anything malformed. */
    public static List<ConvertingRule> parse(JsonNode rules) {
        List<ConvertingRule> parsed = new ArrayList<>();
        if (rules == null || rules.isNull()) {
            return parsed;
        }
        if (!rules.isArray()) {
            throw invalid("convertingRules", rules.toString());
        }
        for (JsonNode rule : rules) {
            String identifier = rule.path("identifier").asText("");
            if (!IDENTIFIERS.contains(identifier)) {
                throw invalid("identifier", identifier);
            }
            List<String> applyTo = new ArrayList<>();
            JsonNode columns = rule.has("applyTo") ? rule.get("applyTo") : rule.get("apply_to");
            if (columns == null || !columns.isArray() || columns.isEmpty()) {
                throw WebapiException.badRequest(Phrase.of("The converting rule %rule needs applyTo: the columns it applies to.",
                        Map.of("rule", identifier)));
            }
            columns.forEach(c -> applyTo.add(c.asText()));
            JsonNode parameters = rule.path("parameters");
            String search = null;
            String replace = null;
            if (identifier.equals("string_replace")) {
                search = parameters.path("search").asText("");
                replace = parameters.path("replace").asText("");
                if (search.isEmpty()) {
                    throw WebapiException.badRequest("The converting rule string_replace needs parameters.search.");
                }
            }
            parsed.add(new ConvertingRule(identifier, List.copyOf(applyTo), search, replace));
        }
        return parsed;
    }

    /** Applies the rule to a row (a new map; the row given is not changed). */
    public Map<String, String> apply(Map<String, String> row) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (identifier) {
            case "leave_columns" -> row.forEach((column, value) -> {
                if (applyTo.contains(column)) {
                    out.put(column, value);
                }
            });
            case "remove_field" -> row.forEach((column, value) -> {
                if (!applyTo.contains(column)) {
                    out.put(column, value);
                }
            });
            default -> row.forEach((column, value) -> out.put(column, applyTo.contains(column) && value != null ? convert(value) : value));
        }
        return out;
    }

    private String convert(String value) {
        return switch (identifier) {
            case "string_replace" -> value.replace(search, replace);
            case "string_to_lower" -> value.toLowerCase(Locale.ROOT);
            case "string_to_upper" -> value.toUpperCase(Locale.ROOT);
            case "yes_no_to_bool" -> switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "yes" -> "1";
                case "no" -> "0";
                default -> value;
            };
            default -> value;
        };
    }

    private static WebapiException invalid(String field, String value) {
        return WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE, Map.of("value", value, "fieldName", field)));
    }
}
