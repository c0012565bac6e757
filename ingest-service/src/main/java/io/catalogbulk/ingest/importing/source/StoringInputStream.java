package io.catalogbulk.ingest.importing.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes the decoded bytes of an upload to whoever reads them (the check) while hashing them (SHA-256), counting
 * them against the size limit and handing them to the chunk store: one pass over the file does all three.
 */
final class StoringInputStream extends FilterInputStream {

    /** Receives every byte read, in order. */
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    /** The file is larger than the limit: the upload is refused. */
    static final class TooLarge extends IOException {
        final long limit;

        TooLarge(long limit) {
            super("The file exceeds the limit of " + limit + " bytes.");
            this.limit = limit;
        }
    }

    private final MessageDigest digest;
    private final Sink sink;
    private final long maxBytes;
    private long size;

    StoringInputStream(InputStream in, Sink sink, long maxBytes) {
        super(in);
        this.sink = sink;
        this.maxBytes = maxBytes;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            size += n;
            if (size > maxBytes) {
                throw new TooLarge(maxBytes);
            }
            digest.update(buffer, offset, n);
            sink.write(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be hashed and stored.
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what the check left unread, so the whole file is hashed and stored. */
    void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // stored by read
        }
    }

    long size() {
        return size;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
