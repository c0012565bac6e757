package io.catalogbulk.core.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvRecord> read(String text, CsvFormat format) throws Exception {
        try (CsvReader reader = new CsvReader(new StringReader(text), format)) {
            List<CsvRecord> records = new ArrayList<>();
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                records.add(record);
            }
            return records;
        }
    }

    private static List<CsvRecord> read(String text) throws Exception {
        return read(text, CsvFormat.DEFAULT);
    }

    @Test
    void readsPlainAndQuotedCellsWithEveryLineEnding() throws Exception {
        List<CsvRecord> records = read("sku,name\r\na,\"Tee, small\"\nb,\"say \"\"hi\"\"\"\rc,\n");
        assertEquals(4, records.size());
        assertEquals(List.of("sku", "name"), records.get(0).cells());
        assertEquals(List.of("a", "Tee, small"), records.get(1).cells());
        assertEquals(List.of("b", "say \"hi\""), records.get(2).cells());
        assertEquals(List.of("c", ""), records.get(3).cells());
        assertEquals(List.of(1L, 2L, 3L, 4L), records.stream().map(CsvRecord::line).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), records.stream().map(CsvRecord::number).toList());
    }

    @Test
    void aQuotedCellMaySpanLinesAndTheNextRecordKnowsItsLine() throws Exception {
        List<CsvRecord> records = read("sku,description\na,\"<p>one\r\ntwo\nthree</p>\"\nb,x\n");
        assertEquals("<p>one\r\ntwo\nthree</p>", records.get(1).cell(1));
        assertEquals(2, records.get(1).line());
        assertEquals(5, records.get(2).line());
        assertEquals(3, records.get(2).number());
    }

    @Test
    void skipsTheByteOrderMarkAndEmptyLines() throws Exception {
        List<CsvRecord> records = read("\uFEFFsku\n\n\na\n\r\n");
        assertEquals(List.of("sku"), records.get(0).cells());
        assertEquals(List.of("a"), records.get(1).cells());
        assertEquals(4, records.get(1).line());
        assertEquals(2, records.size());
    }

    @Test
    void theLastRecordNeedsNoLineBreak() throws Exception {
        List<CsvRecord> records = read("a,b\n1,2");
        assertEquals(List.of("1", "2"), records.get(1).cells());
    }

    @Test
    void keepsTheEscapeCharacterAsPhpDoes() throws Exception {
        List<CsvRecord> records = read("\"a\\\"b\",c\n");
        assertEquals(List.of("a\\\"b", "c"), records.get(0).cells());
    }

    @Test
    void usesTheFormatsDelimiterEnclosureAndNoEscape() throws Exception {
        CsvFormat format = new CsvFormat(';', '\'', null, 100);
        List<CsvRecord> records = read("sku;name\na;'x;y''s \\'\n", format);
        assertEquals(List.of("x;y's \\"), records.get(1).cells().subList(1, 2));
    }

    @Test
    void refusesAFileThatEndsInsideAQuotedCell() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> read("a,b\n1,\"open\n2,3\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void refusesTextAfterAClosingQuote() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> read("a,b\n1,\"x\"y\n"));
        assertEquals(2, e.line());
    }

    @Test
    void refusesACellOverTheLimit() {
        CsvFormat format = CsvFormat.DEFAULT.withMaxCellChars(5);
        assertThrows(CsvFormatException.class, () -> read("123456\n", format));
        assertThrows(CsvFormatException.class, () -> read("\"123456\"\n", format));
    }

    @Test
    void refusesMalformedUtf8() throws Exception {
        byte[] bytes = {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
        try (CsvReader reader = CsvReader.utf8(new ByteArrayInputStream(bytes), CsvFormat.DEFAULT)) {
            assertThrows(CsvFormatException.class, () -> {
                while (reader.next() != null) {
                    // read to the malformed byte
                }
            });
        }
    }

    @Test
    void readsUtf8FromEveryPlane() throws Exception {
        String text = "name\n\"Ünïcødé 日本 \uD83D\uDE00\"\n";
        try (CsvReader reader = CsvReader.utf8(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), CsvFormat.DEFAULT)) {
            reader.next();
            assertEquals("Ünïcødé 日本 \uD83D\uDE00", reader.next().cell(0));
            assertNull(reader.next());
        }
    }

    @Test
    void readsAnyNumberOfRecordsInBoundedMemory() throws Exception {
        // A million short records through the streaming reader: the point is that nothing accumulates.
        long count = 0;
        try (CsvReader reader = CsvReader.utf8(new RepeatingStream("sku-1,\"Name, quoted\",12.5\n", 1_000_000), CsvFormat.DEFAULT)) {
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                assertEquals(3, record.size());
                count++;
            }
        }
        assertEquals(1_000_000, count);
    }

    /** A stream of one line repeated, generated as it is read. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] line;
        private long remaining;
        private int position;

        RepeatingStream(String line, long times) {
            this.line = line.getBytes(StandardCharsets.UTF_8);
            this.remaining = times;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = line[position++];
            if (position == line.length) {
                position = 0;
                remaining--;
            }
            return b;
        }
    }
}
