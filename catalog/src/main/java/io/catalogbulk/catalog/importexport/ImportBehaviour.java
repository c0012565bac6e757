package io.catalogbulk.catalog.importexport;

import java.util.Locale;
import java.util.Optional;

/**
 * Magento's import behaviours. {@code append} adds or updates (Adobe's import routes also call it
 * {@code add_update}); {@code replace} deletes each entity named, then creates it again from the row;
 * {@code delete} deletes each entity named by its key columns.
 */
public enum ImportBehaviour {
    APPEND, REPLACE, DELETE;

    /** The behaviour a request names (any case), or empty when it names none of them. */
    public static Optional<ImportBehaviour> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "append", "add_update" -> Optional.of(APPEND);
            case "replace" -> Optional.of(REPLACE);
            case "delete" -> Optional.of(DELETE);
            default -> Optional.empty();
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
