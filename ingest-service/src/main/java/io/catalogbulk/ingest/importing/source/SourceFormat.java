package io.catalogbulk.ingest.importing.source;

import java.util.Locale;
import java.util.Optional;

/** The formats an import file may have: CSV with a header row, NDJSON (one JSON object a line), a JSON array of objects. */
public enum SourceFormat {
    CSV, NDJSON, JSON;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SourceFormat> ofCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return switch (code.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> Optional.of(CSV);
            case "ndjson" -> Optional.of(NDJSON);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }

    /** The format a raw upload's Content-Type names (parameters such as charset ignored), or empty. */
    public static Optional<SourceFormat> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        return switch (contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)) {
            case "text/csv", "application/csv" -> Optional.of(CSV);
            case "application/x-ndjson", "application/ndjson", "application/jsonl" -> Optional.of(NDJSON);
            case "application/json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
