package io.catalogbulk.ingest.importing.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.outbound.OutboundException;
import io.catalogbulk.core.outbound.OutboundHttp;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.importing.ImportConfig;

/**
 * Takes an import file in: streams it into {@code import_source_chunk} while hashing it and checking it, in one
 * pass and one transaction, so a source is either stored whole and checked or not at all. Three ways in: the raw
 * body, Magento's async-import envelope (base64 or a remote https URL, fetched through {@link OutboundHttp}), and
 * the resumable upload in pieces.
 */
@ApplicationScoped
public class SourceUploads {

    private static final Logger LOG = Logger.getLogger(SourceUploads.class);

    @Inject
    DataSource dataSource;

    @Inject
    ImportConfig config;

    @Inject
    SourceStore store;

    @Inject
    OutboundHttp outbound;

    /** A whole file: stored, hashed and checked while it streams in; the stored, checked source. */
    public SourceStore.Source upload(Caller owner, InputStream body, SourceFormat format, boolean gzip, String filename) {
        UUID uuid = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                SourceStore.insert(connection, uuid, owner, "receiving", format, filename, null, null);
                ChunkWriter chunks = new ChunkWriter(connection, uuid, 0, chunkSize());
                InputStream decoded = gzip ? new GZIPInputStream(body, 64 * 1024) : body;
                StoringInputStream stored = new StoringInputStream(decoded, chunks, config.maxSourceSize().asLongValue());
                SourceCheck.Result result = newCheck().check(stored, format);
                stored.drain();
                chunks.flush();
                SourceStore.checked(connection, uuid, result.unreadable() ? "invalid" : "uploaded", stored.size(), stored.sha256(), result);
                connection.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw translate(e);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
        return found(uuid, owner);
    }

