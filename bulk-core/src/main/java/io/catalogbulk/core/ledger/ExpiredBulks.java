package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.OPEN;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Deletes finished bulks (no operation open) by age, with their imports, idempotency keys and webhook events (ON
 * DELETE CASCADE): a few rows per bulk. Their operations and status differences stay, unread (every read starts from
 * a bulk that exists), until {@link StoragePartitions#dropExpired} drops their partition whole. A bulk whose
 * operations a retry re-opened is not finished and is kept.
 */
@ApplicationScoped
public class ExpiredBulks {

    @Inject
    DataSource dataSource;

    /**
     * Deletes up to {@code limit} finished bulks that started more than {@code days} ago, oldest first, in one short
     * transaction; returns how many. Many callers may run it at once: the bulks are claimed with FOR UPDATE SKIP
     * LOCKED, so two never wait on or delete the same rows.
     */
    public int deleteFinished(int days, int limit) throws SQLException {
        // bulk_start_time_idx finds the candidates; the open-operation probe uses (bulk_uuid, status, id).
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM bulk WHERE uuid IN (SELECT b.uuid FROM bulk b"
                                + " WHERE b.start_time < now() - ? * interval '1 day'"
                                + " AND NOT EXISTS (SELECT 1 FROM operation o WHERE o.bulk_uuid = b.uuid AND o.status = " + OPEN.code() + ")"
                                // An import still being split has no open operation yet, but is not finished.
                                + " AND NOT EXISTS (SELECT 1 FROM import_job j WHERE j.bulk_uuid = b.uuid AND j.state IN ('queued', 'splitting'))"
                                + " ORDER BY b.start_time LIMIT ? FOR UPDATE SKIP LOCKED)")) {
            connection.setAutoCommit(true);
            statement.setInt(1, days);
            statement.setInt(2, limit);
            return statement.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code limit} uploaded import files older than {@code days} that no import refers to any more (an
     * import goes with its bulk), with their stored bytes; returns how many. Claimed like {@link #deleteFinished}.
     */
    public int deleteUnusedImportSources(int days, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM import_source WHERE uuid IN (SELECT s.uuid FROM import_source s"
                                + " WHERE s.created_at < now() - ? * interval '1 day'"
                                + " AND NOT EXISTS (SELECT 1 FROM import_job j WHERE j.source_uuid = s.uuid)"
                                + " ORDER BY s.created_at LIMIT ? FOR UPDATE SKIP LOCKED)")) {
            connection.setAutoCommit(true);
            statement.setInt(1, days);
            statement.setInt(2, limit);
            return statement.executeUpdate();
        }
    }
}
