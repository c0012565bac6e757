package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.OPEN;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.operation.StoreScope;

/**
 * What an import does to the bulk and operation tables, in its caller's transaction. An import's bulk is created
 * empty when the import starts and grows chunk by chunk while the file is split: each chunk's operations are
 * appended in the transaction that also records how far the split got, so a resumed split never writes a row twice.
 * While the split runs the bulk's publish lease is held open-ended, so the publish relay leaves it to the splitter;
 * when the split ends the lease is handed back, and the relay publishes whatever the splitter could not.
 */
@ApplicationScoped
public class ImportLedger {

    static final int COPY_THRESHOLD = 32;
    private static final int COPY_CHUNK_BYTES = 256 * 1024;

    /**
     * One operation of an import: row n is operation n - 1; an invalid row is stored already failed. {@code entityKey}:
     * the entity it writes, for per-entity order (null: not ordered).
     */
    public record NewOperation(int id, byte[] data, OperationStatus status, Integer errorCode, String message, String entityKey) {
        public NewOperation(int id, byte[] data, OperationStatus status, Integer errorCode, String message) {
            this(id, data, status, errorCode, message, null);
        }
    }

    /** A failed operation of an import's bulk (not complete, not open). */
    public record FailedOperation(int id, OperationStatus status, Integer errorCode, String message) {
    }

