package io.catalogbulk.core.csv;

/**
 * How a CSV file is written: Magento's import format settings (delimiter, enclosure, escape). The default is
 * Magento's and PHP's {@code fgetcsv}: {@code ,} {@code "} {@code \}.
 *
 * @param escape the escape character, or {@code null} for none. As in PHP, an escape character inside an enclosed
 *               cell makes the next character literal and is itself kept (Magento's files rely on PHP's reading).
 * @param maxCellChars the largest cell accepted; a longer one is a format error, so a hostile file cannot make a
 *                     reader buffer without bound
 */
public record CsvFormat(char delimiter, char enclosure, Character escape, int maxCellChars) {

    public static final int DEFAULT_MAX_CELL_CHARS = 1_048_576;
    public static final CsvFormat DEFAULT = new CsvFormat(',', '"', '\\', DEFAULT_MAX_CELL_CHARS);

    public CsvFormat {
        if (delimiter == enclosure) {
            throw new IllegalArgumentException("The delimiter and the enclosure must differ");
        }
        if (delimiter == '\n' || delimiter == '\r' || enclosure == '\n' || enclosure == '\r') {
            throw new IllegalArgumentException("Line breaks cannot delimit or enclose cells");
        }
        if (escape != null && (escape == delimiter || escape == '\n' || escape == '\r')) {
            throw new IllegalArgumentException("The escape character cannot be the delimiter or a line break");
        }
        if (maxCellChars < 1) {
            throw new IllegalArgumentException("maxCellChars must be positive");
        }
    }

    public CsvFormat withMaxCellChars(int max) {
        return new CsvFormat(delimiter, enclosure, escape, max);
    }
}
