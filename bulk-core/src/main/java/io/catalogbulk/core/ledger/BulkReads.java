package io.catalogbulk.core.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationCounts;
import io.catalogbulk.core.operation.OperationStatus;

/**
 * A bulk and how many of its operations are in each status. The counts are sums of the per-bulk status
 * differences the database keeps (V60), never a count over the bulk's operations: they answer in the same time
 * for a bulk of one operation and one of 100,000.
 */
@ApplicationScoped
public class BulkReads {

    /**
     * The status differences of a bulk retention deleted stay until their partition is dropped (V99): counts are
     * read only for a bulk that exists, so a deleted bulk's counts are 0 as they were when its rows went with it.
     */
    private static final String BULK_EXISTS = "EXISTS (SELECT 1 FROM bulk WHERE uuid = ?)";

    @Inject
    DataSource dataSource;

    public Optional<Bulk> find(UUID uuid) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, uuid);
        }
    }

    /** The bulk as the snapshot sees it. */
    public Optional<Bulk> find(StatusSnapshot snapshot, UUID uuid) throws SQLException {
        return find(snapshot.connection(), uuid);
    }

    /** How many of the bulk's operations are in each status. */
    public OperationCounts counts(UUID bulkUuid) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return counts(connection, bulkUuid);
        }
    }

    /** The counts as the snapshot sees them: they agree with every other read of the same snapshot. */
    public OperationCounts counts(StatusSnapshot snapshot, UUID bulkUuid) throws SQLException {
        return counts(snapshot.connection(), bulkUuid);
    }

    /** How many of the bulk's operations have the status: the bare integer of /operation-status/:status. */
    public long count(UUID bulkUuid, OperationStatus status) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return count(connection, bulkUuid, status);
        }
    }

    public long count(StatusSnapshot snapshot, UUID bulkUuid, OperationStatus status) throws SQLException {
        return count(snapshot.connection(), bulkUuid, status);
    }

    /** A snapshot to read a bulk, its counts and its operations at one moment. */
    public StatusSnapshot snapshot() throws SQLException {
        return StatusSnapshot.open(dataSource);
    }

    private static Optional<Bulk> find(Connection connection, UUID uuid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT user_id, user_type, description, operation_count, start_time FROM bulk WHERE uuid = ?")) {
            statement.setObject(1, uuid);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int userId = rs.getInt(1);
                Caller owner = new Caller(rs.wasNull() ? null : userId, rs.getInt(2));
                return Optional.of(new Bulk(uuid, owner, rs.getString(3), rs.getInt(4), rs.getObject(5, OffsetDateTime.class)));
            }
        }
    }

    private static OperationCounts counts(Connection connection, UUID bulkUuid) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT status, sum(delta) FROM bulk_status_delta WHERE bulk_uuid = ? AND " + BULK_EXISTS + " GROUP BY status"
                        + " HAVING sum(delta) <> 0")) {
            statement.setObject(1, bulkUuid);
            statement.setObject(2, bulkUuid);
            Map<Integer, Long> byStatus = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    byStatus.put(rs.getInt(1), rs.getLong(2));
                }
            }
            return OperationCounts.fromStatusCounts(byStatus);
        }
    }

    /**
     * The counts of many bulks in one query (live progress polls every watched bulk at once); a bulk without rows
     * (unknown, or deleted by retention) has all counts 0.
     */
    public Map<UUID, OperationCounts> counts(Collection<UUID> bulkUuids) throws SQLException {
        Map<UUID, Map<Integer, Long>> byBulk = new HashMap<>();
        for (UUID uuid : bulkUuids) {
            byBulk.put(uuid, new HashMap<>());
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT bulk_uuid, status, sum(delta) FROM bulk_status_delta"
                                + " WHERE bulk_uuid IN (SELECT uuid FROM bulk WHERE uuid = ANY (?))"
                                + " GROUP BY bulk_uuid, status HAVING sum(delta) <> 0")) {
            statement.setArray(1, connection.createArrayOf("uuid", bulkUuids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    byBulk.get(rs.getObject(1, UUID.class)).put(rs.getInt(2), rs.getLong(3));
                }
            }
        }
        Map<UUID, OperationCounts> counts = new HashMap<>();
        byBulk.forEach((uuid, byStatus) -> counts.put(uuid, OperationCounts.fromStatusCounts(byStatus)));
        return counts;
    }

    private static long count(Connection connection, UUID bulkUuid, OperationStatus status) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COALESCE(sum(delta), 0) FROM bulk_status_delta WHERE bulk_uuid = ? AND status = ? AND " + BULK_EXISTS)) {
            statement.setObject(1, bulkUuid);
            statement.setShort(2, (short) status.code());
            statement.setObject(3, bulkUuid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
