package io.catalogbulk.ingest.importing.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.core.csv.CsvFormat;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * The {@code import} object of a start request, checked: every malformed value is a 400 of the start, before
 * anything is stored. Stored as given ({@link #json()}) with the import and read back by the split.
 */
public record ImportParameters(String importType, String route, ImportBehaviour behaviour, boolean stopOnError, int allowedErrorCount,
        CsvFormat format, String multipleValueSeparator, Map<String, String> mapping, List<ConvertingRule> rules, JsonNode json) {

    public static final String ROUTE_TYPE = "route";

    public static ImportParameters parse(JsonNode body, int maxCellChars) {
        JsonNode node = body == null ? null : body.get("import");
        if (node == null || !node.isObject()) {
            throw WebapiException.requiredField("import");
        }
        String type = text(node, "importType", "import_type");
        if (type == null || type.isBlank()) {
            throw WebapiException.requiredField("importType");
        }
        String route = text(node, "route", "route");
        if (type.equals(ROUTE_TYPE) && (route == null || route.isBlank())) {
            throw WebapiException.requiredField("route");
        }
        String behaviourName = text(node, "importBehaviour", "import_behaviour");
        ImportBehaviour behaviour = behaviourName == null ? ImportBehaviour.APPEND
                : ImportBehaviour.parse(behaviourName).orElseThrow(() -> invalid("importBehaviour", behaviourName));
        String strategy = text(node, "validationStrategy", "validation_strategy");
        boolean stopOnError;
        if (strategy == null || strategy.equals("stop-on-error") || strategy.equals("validation-stop-on-errors")) {
            stopOnError = true;
        } else if (strategy.equals("skip-errors") || strategy.equals("validation-skip-errors")) {
            stopOnError = false;
        } else {
            throw invalid("validationStrategy", strategy);
        }
        String allowed = text(node, "allowedErrorCount", "allowed_error_count");
        int allowedErrorCount = 0;
        if (allowed != null) {
            try {
                allowedErrorCount = Integer.parseInt(allowed.trim());
            } catch (NumberFormatException e) {
                allowedErrorCount = -1;
            }
            if (allowedErrorCount < 0) {
                throw invalid("allowedErrorCount", allowed);
            }
        }
        JsonNode formatNode = node.path("format");
        CsvFormat format;
        try {
            format = new CsvFormat(single(formatNode, "delimiter", ','), single(formatNode, "enclosure", '"'),
                    formatNode.has("escape") && formatNode.get("escape").asText().isEmpty() ? null : single(formatNode, "escape", '\\'),
                    maxCellChars);
        } catch (IllegalArgumentException e) {
            throw WebapiException.badRequest(Phrase.of("The CSV format is not usable: %reason", Map.of("reason", e.getMessage())));
        }
        String separator = formatNode.path("multipleValueSeparator").asText(",");
        Map<String, String> mapping = new LinkedHashMap<>();
        JsonNode mappingNode = node.path("mapping");
        if (!mappingNode.isMissingNode() && !mappingNode.isNull()) {
            if (!mappingNode.isArray()) {
                throw invalid("mapping", mappingNode.toString());
            }
            for (JsonNode entry : mappingNode) {
                String source = entry.path("source").asText("");
                String target = entry.path("target").asText("");
                if (source.isEmpty() || target.isEmpty()) {
                    throw WebapiException.badRequest("Each mapping entry needs a source and a target column.");
                }
                if (mapping.put(source, target) != null) {
                    throw WebapiException.badRequest(Phrase.of("The mapping names the column \"%column\" twice.", Map.of("column", source)));
                }
            }
        }
        JsonNode rules = node.has("convertingRules") ? node.get("convertingRules") : node.get("converting_rules");
        return new ImportParameters(type, route, behaviour, stopOnError, allowedErrorCount, format, separator, mapping,
                ConvertingRule.parse(rules), node.deepCopy());
    }

    /** The parameters stored with an import, read back. */
    public static ImportParameters stored(JsonNode json, int maxCellChars) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("import", json);
        return parse(body, maxCellChars);
    }

    /** Mapping, then the converting rules in order: the row the validation and the operation see. */
    public Map<String, String> transform(Map<String, String> cells) {
        Map<String, String> row = cells;
        if (!mapping.isEmpty()) {
            row = new LinkedHashMap<>();
            for (Map.Entry<String, String> cell : cells.entrySet()) {
                row.put(mapping.getOrDefault(cell.getKey(), cell.getKey()), cell.getValue());
            }
        }
        for (ConvertingRule rule : rules) {
            row = rule.apply(row);
        }
        return row;
    }

    /** The columns after mapping and the column-removing rules, in order. */
    public List<String> transformColumns(List<String> columns) {
        Map<String, String> empty = new LinkedHashMap<>();
        columns.forEach(c -> empty.put(c, ""));
        return new ArrayList<>(transform(empty).keySet());
    }

    private static char single(JsonNode format, String name, char fallback) {
        JsonNode value = format.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        String text = value.asText();
        if (text.length() != 1) {
            throw new IllegalArgumentException(name + " must be a single character");
        }
        return text.charAt(0);
    }

    private static String text(JsonNode node, String name, String alias) {
        JsonNode value = node.has(name) ? node.get(name) : node.get(alias);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static WebapiException invalid(String field, String value) {
        return WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE, Map.of("value", value, "fieldName", field)));
    }
}
