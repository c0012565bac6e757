package io.catalogbulk.core.csv;

import java.util.List;

/**
 * One record of a CSV file.
 *
 * @param number the record's position among the file's records, 1-based (the header, if any, is record 1)
 * @param line   the physical line the record starts on, 1-based (a quoted cell may span lines)
 * @param cells  the cells, unquoted
 */
public record CsvRecord(long number, long line, List<String> cells) {

    public int size() {
        return cells.size();
    }

    public String cell(int index) {
        return cells.get(index);
    }
}
