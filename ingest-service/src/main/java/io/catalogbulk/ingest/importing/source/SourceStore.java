package io.catalogbulk.ingest.importing.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.webapi.Json;

/** Every statement on {@code import_source}: a source's row, looked up by its owner only. */
@ApplicationScoped
public class SourceStore {

    static final String COLUMNS = "uuid, status, format, filename, size, sha256, rows, columns, errors, created_at, pieces_count, data_hash";

    @Inject
    DataSource dataSource;

    /** A stored source as its routes show it. */
    public record Source(UUID uuid, String status, SourceFormat format, String filename, long size, String sha256, long rows,
            List<String> columns, JsonNode errors, OffsetDateTime createdAt, Integer piecesCount, String dataHash) {

        public ObjectNode json() {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("uuid", uuid.toString());
            node.put("status", status);
            node.put("format", format.code());
            node.put("filename", filename);
            node.put("size", size);
            node.put("sha256", sha256);
            node.put("rows", rows);
            ArrayNode cols = node.putArray("columns");
            columns.forEach(cols::add);
            node.set("errors", errors);
            node.put("created_at", Json.timestamp(createdAt));
            if (piecesCount != null) {
                node.put("pieces_count", piecesCount);
                node.put("data_hash", dataHash);
            }
            return node;
        }

        public boolean usable() {
            return status.equals("uploaded");
        }
    }

    static void insert(Connection connection, UUID uuid, Caller owner, String status, SourceFormat format, String filename,
            Integer piecesCount, String dataHash) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO import_source (uuid, user_id, user_type, status, format, filename, pieces_count, data_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            statement.setObject(1, uuid);
            setNullableInt(statement, 2, owner.userId());
            statement.setInt(3, owner.userType());
            statement.setString(4, status);
            statement.setString(5, format.code());
            statement.setString(6, filename);
            setNullableInt(statement, 7, piecesCount);
            statement.setString(8, dataHash);
            statement.executeUpdate();
        }
    }

    /** Records the outcome of the check: status, size, hash, rows, columns, errors. */
    static void checked(Connection connection, UUID uuid, String status, long size, String sha256, SourceCheck.Result result)
            throws SQLException {
        ArrayNode columns = Json.MAPPER.createArrayNode();
        result.columns().forEach(columns::add);
        ArrayNode errors = Json.MAPPER.createArrayNode();
        for (SourceCheck.Error error : result.errors()) {
            errors.addObject().put("row", error.row()).put("message", error.message());
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE import_source SET status = ?, size = ?, sha256 = ?, rows = ?, columns = ?::jsonb, errors = ?::jsonb WHERE uuid = ?")) {
            statement.setString(1, status);
            statement.setLong(2, size);
            statement.setString(3, sha256);
            statement.setLong(4, result.rows());
            statement.setString(5, Json.string(columns));
            statement.setString(6, Json.string(errors));
            statement.setObject(7, uuid);
            statement.executeUpdate();
        }
    }

    /** The source, if it exists and belongs to {@code owner} (anyone else's is as unknown as a uuid never issued). */
    public Optional<Source> find(UUID uuid, Caller owner) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, uuid, owner, false);
        }
    }

    static Optional<Source> find(Connection connection, UUID uuid, Caller owner, boolean forUpdate) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM import_source WHERE uuid = ?"
                + " AND user_type = ? AND user_id IS NOT DISTINCT FROM ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            statement.setObject(1, uuid);
            statement.setInt(2, owner.userType());
            setNullableInt(statement, 3, owner.userId());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The owner's sources, newest first. */
    public List<Source> list(Caller owner, int limit, int offset) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM import_source"
                        + " WHERE user_type = ? AND user_id IS NOT DISTINCT FROM ? ORDER BY created_at DESC, uuid LIMIT ? OFFSET ?")) {
            statement.setInt(1, owner.userType());
            setNullableInt(statement, 2, owner.userId());
            statement.setInt(3, limit);
            statement.setInt(4, offset);
            List<Source> sources = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    sources.add(read(rs));
                }
            }
            return sources;
        }
    }

    public long count(Caller owner) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM import_source WHERE user_type = ? AND user_id IS NOT DISTINCT FROM ?")) {
            statement.setInt(1, owner.userType());
            setNullableInt(statement, 2, owner.userId());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Deletes the owner's source and its bytes; false when there is none. A source an import was started from is
     * kept while the import exists (its failed rows are read from it): deleting it is refused by the caller.
     */
    public boolean delete(UUID uuid, Caller owner) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("DELETE FROM import_source WHERE uuid = ?"
                        + " AND user_type = ? AND user_id IS NOT DISTINCT FROM ?")) {
            statement.setObject(1, uuid);
            statement.setInt(2, owner.userType());
            setNullableInt(statement, 3, owner.userId());
            return statement.executeUpdate() == 1;
        }
    }

    /** Whether an import was started from the source. */
    public boolean inUse(UUID uuid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM import_job WHERE source_uuid = ?)")) {
            statement.setObject(1, uuid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Source read(ResultSet rs) throws SQLException {
        List<String> columns = new ArrayList<>();
        Json.parse(rs.getString("columns")).forEach(c -> columns.add(c.asText()));
        int pieces = rs.getInt("pieces_count");
        Integer piecesCount = rs.wasNull() ? null : pieces;
        return new Source(rs.getObject("uuid", UUID.class), rs.getString("status"),
                SourceFormat.ofCode(rs.getString("format")).orElseThrow(), rs.getString("filename"), rs.getLong("size"),
                rs.getString("sha256"), rs.getLong("rows"), columns, Json.parse(rs.getString("errors")),
                rs.getObject("created_at", OffsetDateTime.class), piecesCount, rs.getString("data_hash"));
    }

    static void setNullableInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
