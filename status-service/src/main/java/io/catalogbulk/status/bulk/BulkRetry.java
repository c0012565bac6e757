package io.catalogbulk.status.bulk;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.messaging.BulkPublication;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Re-queues failed operations of a bulk: in one transaction they go back to open (results cleared) and the
 * bulk's publish epoch is bumped, then they are published. If publishing fails now, the relay in
 * ingest-service publishes them when the lease set here runs out: a retry is never lost.
 */
@ApplicationScoped
public class BulkRetry {

    private static final Logger LOG = Logger.getLogger(BulkRetry.class);

    @Inject
    DataSource dataSource;

    @Inject
    BulkPublication publication;

    @ConfigProperty(name = "catalog-bulk.relay.lease", defaultValue = "30s")
    Duration lease;

    /** Returns how many operations were re-opened. */
    int retry(Bulk bulk, List<Integer> statuses, List<Integer> errorCodes) {
        int epoch;
        int reopened;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                reopened = reopen(connection, bulk.uuid, statuses, errorCodes);
                if (reopened == 0) {
                    connection.rollback();
                    return 0;
                }
                epoch = bumpEpoch(connection, bulk.uuid);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            if (TransientErrors.isConnectionFailure(e) || TransientErrors.isTransient(e)) {
                throw WebapiException.serviceUnavailable("The database is unavailable; nothing was re-queued. Retry later.", 5);
            }
            throw new IllegalStateException("Retrying bulk " + bulk.uuid + " failed", e);
        }
        try {
            publication.publishOpen(new BulkPublication.Claim(bulk.uuid, epoch, bulk.userId, bulk.userType), lease);
        } catch (Exception e) {
            LOG.warnf("Re-opened %d operation(s) of bulk %s; publishing them is left to the relay (%s)", reopened, bulk.uuid,
                    e.getMessage());
        }
        return reopened;
    }

    private static int reopen(Connection connection, UUID bulkUuid, List<Integer> statuses, List<Integer> errorCodes)
            throws SQLException {
        String errorFilter = errorCodes.isEmpty() ? "" : " AND error_code = ANY (?)";
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE operation SET status = " + OperationStatus.OPEN.code() + ", error_code = NULL, result_message = NULL,"
                        + " result_serialized_data = NULL, started_at = NULL, finished_at = NULL"
                        + " WHERE bulk_uuid = ? AND status = ANY (?)" + errorFilter)) {
            statement.setObject(1, bulkUuid);
            Array statusArray = connection.createArrayOf("int2", statuses.stream().map(Integer::shortValue).toArray());
            statement.setArray(2, statusArray);
            if (!errorCodes.isEmpty()) {
                statement.setArray(3, connection.createArrayOf("int4", errorCodes.toArray()));
            }
            return statement.executeUpdate();
        }
    }

    private int bumpEpoch(Connection connection, UUID bulkUuid) throws SQLException {
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
}
