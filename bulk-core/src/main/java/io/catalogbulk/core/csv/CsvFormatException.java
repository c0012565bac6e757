package io.catalogbulk.core.csv;

/**
 * A file that is not well-formed CSV (or not UTF-8) at a given place. {@code line} is the physical line (1-based)
 * where the offending record starts, so a report can point a person at it.
 */
public class CsvFormatException extends Exception {

    private final long line;

    public CsvFormatException(long line, String message) {
        super(message, null, false, false);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
