package io.catalogbulk.ingest.idempotency;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import io.catalogbulk.core.ledger.IdempotencyKeys;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * An async or bulk request that carries {@code Idempotency-Key}: the key as the IETF httpapi draft writes it (a
 * structured-field string, quoted, or a bare token), and the SHA-256 of the body, computed while the body is
 * streamed to the parser (the body is never held whole). {@link #key} then names the request by method, raw path,
 * store and body hash, so the same key with another request is recognised.
 */
public final class IdempotentRequest {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;

    private final String key;
    private final String method;
    private final String rawPath;
    private final long maxBodyBytes;
    private final MessageDigest body = sha256();
    private Body stream;
    private long bodyBytes;

    private IdempotentRequest(String key, String method, String rawPath, long maxBodyBytes) {
        this.key = key;
        this.method = method;
        this.rawPath = rawPath;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Null without the header; 400 for a header that is no usable key. */
    public static IdempotentRequest of(String header, String method, String rawPath, long maxBodyBytes) {
        if (header == null) {
            return null;
        }
        return new IdempotentRequest(parseKey(header), method, rawPath, maxBodyBytes);
    }

    /** {@code "abc"} (with \" and \\ escapes) or {@code abc}: 1 to 255 printable ASCII characters. */
    static String parseKey(String header) {
        String value = header.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder unquoted = new StringBuilder();
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                    if (c != '"' && c != '\\') {
                        throw invalidKey();
                    }
                } else if (c == '"' || c == '\\') {
                    throw invalidKey();
                }
                unquoted.append(c);
            }
            value = unquoted.toString();
        }
        if (value.isEmpty() || value.length() > MAX_KEY_LENGTH) {
            throw invalidKey();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw invalidKey();
            }
        }
        return value;
    }

    private static WebapiException invalidKey() {
        return WebapiException.badRequest(Phrase.of("The %header header must be 1 to %max printable ASCII characters.",
                Map.of("header", HEADER, "max", MAX_KEY_LENGTH)));
    }

    public String key() {
        return key;
    }

    /** The body as the parser should read it: every byte read also goes into the body hash. */
    public InputStream wrap(InputStream in) {
        stream = new Body(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    body.update((byte) b);
                    bodyBytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    body.update(buffer, offset, n);
                    bodyBytes += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // Skipped bytes must be hashed too.
                byte[] buffer = new byte[(int) Math.min(n, 8192)];
                int read = read(buffer, 0, buffer.length);
                return Math.max(read, 0);
            }

            @Override
            public void close() {
                // The parser closes its source when it is done; what it left unread is still hashed by drain(),
                // which closes the body afterwards.
            }
        };
        return stream;
    }

    /**
     * The caller's key for this request, once the body has been read (what the parser left unread, whitespace
     * after the JSON, is hashed here). Guests have no principal to scope a key to: 400.
     */
    public IdempotencyKeys.Key key(Caller caller, StoreScope scope, java.time.Duration retention) {
        if (caller.userId() == null) {
            throw WebapiException.badRequest(Phrase.of("An %header needs an authenticated caller.", Map.of("header", HEADER)));
        }
        drain();
        MessageDigest request = sha256();
        String head = method + "\n" + rawPath + "\n" + scope.mode().dbValue() + ":" + scope.storeId() + "\n";
        request.update(head.getBytes(StandardCharsets.UTF_8));
        request.update(HexFormat.of().formatHex(body.digest()).getBytes(StandardCharsets.US_ASCII));
        return new IdempotencyKeys.Key(caller.userType(), caller.userId(), key, request.digest(), retention);
    }

    private void drain() {
        if (stream == null) {
            return;
        }
        byte[] buffer = new byte[8192];
        try {
            while (stream.read(buffer, 0, buffer.length) >= 0) {
                if (bodyBytes > maxBodyBytes) {
                    throw new WebapiException(413, Phrase.of("The request body exceeds the limit of %limit bytes.",
                            Map.of("limit", maxBodyBytes)));
                }
            }
            stream.in().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stream = null;
    }

    /** The wrapped body; {@link #in()} reaches the stream underneath for the final close. */
    private static class Body extends FilterInputStream {
        Body(InputStream in) {
            super(in);
        }

        InputStream in() {
            return in;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
