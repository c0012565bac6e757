package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.OPEN;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.operation.OperationStatus;

/** The two changes a client makes to its own bulk: re-open failed operations (retry), and acknowledge it. */
@ApplicationScoped
public class RetryAndAcknowledge {

    @Inject
    DataSource dataSource;

    /** How many operations a retry re-opened, and the publish epoch that publishing them must match. */
    public record Reopened(int operations, int epoch) {
    }

    /**
     * Re-opens the bulk's operations in the given statuses (and with one of the given error codes, unless none is
     * given), with their results cleared, and bumps the bulk's publish epoch, in one transaction. The bulk counts as
     * unpublished again with a lease of {@code lease}: whoever retries publishes the operations, and the relay does
     * if that fails. Empty (and nothing changed) when no operation matched.
     */
    public Optional<Reopened> reopen(UUID bulkUuid, Collection<OperationStatus> statuses, List<Integer> errorCodes,
            Duration lease) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int reopened = reopenOperations(connection, bulkUuid, statuses, errorCodes);
                if (reopened == 0) {
                    connection.rollback();
                    return Optional.empty();
                }
                int epoch = bumpEpoch(connection, bulkUuid, lease);
                connection.commit();
                return Optional.of(new Reopened(reopened, epoch));
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private static int reopenOperations(Connection connection, UUID bulkUuid, Collection<OperationStatus> statuses,
            List<Integer> errorCodes) throws SQLException {
        String errorFilter = errorCodes.isEmpty() ? "" : " AND error_code = ANY (?)";
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE operation SET status = " + OPEN.code() + ", error_code = NULL, result_message = NULL,"
                        + " result_serialized_data = NULL, started_at = NULL, finished_at = NULL,"
                        // Accepted anew (per-entity order): the retry takes effect after what was accepted on its
                        // entity until now, in the bulk's id order (numbers drawn over the locked rows in id order).
                        + " accepted_seq = retried.seq, waits_since = NULL"
                        + " FROM (SELECT id, nextval('operation_accept_seq') AS seq FROM (SELECT id FROM operation"
                        + " WHERE bulk_uuid = ? AND status = ANY (?)" + errorFilter + " ORDER BY id FOR UPDATE) locked) retried"
                        + " WHERE operation.bulk_uuid = ? AND operation.id = retried.id")) {
            statement.setObject(1, bulkUuid);
            statement.setArray(2, connection.createArrayOf("int2", statuses.stream().map(s -> (short) s.code()).toArray()));
            int p = 3;
            if (!errorCodes.isEmpty()) {
                statement.setArray(p++, connection.createArrayOf("int4", errorCodes.toArray()));
            }
            statement.setObject(p, bulkUuid);
            return statement.executeUpdate();
        }
    }

    private static int bumpEpoch(Connection connection, UUID bulkUuid, Duration lease) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE bulk SET published_at = NULL, publish_epoch = publish_epoch + 1,"
                        + " publish_lease_until = now() + ? * interval '1 millisecond' WHERE uuid = ? RETURNING publish_epoch")) {
            statement.setLong(1, lease.toMillis());
            statement.setObject(2, bulkUuid);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Marks the bulk as seen (Magento's Dismiss); a bulk acknowledged before keeps its first time. Returns whether
     * this call marked it.
     */
    public boolean acknowledge(UUID bulkUuid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk SET acknowledged_at = now() WHERE uuid = ? AND acknowledged_at IS NULL")) {
            statement.setObject(1, bulkUuid);
            return statement.executeUpdate() == 1;
        }
    }
}
