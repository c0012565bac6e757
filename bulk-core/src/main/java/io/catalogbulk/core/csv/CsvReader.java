package io.catalogbulk.core.csv;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records one at a time from a stream (RFC 4180, with Magento's configurable delimiter, enclosure and
 * escape), so a file of any size is read with memory bounded by its largest record. A leading UTF-8 byte order
 * mark is skipped; an empty line is no record; CRLF, LF and CR all end a line. A cell that starts with the
 * enclosure ends at the matching enclosure (a doubled enclosure stands for one); anything but a delimiter or a line
 * break after it is a format error, as is a file that ends inside an enclosed cell.
 */
public final class CsvReader implements Closeable {

    private static final int END = -1;

    private final Reader in;
    private final CsvFormat format;
    private final StringBuilder cell = new StringBuilder();
    private long line = 1;
    private long records;
    private int pushedBack = -2;
    private boolean started;

    public CsvReader(Reader in, CsvFormat format) {
        this.in = in instanceof BufferedReader ? in : new BufferedReader(in, 64 * 1024);
        this.format = format;
    }

    /** A reader of UTF-8 bytes that refuses malformed UTF-8 (a {@link CsvFormatException}) instead of guessing. */
    public static CsvReader utf8(InputStream bytes, CsvFormat format) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvReader(new InputStreamReader(bytes, decoder), format);
    }

    /** The next record, or null at the end of the file. */
    public CsvRecord next() throws IOException, CsvFormatException {
        try {
            return readRecord();
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(line, "The file is not valid UTF-8 (at or after line " + line + ").");
        }
    }

    /** The physical line the reader is on: after the end of the file, the number of lines read plus one. */
    public long line() {
        return line;
    }

    private CsvRecord readRecord() throws IOException, CsvFormatException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        // Empty lines are no records.
        while (c == '\n' || c == '\r') {
            endOfLine(c);
            c = read();
        }
        if (c == END) {
            return null;
        }
        long startLine = line;
        List<String> cells = new ArrayList<>();
        while (true) {
            cell.setLength(0);
            if (c == format.enclosure()) {
                c = readEnclosed(startLine);
            } else {
                while (c != format.delimiter() && c != '\n' && c != '\r' && c != END) {
                    append(c, startLine);
                    c = read();
                }
            }
            cells.add(cell.toString());
            if (c == format.delimiter()) {
                c = read();
                continue;
            }
            if (c == '\n' || c == '\r') {
                endOfLine(c);
            }
            records++;
            return new CsvRecord(records, startLine, cells);
        }
    }

    /** Reads an enclosed cell from just after its opening enclosure; returns the character after its closing one. */
    private int readEnclosed(long startLine) throws IOException, CsvFormatException {
        char enclosure = format.enclosure();
        Character escape = format.escape();
        while (true) {
            int c = read();
            if (c == END) {
                throw new CsvFormatException(startLine, "The file ends inside a quoted cell that starts on line " + startLine + ".");
            }
            if (escape != null && c == escape && escape != enclosure) {
                int next = read();
                if (next == END) {
                    throw new CsvFormatException(startLine, "The file ends inside a quoted cell that starts on line " + startLine + ".");
                }
                append(c, startLine);
                appendCounting(next, startLine);
                continue;
            }
            if (c == enclosure) {
                int next = read();
                if (next == enclosure) {
                    append(enclosure, startLine);
                    continue;
                }
                if (next != format.delimiter() && next != '\n' && next != '\r' && next != END) {
                    throw new CsvFormatException(line, "Unexpected character after a closing quote on line " + line + ".");
                }
                return next;
            }
            appendCounting(c, startLine);
        }
    }

    /** Appends a character of an enclosed cell, counting the line breaks it holds. */
    private void appendCounting(int c, long startLine) throws IOException, CsvFormatException {
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                unread(next);
            } else {
                append('\r', startLine);
                c = '\n';
            }
            line++;
        } else if (c == '\n') {
            line++;
        }
        append(c, startLine);
    }

    private void append(int c, long startLine) throws CsvFormatException {
        if (cell.length() >= format.maxCellChars()) {
            throw new CsvFormatException(startLine, "A cell of the record on line " + startLine + " is longer than "
                    + format.maxCellChars() + " characters.");
        }
        cell.append((char) c);
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                unread(next);
            }
        }
        line++;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
