package io.catalogbulk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The generated upload of bin/upload-memory is what the Content-Length announces and a well-formed CSV the upload
 * check accepts (every row as many cells as the header), so a measurement never fails on its own input.
 */
class UploadMemoryTest {

    @Test
    void generatedCsvHasTheAnnouncedLengthAndRows() throws IOException {
        UploadMemory.GeneratedCsv csv = new UploadMemory.GeneratedCsv(UploadMemory.bytes("3M"));
        long expectedLength = csv.length();
        long expectedRows = csv.rows();
        assertTrue(expectedLength <= 3L << 20 && expectedLength > (3L << 20) - UploadMemory.GeneratedCsv.ROW);

        long lines = 0;
        long bytes = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.US_ASCII))) {
            String header = reader.readLine();
            assertEquals("sku,name,price,description", header);
            bytes += header.length() + 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                bytes += line.length() + 1;
                assertEquals(4, line.split(",", -1).length, "row " + lines);
                assertEquals(UploadMemory.GeneratedCsv.ROW, line.length() + 1, "fixed-width row " + lines);
            }
        }
        assertEquals(expectedRows, lines);
        assertEquals(expectedLength, bytes);
    }

    @Test
    void sizesTakeBinaryUnits() {
        assertEquals(100L << 20, UploadMemory.bytes("100M"));
        assertEquals(2L << 30, UploadMemory.bytes("2g"));
        assertEquals(500, UploadMemory.bytes("500"));
    }
}
