package io.catalogbulk.ingest.importing.split;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.catalogbulk.core.csv.CsvFormat;
import io.catalogbulk.core.csv.CsvFormatException;
import io.catalogbulk.core.csv.CsvReader;
import io.catalogbulk.core.csv.CsvRecord;
import io.catalogbulk.ingest.importing.source.SourceFormat;

/**
 * The data rows of a stored file, one at a time, numbered as Magento's import reports number them (1 = the first
 * data row): CSV records as cells by column, JSON and NDJSON elements as they are. Memory holds one row.
 */
public final class RowSource implements Closeable {

    /** One data row: {@code cells} for CSV, {@code element} for JSON/NDJSON; {@code error} when it is malformed. */
    public record Row(long number, Map<String, String> cells, JsonNode element, String error) {
    }

    /** The file cannot be read on from here (broken quoting, broken JSON): the rows before it were read. */
    public static final class Unreadable extends IOException {
        public final long row;

        Unreadable(long row, String message) {
            super(message);
            this.row = row;
        }
    }

    private final SourceFormat format;
    private final InputStream in;
    private CsvReader csv;
    private List<String> header;
    private JsonParser json;
    private final ObjectMapper mapper = new ObjectMapper();
    private long number;
    private boolean ended;

    public RowSource(InputStream in, SourceFormat format, CsvFormat csvFormat, int maxCellChars) throws IOException {
        this.in = in;
        this.format = format;
        if (format == SourceFormat.CSV) {
            csv = CsvReader.utf8(in, csvFormat);
            try {
                CsvRecord first = csv.next();
                header = first == null ? List.of() : first.cells();
                ended = first == null;
            } catch (CsvFormatException e) {
                throw new Unreadable(0, e.getMessage());
            }
        } else {
            JsonFactory factory = JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxCellChars).maxNestingDepth(64).build())
                    .build();
            json = factory.createParser(in);
            JsonToken first = json.nextToken();
            if (format == SourceFormat.JSON) {
                if (first != JsonToken.START_ARRAY) {
                    throw new Unreadable(0, "A JSON import file is an array of objects, one per row.");
                }
            } else {
                ended = first == null;
            }
        }
    }

    /** The CSV header (the file's own columns); empty for JSON and NDJSON. */
    public List<String> header() {
        return header == null ? List.of() : header;
    }

    /** The next row, or null after the last. */
    public Row next() throws IOException {
        if (ended) {
            return null;
        }
        try {
            if (format == SourceFormat.CSV) {
                CsvRecord record = csv.next();
                if (record == null) {
                    ended = true;
                    return null;
                }
                number++;
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), i < record.size() ? record.cell(i) : "");
                }
                String error = record.size() == header.size() ? null
                        : "The row has " + record.size() + " cells; the header has " + header.size() + ".";
                return new Row(number, cells, null, error);
            }
            JsonToken token = format == SourceFormat.NDJSON && number == 0 ? json.currentToken() : json.nextToken();
            if (token == null || (format == SourceFormat.JSON && token == JsonToken.END_ARRAY)) {
                ended = true;
                return null;
            }
            number++;
            JsonNode element = mapper.readTree(json);
            return new Row(number, null, element, element.isObject() ? null : "The row is not a JSON object.");
        } catch (CsvFormatException e) {
            ended = true;
            throw new Unreadable(number + 1, e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ended = true;
            throw new Unreadable(number, "Malformed JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
