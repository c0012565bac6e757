package io.catalogbulk.core.search;

/**
 * A field a search may filter or sort on: its public name, the SQL expression it maps to (fixed by the
 * declaring code, never taken from the request) and how a filter value is bound.
 */
public record SearchField(String name, String column, ValueType type) {

    public enum ValueType {
        TEXT, INTEGER, UUID, TIMESTAMP
    }
}
