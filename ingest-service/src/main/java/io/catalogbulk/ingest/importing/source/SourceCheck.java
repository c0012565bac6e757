package io.catalogbulk.ingest.importing.source;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import io.catalogbulk.core.csv.CsvFormat;
import io.catalogbulk.core.csv.CsvFormatException;
import io.catalogbulk.core.csv.CsvReader;
import io.catalogbulk.core.csv.CsvRecord;
import io.catalogbulk.ingest.body.StrictUtf8InputStream;

/**
 * The check of an uploaded file, in one streamed pass over its decoded bytes: encoding (UTF-8, a byte order mark
 * allowed), structure (RFC 4180 CSV with the default format and every row as many cells as the header; JSON or
 * NDJSON syntax with an object per row), row count, columns, and the first errors by row number (1 = the first data
 * row, as Magento's import reports number them). Memory is bounded by the largest row.
 * <p>
 * A file the check cannot read to its end (not UTF-8, broken quoting, broken JSON) is {@link Result#unreadable()}:
 * its source is {@code invalid}. A CSV row with the wrong number of cells is listed but the file stays usable: that
 * row fails when the import runs.
 */
public final class SourceCheck {

    /** Columns of NDJSON/JSON files: the top-level keys in first-seen order, at most this many. */
    static final int MAX_JSON_COLUMNS = 1000;

    public record Error(long row, String message) {
    }

    public record Result(long rows, List<String> columns, List<Error> errors, boolean unreadable) {
    }

    /** Thrown when the file has more data rows than allowed; the upload is refused. */
    public static final class TooManyRows extends IOException {
        public TooManyRows(long max) {
            super("The file has more than " + max + " rows.");
        }
    }

    private final int maxErrors;
    private final long maxRows;
    private final int maxCellChars;
    private final List<Error> errors = new ArrayList<>();
    private long rows;
    /** The JSON row being read (an error inside an element is that row's; between elements, the next one's). */
    private long current = 1;
    private boolean unreadable;

    public SourceCheck(int maxErrors, long maxRows, int maxCellChars) {
        this.maxErrors = maxErrors;
        this.maxRows = maxRows;
        this.maxCellChars = maxCellChars;
    }

    /** Reads {@code in} as far as it can (the caller reads whatever is left, to store the whole file). */
    public Result check(InputStream in, SourceFormat format) throws IOException {
        List<String> columns = switch (format) {
            case CSV -> checkCsv(in);
            case NDJSON, JSON -> checkJson(in, format == SourceFormat.JSON);
        };
        return new Result(rows, columns, List.copyOf(errors), unreadable);
    }

    private List<String> checkCsv(InputStream in) throws IOException {
        CsvReader reader = CsvReader.utf8(in, CsvFormat.DEFAULT.withMaxCellChars(maxCellChars));
        List<String> header = List.of();
        try {
            CsvRecord first = reader.next();
            if (first == null) {
                fatal(0, "The file is empty: a CSV file needs a header row.");
                return header;
            }
            header = first.cells();
            Set<String> seen = new LinkedHashSet<>();
            for (String column : header) {
                if (column.isBlank()) {
                    error(0, "The header has an empty column name.");
                } else if (!seen.add(column)) {
                    error(0, "The header names the column \"" + column + "\" twice.");
                }
            }
            CsvRecord record;
            while ((record = reader.next()) != null) {
                countRow();
                if (record.size() != header.size()) {
                    error(rows, "The row has " + record.size() + " cells; the header has " + header.size() + ".");
                }
            }
        } catch (CsvFormatException e) {
            fatal(rows + 1, e.getMessage());
        }
        return header;
    }

    private List<String> checkJson(InputStream in, boolean array) throws IOException {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxCellChars).maxNestingDepth(64).build())
                // The upload reads on after the check (to store the whole file): closing the parser must not close it.
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .build();
        Set<String> columns = new LinkedHashSet<>();
        try (JsonParser parser = factory.createParser(new StrictUtf8InputStream(skipBom(in)))) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                fatal(0, "The file is empty.");
                return List.of();
            }
            if (array) {
                if (token != JsonToken.START_ARRAY) {
                    fatal(0, "A JSON import file is an array of objects, one per row.");
                    return List.of();
                }
                token = parser.nextToken();
            }
            while (token != null && !(array && token == JsonToken.END_ARRAY)) {
                countRow();
                current = rows;
                if (token != JsonToken.START_OBJECT) {
                    error(rows, "The row is not a JSON object.");
                    parser.skipChildren();
                } else {
                    // The top-level member names are the file's columns; nested values are skipped unread.
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        if (columns.size() < MAX_JSON_COLUMNS) {
                            columns.add(parser.currentName());
                        }
                        parser.nextToken();
                        parser.skipChildren();
                    }
                }
                current = rows + 1;
                token = parser.nextToken();
            }
            if (array && token == JsonToken.END_ARRAY && parser.nextToken() != null) {
                fatal(rows + 1, "Unexpected content after the end of the array.");
            } else if (array && token == null) {
                fatal(rows + 1, "The file ends inside the array.");
            }
        } catch (CharConversionException e) {
            fatal(current, "The file is not valid UTF-8: " + e.getMessage());
        } catch (JsonProcessingException e) {
            // A limit of the parser (nesting depth, number or string length) has no location in the file.
            fatal(current, "Malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        return List.copyOf(columns);
    }

    /** Jackson detects a UTF-8 byte order mark only by itself reading bytes, which the strict check sees first. */
    private static InputStream skipBom(InputStream in) throws IOException {
        java.io.PushbackInputStream pushback = new java.io.PushbackInputStream(in, 3);
        byte[] head = pushback.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom) {
            pushback.unread(head);
        }
        return pushback;
    }

    private void countRow() throws TooManyRows {
        if (++rows > maxRows) {
            throw new TooManyRows(maxRows);
        }
    }

    private void error(long row, String message) {
        if (errors.size() < maxErrors) {
            errors.add(new Error(row, message));
        }
    }

    private void fatal(long row, String message) {
        unreadable = true;
        error(row, message);
    }
}