    /** Magento's envelope with {@code base64_encoded_data}: the decoded bytes stream through the same upload. */
    public SourceStore.Source uploadBase64(Caller owner, String data, SourceFormat format, String filename) {
        // The base64 text came in a JSON body (bounded by the body limit); its decoding streams. The MIME decoder
        // allows line breaks but silently skips any other foreign character, so those are refused first.
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
                    || c == '\r' || c == '\n')) {
                throw WebapiException.badRequest("The source definition is not valid base64.");
            }
        }
        InputStream decoded = Base64.getMimeDecoder().wrap(new java.io.ByteArrayInputStream(data.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        byte[] head = new byte[2];
        java.io.PushbackInputStream in = new java.io.PushbackInputStream(decoded, 2);
        try {
            int n = in.readNBytes(head, 0, 2);
            in.unread(head, 0, n);
            // Adobe's import routes accept a gzipped CSV in base64: so does the envelope (gzip's magic bytes 1f 8b).
            boolean gzip = n == 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
            return upload(owner, in, format, gzip, filename);
        } catch (IllegalArgumentException e) {
            throw WebapiException.badRequest("The source definition is not valid base64.");
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Magento's envelope with {@code remote_https_file}: fetched through the SSRF-guarded client, with limits. */
    public SourceStore.Source uploadRemote(Caller owner, String url, SourceFormat format) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw WebapiException.badRequest(Phrase.of("The remote file URL \"%url\" is not valid.", Map.of("url", url)));
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw WebapiException.badRequest("The remote file URL must be an https URL.");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String filename = path.substring(path.lastIndexOf('/') + 1);
        try (OutboundHttp.Download download = outbound.get(uri, config.maxSourceSize().asLongValue() + 1, config.remoteTimeout())) {
            if (download.status() / 100 != 2) {
                throw WebapiException.badRequest(Phrase.of("The remote file could not be fetched: the server answered %status.",
                        Map.of("status", download.status())));
            }
            boolean gzip = download.contentEncoding() != null && download.contentEncoding().toLowerCase(Locale.ROOT).contains("gzip");
            return upload(owner, download.body(), format, gzip, filename.isEmpty() ? null : filename);
        } catch (OutboundException e) {
            throw WebapiException.badRequest(Phrase.of("The remote file could not be fetched: %reason", Map.of("reason", e.getMessage())));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Opens a resumable upload of {@code piecesCount} pieces whose joined bytes must hash to {@code dataHash}. */
    public SourceStore.Source openPieces(Caller owner, int piecesCount, String dataHash, SourceFormat format, String filename) {
        UUID uuid = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            SourceStore.insert(connection, uuid, owner, "receiving", format, filename, piecesCount, dataHash.toLowerCase(Locale.ROOT));
        } catch (SQLException e) {
            throw translate(e);
        }
        return found(uuid, owner);
    }

    /**
     * Stores piece {@code number} (replacing an earlier upload of it); once all pieces are there, checks the joined
     * file against the declared hash and its content, and the source becomes uploaded or invalid.
     */
    public SourceStore.Source putPiece(Caller owner, UUID uuid, int number, InputStream body) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                SourceStore.Source source = SourceStore.find(connection, uuid, owner, true)
                        .orElseThrow(() -> WebapiException.noSuchEntity("uuid", uuid));
                if (source.piecesCount() == null || !source.status().equals("receiving")) {
                    throw WebapiException.badRequest(Phrase.of("The source %uuid does not take pieces: it is %status.",
                            Map.of("uuid", uuid, "status", source.piecesCount() == null ? "uploaded whole" : source.status())));
                }
                if (number < 1 || number > source.piecesCount()) {
                    throw WebapiException.badRequest(Phrase.of("The piece number must be between 1 and %count.",
                            Map.of("count", source.piecesCount())));
                }
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM import_source_chunk WHERE source_uuid = ? AND piece = ?")) {
                    delete.setObject(1, uuid);
                    delete.setInt(2, number);
                    delete.executeUpdate();
                }
                long otherBytes = storedBytes(connection, uuid);
                ChunkWriter chunks = new ChunkWriter(connection, uuid, number, chunkSize());
                StoringInputStream stored = new StoringInputStream(body, chunks,
                        Math.max(0, config.maxSourceSize().asLongValue() - otherBytes));
                stored.drain();
                chunks.flush();
                connection.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw translate(e);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
        completeIfWhole(owner, uuid);
        return found(uuid, owner);
    }

    private void completeIfWhole(Caller owner, UUID uuid) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // The row lock makes the last two pieces arriving at once complete the source once.
                SourceStore.Source source = SourceStore.find(connection, uuid, owner, true).orElseThrow();
                if (!source.status().equals("receiving") || piecesStored(connection, uuid) < source.piecesCount()) {
                    connection.rollback();
                    return;
                }
                StoringInputStream joined = new StoringInputStream(new ChunkInputStream(dataSource, uuid), (b, o, l) -> {
                }, Long.MAX_VALUE);
                SourceCheck.Result result = newCheck().check(joined, source.format());
                joined.drain();
                String sha256 = joined.sha256();
                if (!sha256.equals(source.dataHash())) {
                    result = new SourceCheck.Result(result.rows(), result.columns(),
                            java.util.List.of(new SourceCheck.Error(0, "The SHA-256 of the joined pieces is " + sha256
                                    + ", not the declared data_hash " + source.dataHash() + ".")), true);
                }
                SourceStore.checked(connection, uuid, result.unreadable() ? "invalid" : "uploaded", joined.size(), sha256, result);
                connection.commit();
            } catch (IOException | SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw translate(e);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static long storedBytes(Connection connection, UUID uuid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT coalesce(sum(length(data)), 0) FROM import_source_chunk WHERE source_uuid = ?")) {
            statement.setObject(1, uuid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int piecesStored(Connection connection, UUID uuid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(DISTINCT piece) FROM import_source_chunk WHERE source_uuid = ?")) {
            statement.setObject(1, uuid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private SourceCheck newCheck() {
        return new SourceCheck(config.maxReportedErrors(), config.maxRows(), config.maxCellChars());
    }

    private int chunkSize() {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(4096, config.chunkSize().asLongValue()));
    }

    private SourceStore.Source found(UUID uuid, Caller owner) {
        try {
            return store.find(uuid, owner).orElseThrow();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Every way an upload can fail, as the client's error (or 503 when the database is away): never a 500. */
    private RuntimeException translate(Exception e) {
        if (e instanceof WebapiException webapi) {
            return webapi;
        }
        if (e instanceof StoringInputStream.TooLarge large) {
            return new WebapiException(413, Phrase.of("The file exceeds the limit of %limit bytes.", Map.of("limit", large.limit)));
        }
        if (e instanceof SourceCheck.TooManyRows) {
            return new WebapiException(413, Phrase.of("The file has more than %limit rows.", Map.of("limit", config.maxRows())));
        }
        if (e instanceof ZipException || (e instanceof EOFException && e.getMessage() != null && e.getMessage().contains("ZLIB"))) {
            return WebapiException.badRequest("The gzip-encoded body is corrupt: " + e.getMessage());
        }
        SQLException sql = e instanceof SQLException s ? s : e instanceof ChunkWriter.StoreFailure f ? f.sql : null;
        if (sql != null) {
            if (TransientErrors.isConnectionFailure(sql) || TransientErrors.isTransient(sql)) {
                return WebapiException.serviceUnavailable("The database is unavailable; nothing was stored. Retry later.", 5);
            }
            return new IllegalStateException("Storing an import source failed", sql);
        }
        if (e instanceof IOException) {
            // The client went away or the remote server broke off: nothing was kept.
            LOG.debugf("Upload interrupted: %s", e.getMessage());
            return WebapiException.badRequest(Phrase.of("The upload was interrupted: %reason", Map.of("reason", String.valueOf(e.getMessage()))));
        }
        return (RuntimeException) e;
    }
}
