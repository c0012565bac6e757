package io.catalogbulk.ingest.importing.source;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * A stored file read back, chunk by chunk in (piece, seq) order: one short query per chunk, so reading a large file
 * holds neither a connection nor more than one chunk for long (a split takes minutes; the pool is shared).
 */
public final class ChunkInputStream extends InputStream {

    private final DataSource dataSource;
    private final UUID source;
    private int piece = Integer.MIN_VALUE;
    private int seq = Integer.MIN_VALUE;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    public ChunkInputStream(DataSource dataSource, UUID source) {
        this.dataSource = dataSource;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return chunk[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (position >= chunk.length) {
            if (ended) {
                return false;
            }
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT piece, seq, data FROM import_source_chunk WHERE source_uuid = ? AND (piece, seq) > (?, ?)"
                                    + " ORDER BY piece, seq LIMIT 1")) {
                statement.setObject(1, source);
                statement.setInt(2, piece);
                statement.setInt(3, seq);
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        ended = true;
                        return false;
                    }
                    piece = rs.getInt(1);
                    seq = rs.getInt(2);
                    chunk = rs.getBytes(3);
                    position = 0;
                }
            } catch (SQLException e) {
                throw new IOException("Reading import source " + source + " failed: " + e.getMessage(), e);
            }
        }
        return true;
    }
}
