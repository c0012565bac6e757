package io.catalogbulk.ingest.importing.split;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/**
 * A CSV row as an item of a bulk route: dotted column names are nested members ({@code product.sku} →
 * {@code {"product": {"sku": ...}}}), a numeric segment is an array index ({@code product.category_ids.0}), and an
 * empty cell is left out (as an absent member, so an optional field stays unset). Cells stay text: the route's input
 * normalizer reads numbers and booleans from text as the bulk API does.
 */
public final class NestedItem {

    private NestedItem() {
    }

    /** The item, or throws {@link IllegalArgumentException} naming a column that clashes with another. */
    public static ObjectNode of(Map<String, String> cells) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            if (cell.getValue() == null || cell.getValue().isEmpty()) {
                continue;
            }
            String[] path = cell.getKey().split("\\.", -1);
            JsonNode parent = item;
            for (int i = 0; i < path.length; i++) {
                String segment = path[i];
                if (segment.isEmpty()) {
                    throw new IllegalArgumentException("The column \"" + cell.getKey() + "\" has an empty name segment.");
                }
                boolean last = i == path.length - 1;
                boolean nextIsIndex = !last && isIndex(path[i + 1]);
                parent = step(parent, segment, last ? null : nextIsIndex ? Kind.ARRAY : Kind.OBJECT, cell);
            }
        }
        return item;
    }

    private enum Kind { OBJECT, ARRAY }

    /** Moves one segment down from {@code parent}, creating what is missing; {@code kind} null sets the cell's value. */
    private static JsonNode step(JsonNode parent, String segment, Kind kind, Map.Entry<String, String> cell) {
        if (parent instanceof ObjectNode object) {
            JsonNode existing = object.get(segment);
            if (kind == null) {
                if (existing != null) {
                    throw clash(cell.getKey());
                }
                object.put(segment, cell.getValue());
                return null;
            }
            if (existing == null) {
                return kind == Kind.ARRAY ? object.putArray(segment) : object.putObject(segment);
            }
            if (kind == Kind.ARRAY ? !existing.isArray() : !existing.isObject()) {
                throw clash(cell.getKey());
            }
            return existing;
        }
        ArrayNode array = (ArrayNode) parent;
        if (!isIndex(segment)) {
            throw clash(cell.getKey());
        }
        int index = Integer.parseInt(segment);
        if (index > 10_000) {
            throw new IllegalArgumentException("The column \"" + cell.getKey() + "\" names an index above 10000.");
        }
        while (array.size() <= index) {
            array.addNull();
        }
        JsonNode existing = array.get(index);
        if (kind == null) {
            if (!existing.isNull()) {
                throw clash(cell.getKey());
            }
            array.set(index, Json.MAPPER.getNodeFactory().textNode(cell.getValue()));
            return null;
        }
        if (existing.isNull()) {
            JsonNode created = kind == Kind.ARRAY ? Json.MAPPER.createArrayNode() : Json.MAPPER.createObjectNode();
            array.set(index, created);
            return created;
        }
        if (kind == Kind.ARRAY ? !existing.isArray() : !existing.isObject()) {
            throw clash(cell.getKey());
        }
        return existing;
    }

    private static boolean isIndex(String segment) {
        if (segment.isEmpty() || segment.length() > 5) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException clash(String column) {
        return new IllegalArgumentException("The column \"" + column + "\" clashes with another column's nesting.");
    }
}
