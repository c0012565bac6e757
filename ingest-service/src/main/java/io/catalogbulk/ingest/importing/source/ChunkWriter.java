package io.catalogbulk.ingest.importing.source;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Stores the bytes of one file (or one piece of it) as rows of {@code import_source_chunk} of about
 * {@code chunkSize} bytes each, in the caller's transaction, as they arrive: at most one chunk is in memory.
 */
final class ChunkWriter implements StoringInputStream.Sink {

    private final Connection connection;
    private final UUID source;
    private final int piece;
    private final byte[] buffer;
    private int filled;
    private int seq;

    ChunkWriter(Connection connection, UUID source, int piece, int chunkSize) {
        this.connection = connection;
        this.source = source;
        this.piece = piece;
        this.buffer = new byte[chunkSize];
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == buffer.length) {
                flush();
            }
        }
    }

    /** Stores what is buffered (the last, shorter chunk). */
    void flush() throws IOException {
        if (filled == 0) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO import_source_chunk (source_uuid, piece, seq, data) VALUES (?, ?, ?, ?)")) {
            statement.setObject(1, source);
            statement.setInt(2, piece);
            statement.setInt(3, seq++);
            statement.setBinaryStream(4, new java.io.ByteArrayInputStream(buffer, 0, filled), filled);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
        filled = 0;
    }

    /** A database failure while storing, carried through the stream API to the upload, which answers for it. */
    static final class StoreFailure extends IOException {
        final SQLException sql;

        StoreFailure(SQLException cause) {
            super(cause.getMessage(), cause);
            this.sql = cause;
        }
    }
}