    /** The import's bulk, empty, its publication left to the splitter until {@link #splitFinished}. */
    public void createBulk(Connection connection, UUID bulkUuid, String topic, Caller owner) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, publish_lease_until)"
                        + " VALUES (?, ?, ?, ?, 0, 'infinity')")) {
            statement.setObject(1, bulkUuid);
            if (owner.userId() == null) {
                statement.setNull(2, Types.INTEGER);
            } else {
                statement.setInt(2, owner.userId());
            }
            statement.setInt(3, owner.userType());
            statement.setString(4, "Topic " + topic);
            statement.executeUpdate();
        }
    }

    /**
     * Appends a chunk of operations and adds their number to the bulk's operation count (in the caller's transaction,
     * which also records how far the split got, so the count never counts a chunk twice). The operations are accepted
     * in list order (each draws its acceptance number as it is inserted), which is the order operations on one entity
     * take effect in; a chunk appended again after a crash was rolled back with its numbers.
     */
    public void appendCounted(Connection connection, UUID bulkUuid, String topic, StoreScope scope, List<NewOperation> operations)
            throws SQLException {
        if (operations.isEmpty()) {
            return;
        }
        // The rows are written in later transactions than the bulk, so they are given its start time as their
        // partition key explicitly (V99): all rows of a bulk stay in one partition.
        String bulkStartTime;
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE bulk SET operation_count = operation_count + ? WHERE uuid = ? RETURNING start_time::text")) {
            statement.setLong(1, operations.size());
            statement.setObject(2, bulkUuid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                bulkStartTime = rs.getString(1);
            }
        }
        if (operations.size() < COPY_THRESHOLD) {
            insert(connection, bulkUuid, bulkStartTime, topic, scope, operations);
        } else {
            copy(connection, bulkUuid, bulkStartTime, topic, scope, operations);
        }
    }

    /**
     * The split is over: the publish lease is handed back. If the splitter confirmed every chunk's messages the bulk
     * is marked published; otherwise the relay publishes its open operations (a duplicate message is harmless).
     */
    public void splitFinished(Connection connection, UUID bulkUuid, boolean allPublished) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE bulk SET publish_lease_until = now(), published_at = CASE WHEN ? THEN now() END WHERE uuid = ?")) {
            statement.setBoolean(1, allPublished);
            statement.setObject(2, bulkUuid);
            statement.executeUpdate();
        }
    }

    /** Operations per status, from the per-bulk differences (V60). */
    public Map<OperationStatus, Long> counts(Connection connection, UUID bulkUuid) throws SQLException {
        Map<OperationStatus, Long> counts = new EnumMap<>(OperationStatus.class);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT status, sum(delta) FROM bulk_status_delta WHERE bulk_uuid = ? GROUP BY status")) {
            statement.setObject(1, bulkUuid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.put(OperationStatus.of(rs.getInt(1)), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    /** Failed operations with an id above {@code afterId}, in id order (= the file's row order). */
    public List<FailedOperation> failed(Connection connection, UUID bulkUuid, int afterId, int limit) throws SQLException {
        return failed(connection, bulkUuid, afterId, Integer.MAX_VALUE, limit);
    }

    /** Failed operations with an id above {@code afterId} and below {@code beforeId}, in id order. */
    public List<FailedOperation> failed(Connection connection, UUID bulkUuid, int afterId, int beforeId, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, status, error_code, result_message FROM operation WHERE bulk_uuid = ? AND id > ? AND id < ?"
                        + " AND status NOT IN (" + OperationStatus.COMPLETE.code() + ", " + OPEN.code() + ") ORDER BY id LIMIT ?")) {
            statement.setObject(1, bulkUuid);
            statement.setInt(2, afterId);
            statement.setInt(3, beforeId);
            statement.setInt(4, limit);
            List<FailedOperation> failed = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(3);
                    failed.add(new FailedOperation(rs.getInt(1), OperationStatus.of(rs.getInt(2)), rs.wasNull() ? null : code, rs.getString(4)));
                }
            }
            return failed;
        }
    }

    /** A failed operation, if the bulk has one with this id, locked for re-opening. */
    public Optional<FailedOperation> lockFailed(Connection connection, UUID bulkUuid, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, status, error_code, result_message FROM operation WHERE bulk_uuid = ? AND id = ?"
                        + " AND status NOT IN (" + OperationStatus.COMPLETE.code() + ", " + OPEN.code() + ") FOR UPDATE")) {
            statement.setObject(1, bulkUuid);
            statement.setInt(2, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int code = rs.getInt(3);
                return Optional.of(new FailedOperation(rs.getInt(1), OperationStatus.of(rs.getInt(2)), rs.wasNull() ? null : code,
                        rs.getString(4)));
            }
        }
    }

    /** As {@link #replace(Connection, UUID, int, byte[], OperationStatus, Integer, String, String)}, not ordered. */
    public void replace(Connection connection, UUID bulkUuid, int id, byte[] data, OperationStatus status, Integer errorCode,
            String message) throws SQLException {
        replace(connection, bulkUuid, id, data, status, errorCode, message, null);
    }

    /**
     * Gives a failed operation new data: open again if valid, failed with the new message if not. Re-opened, it is
     * accepted anew (a new acceptance number: it takes effect after what was accepted on its entity before now).
     */
    public void replace(Connection connection, UUID bulkUuid, int id, byte[] data, OperationStatus status, Integer errorCode,
            String message, String entityKey) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE operation SET serialized_data = ?, status = ?, error_code = ?, result_message = ?, result_serialized_data = NULL,"
                        + " started_at = NULL, finished_at = " + (status == OPEN ? "NULL" : "now()") + ", attempts = 0,"
                        + " entity_key = ?, accepted_seq = nextval('operation_accept_seq'), waits_since = NULL"
                        + " WHERE bulk_uuid = ? AND id = ?")) {
            statement.setString(1, new String(data, StandardCharsets.UTF_8));
            statement.setInt(2, status.code());
            if (errorCode == null) {
                statement.setNull(3, Types.INTEGER);
            } else {
                statement.setInt(3, errorCode);
            }
            statement.setString(4, message);
            statement.setString(5, entityKey);
            statement.setObject(6, bulkUuid);
            statement.setInt(7, id);
            statement.executeUpdate();
        }
    }

    /**
     * Re-opened operations are to be published: as a retry does, the bulk's publication is reset with a new epoch and
     * a lease, so the relay publishes them if the caller cannot. Returns the new epoch.
     */
    public int reopened(Connection connection, UUID bulkUuid, long leaseMillis) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE bulk SET published_at = NULL, publish_epoch = publish_epoch + 1,"
                        + " publish_lease_until = now() + ? * interval '1 millisecond' WHERE uuid = ? RETURNING publish_epoch")) {
            statement.setLong(1, leaseMillis);
            statement.setObject(2, bulkUuid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void insert(Connection connection, UUID uuid, String bulkStartTime, String topic, StoreScope scope,
            List<NewOperation> operations) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope,"
                + " status, error_code, result_message, finished_at, entity_key, bulk_start_time) VALUES ");
        for (int i = 0; i < operations.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN NULL ELSE now() END, ?, ?::timestamptz)");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (NewOperation operation : operations) {
                statement.setObject(p++, uuid);
                statement.setInt(p++, operation.id());
                statement.setString(p++, topic);
                statement.setString(p++, new String(operation.data(), StandardCharsets.UTF_8));
                statement.setInt(p++, scope.storeId());
                statement.setString(p++, scope.mode().dbValue());
                statement.setInt(p++, operation.status().code());
                if (operation.errorCode() == null) {
                    statement.setNull(p++, Types.INTEGER);
                } else {
                    statement.setInt(p++, operation.errorCode());
                }
                statement.setString(p++, operation.message());
                statement.setBoolean(p++, operation.status() == OPEN);
                statement.setString(p++, operation.entityKey());
                statement.setString(p++, bulkStartTime);
            }
            statement.executeUpdate();
        }
    }

    private static void copy(Connection connection, UUID uuid, String bulkStartTime, String topic, StoreScope scope,
            List<NewOperation> operations) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, status, error_code, result_message,"
                        + " finished_at, entity_key, bulk_start_time) FROM STDIN (FORMAT csv)");
        try {
            byte[] prefix = (uuid + ",").getBytes(StandardCharsets.US_ASCII);
            byte[] topicBytes = (",\"" + topic + "\",").getBytes(StandardCharsets.US_ASCII);
            byte[] scopeBytes = ("," + scope.storeId() + "," + scope.mode().dbValue() + ",").getBytes(StandardCharsets.US_ASCII);
            byte[] startTimeBytes = (",\"" + bulkStartTime + "\"").getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(COPY_CHUNK_BYTES + 4096);
            for (NewOperation operation : operations) {
                buffer.writeBytes(prefix);
                buffer.writeBytes(Integer.toString(operation.id()).getBytes(StandardCharsets.US_ASCII));
                buffer.writeBytes(topicBytes);
                NewBulkWriter.writeCsvQuoted(buffer, operation.data());
                buffer.writeBytes(scopeBytes);
                buffer.writeBytes(Integer.toString(operation.status().code()).getBytes(StandardCharsets.US_ASCII));
                buffer.write(',');
                if (operation.errorCode() != null) {
                    buffer.writeBytes(operation.errorCode().toString().getBytes(StandardCharsets.US_ASCII));
                }
                buffer.write(',');
                if (operation.message() != null) {
                    NewBulkWriter.writeCsvQuoted(buffer, operation.message().getBytes(StandardCharsets.UTF_8));
                }
                buffer.write(',');
                if (operation.status() != OPEN) {
                    buffer.writeBytes("now".getBytes(StandardCharsets.US_ASCII));
                }
                buffer.write(',');
                if (operation.entityKey() != null) {
                    NewBulkWriter.writeCsvQuoted(buffer, operation.entityKey().getBytes(StandardCharsets.UTF_8));
                }
                buffer.writeBytes(startTimeBytes);
                buffer.write('\n');
                if (buffer.size() >= COPY_CHUNK_BYTES) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }
            if (buffer.size() > 0) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
