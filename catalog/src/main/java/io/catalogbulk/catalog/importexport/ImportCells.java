package io.catalogbulk.catalog.importexport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reading Magento's import cells: numbers, flags and the {@code code=value,code=value} lists. */
public final class ImportCells {

    /** Magento's row message for a cell it cannot read (RowValidatorInterface::ERROR_INVALID_ATTR_TYPE). */
    public static final String INCORRECT_VALUE = "Value for '%s' attribute contains incorrect value";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern PAIR_START = Pattern.compile("^\\s*[A-Za-z0-9_]+\\s*=.*", Pattern.DOTALL);

    private ImportCells() {
    }

    public static String incorrect(String column) {
        return String.format(INCORRECT_VALUE, column);
    }

    /** Whether a non-empty cell is a decimal number (Magento accepts {@code 1.000000}, {@code 25}). */
    public static boolean isNumber(String cell) {
        return cell != null && NUMBER.matcher(cell.trim()).matches();
    }

    public static BigDecimal number(String cell) {
        return new BigDecimal(cell.trim());
    }

    /** Checks a numeric column when the row has it: adds Magento's message when it is not a number (or negative). */
    public static void checkNumber(ImportRow row, String column, boolean allowNegative, List<String> errors) {
        if (row.has(column) && !row.isEmptyValue(column)
                && (!isNumber(row.cell(column)) || !allowNegative && number(row.cell(column)).signum() < 0)) {
            errors.add(incorrect(column));
        }
    }

    /** Checks a 0/1 column when the row has it. */
    public static void checkFlag(ImportRow row, String column, List<String> errors) {
        if (row.has(column) && !row.cell(column).trim().matches("[01]")) {
            errors.add(incorrect(column));
        }
    }

    /**
     * Magento's {@code code=value<sep>code=value} cell (additional_attributes, one configurable variation): a separator
     * only splits where the next piece starts a new {@code code=}, so a value may itself hold the separator
     * ({@code "Catalog, Search"}). Values wrapped in double quotes lose them (Magento's enclosure for values with
     * separators). Returns code to value in cell order; a piece without {@code =} is an error.
     */
    public static Map<String, String> pairs(String cell, String separator, String column, List<String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> pieces = new ArrayList<>();
        for (String piece : cell.split(Pattern.quote(separator), -1)) {
            if (pieces.isEmpty() || PAIR_START.matcher(piece).matches()) {
                pieces.add(piece);
            } else {
                pieces.set(pieces.size() - 1, pieces.get(pieces.size() - 1) + separator + piece);
            }
        }
        for (String piece : pieces) {
            if (piece.isBlank()) {
                continue;
            }
            int equals = piece.indexOf('=');
            if (equals <= 0) {
                errors.add(incorrect(column));
                return out;
            }
            String value = piece.substring(equals + 1);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\"\"", "\"");
            }
            out.put(piece.substring(0, equals).trim(), value);
        }
        return out;
    }

    /** The cell split on the row's multiple value separator, trimmed, without empty pieces. */
    public static List<String> values(ImportRow row, String column) {
        List<String> out = new ArrayList<>();
        if (!row.has(column)) {
            return out;
        }
        for (String piece : row.cell(column).split(Pattern.quote(row.multipleValueSeparator()))) {
            if (!piece.isBlank()) {
                out.add(piece.trim());
            }
        }
        return out;
    }
}
