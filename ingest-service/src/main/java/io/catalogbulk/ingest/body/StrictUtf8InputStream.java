package io.catalogbulk.ingest.body;

import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a request body through unchanged while checking that it is well-formed UTF-8 (Unicode table 3-7):
 * no overlong forms, no surrogates, nothing above U+10FFFF, no stray or missing continuation bytes. Jackson's own
 * decoder lets overlong sequences through (C0 AF became '/'), which would store text the client never sent; this
 * turns every such body into a 400 "Decoding error." instead. It validates as the parser reads, so a streamed bulk
 * is never buffered twice.
 */
public class StrictUtf8InputStream extends FilterInputStream {

    private long offset;
    /** Continuation bytes still expected for the current sequence. */
    private int pending;
    /** Allowed range of the next continuation byte (narrower than 80..BF right after E0, ED, F0, F4). */
    private int low = 0x80;
    private int high = 0xBF;

    public StrictUtf8InputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        if (n < 0) {
            atEnd();
            return n;
        }
        for (int i = off; i < off + n; i++) {
            check(buffer[i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would escape the check; the JSON parser never skips, so read them instead.
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(int b) throws CharConversionException {
        if (pending > 0) {
            if (b < low || b > high) {
                throw invalid("byte 0x" + Integer.toHexString(b).toUpperCase() + " where a continuation byte belongs");
            }
            pending--;
            low = 0x80;
            high = 0xBF;
        } else if (b >= 0x80) {
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                if (b == 0xE0) {
                    low = 0xA0; // E0 80..9F would be overlong
                } else if (b == 0xED) {
                    high = 0x9F; // ED A0..BF would be a UTF-16 surrogate
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                if (b == 0xF0) {
                    low = 0x90; // overlong
                } else if (b == 0xF4) {
                    high = 0x8F; // above U+10FFFF
                }
            } else {
                throw invalid("byte 0x" + Integer.toHexString(b).toUpperCase() + " cannot start a character");
            }
        }
        offset++;
    }

    private void atEnd() throws CharConversionException {
        if (pending > 0) {
            throw invalid("the body ends inside a multi-byte character");
        }
    }

    private CharConversionException invalid(String what) {
        return new CharConversionException(what + " at byte " + offset);
    }
}
