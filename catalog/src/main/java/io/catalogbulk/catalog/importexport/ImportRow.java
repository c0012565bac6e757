package io.catalogbulk.catalog.importexport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/**
 * One row of an import file of a Magento entity type, after mapping and converting rules: its cells by column
 * name, in the file's column order. As in Magento, an empty cell leaves the value unchanged; a cell holding
 * {@link #emptyValueConstant} sets the value empty. Multi-valued cells (categories, websites, related SKUs) split on
 * {@link #multipleValueSeparator}.
 *
 * @param number the row number as Magento's import reports it: 1 for the first data row
 */
public record ImportRow(long number, Map<String, String> cells, String multipleValueSeparator, String emptyValueConstant) {

    public static final String DEFAULT_MULTIPLE_VALUE_SEPARATOR = ",";
    public static final String DEFAULT_EMPTY_VALUE_CONSTANT = "__EMPTY__VALUE__";

    public ImportRow {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    public ImportRow(long number, Map<String, String> cells) {
        this(number, cells, DEFAULT_MULTIPLE_VALUE_SEPARATOR, DEFAULT_EMPTY_VALUE_CONSTANT);
    }

    /** The cell of a column, or null when the file has no such column. */
    public String cell(String column) {
        return cells.get(column);
    }

    /** Whether the column is there and holds something (an empty cell means "leave unchanged"). */
    public boolean has(String column) {
        String value = cells.get(column);
        return value != null && !value.isEmpty();
    }

    /** Whether the cell asks for the value to be emptied. */
    public boolean isEmptyValue(String column) {
        return emptyValueConstant != null && emptyValueConstant.equals(cells.get(column));
    }

    /** The row as it travels in an operation: {@code {"column": "value", ...}} (only the cells). */
    public ObjectNode cellsJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        cells.forEach(node::put);
        return node;
    }

    /** A row read back from {@link #cellsJson()}: every member's text. */
    public static ImportRow fromJson(long number, JsonNode cells, String multipleValueSeparator, String emptyValueConstant) {
        Map<String, String> map = new LinkedHashMap<>();
        cells.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return new ImportRow(number, map, multipleValueSeparator, emptyValueConstant);
    }
}
