package io.catalogbulk.ingest.importing.split;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportRow;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;

/**
 * What one row of a {@code route} import becomes: mapping and converting rules, then (CSV) the dotted columns as a
 * nested item, then exactly the validation and normalization the bulk API applies to an item of that route. A valid
 * row's operation holds what a bulk request's operation would hold; an invalid row keeps its own data and the errors.
 */
public final class RowPlan {

    /**
     * A planned row: {@code data} is the operation's serialized data; valid when {@code errors} is empty.
     * {@code storeViewRow}: a row of a Magento type naming a store view (published after the rows without one).
     * {@code entityKey}: the entity a valid row writes, for per-entity order (null when invalid or not ordered).
     */
    public record Outcome(byte[] data, List<String> errors, boolean storeViewRow, String entityKey) {
        public Outcome(byte[] data, List<String> errors) {
            this(data, errors, false, null);
        }

        public Outcome(byte[] data, List<String> errors, boolean storeViewRow) {
            this(data, errors, storeViewRow, null);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final RouteDeclaration route;
    private final ImportParameters parameters;
    /** The Magento entity type of the import, null for {@code importType: "route"}. */
    private final ImportEntityType type;

    public RowPlan(RouteDeclaration route, ImportParameters parameters) {
        this(route, parameters, null);
    }

    /** A plan for rows of a Magento entity type, each an item of {@code POST /V1/import/rows/:entityType}. */
    public RowPlan(RouteDeclaration route, ImportParameters parameters, ImportEntityType type) {
        this.route = route;
        this.parameters = parameters;
        this.type = type;
    }

    public Outcome plan(RowSource.Row row) {
        if (type != null) {
            return planTypeRow(row);
        }
        JsonNode original = original(row);
        if (row.error() != null) {
            return new Outcome(Json.bytes(original), List.of(row.error()));
        }
        JsonNode item;
        try {
            item = row.cells() != null ? NestedItem.of(parameters.transform(row.cells())) : transformElement((ObjectNode) row.element());
        } catch (IllegalArgumentException e) {
            return new Outcome(Json.bytes(original), List.of(e.getMessage()));
        }
        RouteInput.Item normalized = RouteInput.fromBulkItem(route, item);
        if (!normalized.valid()) {
            List<String> errors = new ArrayList<>();
            for (Phrase phrase : normalized.errors()) {
                errors.add(phrase.render());
            }
            return new Outcome(Json.bytes(original), errors);
        }
        return new Outcome(Json.bytes(normalized.params()), List.of(), false, route.entityKey(normalized.params()));
    }

    /**
     * A row of a Magento type: mapping and converting rules, then sealed by its type before anything of it is stored
     * (a customer password becomes its hash, even in a failed row), then the item of the import rows route, checked by
     * that route (the type's validate) exactly as a bulk request's item would be.
     */
    private Outcome planTypeRow(RowSource.Row row) {
        Map<String, String> cells = texts(original(row));
        if (row.error() != null) {
            return new Outcome(Json.bytes(seal(row.number(), cells).cellsJson()), List.of(row.error()));
        }
        ImportRow sealed;
        try {
            // A JSON element's members as text first: Magento's rows are text cells, and the rules change text.
            sealed = seal(row.number(), parameters.transform(row.cells() != null ? row.cells() : cells));
        } catch (IllegalArgumentException e) {
            return new Outcome(Json.bytes(seal(row.number(), cells).cellsJson()), List.of(e.getMessage()));
        }
        ObjectNode item = Json.MAPPER.createObjectNode();
        item.put("entityType", type.code());
        ObjectNode body = item.putObject("row");
        body.put("number", row.number());
        body.put("behaviour", parameters.behaviour().code());
        body.set("cells", sealed.cellsJson());
        body.put("multiple_value_separator", sealed.multipleValueSeparator());
        body.put("empty_value_constant", sealed.emptyValueConstant());
        boolean storeView = type.storeColumn().filter(sealed::has).isPresent();
        RouteInput.Item normalized = RouteInput.fromBulkItem(route, item);
        if (!normalized.valid()) {
            List<String> errors = new ArrayList<>();
            for (Phrase phrase : normalized.errors()) {
                errors.add(phrase.render());
            }
            return new Outcome(Json.bytes(sealed.cellsJson()), errors, storeView);
        }
        return new Outcome(Json.bytes(normalized.params()), List.of(), storeView, route.entityKey(normalized.params()));
    }

    /** Whether the rows of this plan can name a store view (a Magento type with a store column). */
    public boolean hasStoreViewRows() {
        return type != null && type.storeColumn().isPresent();
    }

    /**
     * Whether the row names a store view, after mapping and converting rules: the split writes it in its second pass.
     * Cheap (no seal, no validation), and the same answer {@link #plan} gives in {@link Outcome#storeViewRow()}.
     */
    public boolean storeViewRow(RowSource.Row row) {
        if (!hasStoreViewRows() || row.error() != null) {
            return false;
        }
        Map<String, String> cells;
        try {
            cells = parameters.transform(row.cells() != null ? row.cells() : texts(original(row)));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String value = cells.get(type.storeColumn().get());
        return value != null && !value.isEmpty();
    }

    private ImportRow seal(long number, Map<String, String> cells) {
        return type.seal(new ImportRow(number, cells, parameters.multipleValueSeparator(), ImportRow.DEFAULT_EMPTY_VALUE_CONSTANT));
    }

    /** Every member as text (a JSON number or boolean as its text, null as an empty cell). */
    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> cells = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> cells.put(e.getKey(), e.getValue().isNull() ? ""
                : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return cells;
    }

    /** The row as it may be stored: as the file has it, or for a Magento type its cells sealed by the type. */
    public JsonNode stored(RowSource.Row row) {
        return type == null ? original(row) : seal(row.number(), texts(original(row))).cellsJson();
    }

    /** The row as the file has it: the cells by column (CSV) or the element (JSON, NDJSON). */
    public static JsonNode original(RowSource.Row row) {
        if (row.cells() == null) {
            return row.element();
        }
        ObjectNode cells = Json.MAPPER.createObjectNode();
        row.cells().forEach(cells::put);
        return cells;
    }

    /** Mapping and converting rules on a JSON element's top-level members (rules change text values only). */
    ObjectNode transformElement(ObjectNode element) {
        if (parameters.mapping().isEmpty() && parameters.rules().isEmpty()) {
            return element;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        Map<String, JsonNode> members = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = element.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = parameters.mapping().getOrDefault(member.getKey(), member.getKey());
            members.put(name, member.getValue());
            texts.put(name, member.getValue().isTextual() ? member.getValue().asText() : null);
        }
        Map<String, String> converted = parameters.transform(parameters.mapping().isEmpty() ? texts : renamedBack(texts));
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, String> member : converted.entrySet()) {
            JsonNode value = members.get(member.getKey());
            out.set(member.getKey(), value != null && value.isTextual() ? Json.MAPPER.getNodeFactory().textNode(member.getValue()) : value);
        }
        return out;
    }

    /** {@link ImportParameters#transform} maps names itself: give it the file's names back. */
    private Map<String, String> renamedBack(Map<String, String> renamed) {
        Map<String, String> inverse = new LinkedHashMap<>();
        parameters.mapping().forEach((source, target) -> inverse.put(target, source));
        Map<String, String> original = new LinkedHashMap<>();
        renamed.forEach((name, value) -> original.put(inverse.getOrDefault(name, name), value));
        return original;
    }
}
