package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static io.catalogbulk.core.operation.OperationStatus.REJECTED;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Cancels a bulk: its still-open operations end as rejected (5) with {@link #MESSAGE}, in one statement.
 * <p>
 * An operation a worker is executing right now is row-locked by the worker's batch transaction
 * ({@link ExecutionLedger#lock}); the cancel skips it (SKIP LOCKED) instead of waiting, so it finishes normally.
 * A cancelled operation is never executed afterwards: a worker locks an operation and executes it only while it
 * is open, so a message for it that is still queued, redelivered or re-published is acknowledged and does nothing.
 */
@ApplicationScoped
public class BulkCancellation {

    public static final String MESSAGE = "Cancelled by the user.";

    @Inject
    DataSource dataSource;

    /** Ends every open, not executing operation of the bulk as cancelled; returns how many. */
    public int cancelOpen(UUID bulkUuid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE operation o SET status = " + REJECTED.code() + ", error_code = NULL, result_message = ?,"
                                + " result_serialized_data = NULL, finished_at = clock_timestamp()"
                                + " FROM (SELECT id FROM operation WHERE bulk_uuid = ? AND status = " + OPEN.code()
                                + " ORDER BY id FOR UPDATE SKIP LOCKED) open"
                                + " WHERE o.bulk_uuid = ? AND o.id = open.id AND o.status = " + OPEN.code())) {
            connection.setAutoCommit(true);
            statement.setString(1, MESSAGE);
            statement.setObject(2, bulkUuid);
            statement.setObject(3, bulkUuid);
            return statement.executeUpdate();
        }
    }
}
