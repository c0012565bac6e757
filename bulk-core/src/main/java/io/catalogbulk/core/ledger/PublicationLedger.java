package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.OPEN;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationMessage;

/**
 * What publishing a bulk records, and what the two relays look for. A bulk is published once the broker confirmed
 * every message of it ({@code published_at}); until then whoever holds its publish lease publishes it, and the
 * publish relay takes bulks whose lease ran out. A published bulk that still has open operations but made no
 * progress for a while is a suspect of the lost-message relay, which leases it with {@code lost_checked_at} and
 * settles it once nothing is open ({@code settled_at}).
 * <p>
 * Many relays may run at once: every claim takes its bulks with FOR UPDATE SKIP LOCKED and moves their lease in
 * the same statement.
 */
@ApplicationScoped
public class PublicationLedger {

    /** Open operations are read in pages of this many, in id order. */
    public static final int OPEN_OPERATIONS_PAGE = 10_000;

    @Inject
    DataSource dataSource;

    /** A bulk leased for publishing: its publish epoch when it was leased, and its owner (whom its messages name). */
    public record Claim(UUID bulkUuid, int epoch, Caller owner) {
    }

    /** A published bulk leased for a lost-message check, with the published_at it had when leased. */
    public record Suspect(UUID bulkUuid, Timestamp publishedAt, Caller owner) {
    }

    /**
     * Leases up to {@code limit} bulks whose publication was never confirmed and whose lease ran out, oldest lease
     * first.
     */
    public List<Claim> claimUnpublished(int limit, Duration lease) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk b SET publish_lease_until = now() + ? * interval '1 millisecond'"
                                + " WHERE b.uuid IN (SELECT uuid FROM bulk WHERE published_at IS NULL AND publish_lease_until < now()"
                                + " ORDER BY publish_lease_until LIMIT ? FOR UPDATE SKIP LOCKED)"
                                + " RETURNING b.uuid, b.publish_epoch, b.user_id, b.user_type")) {
            connection.setAutoCommit(true);
            statement.setLong(1, lease.toMillis());
            statement.setInt(2, limit);
            List<Claim> claims = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    claims.add(new Claim(rs.getObject(1, UUID.class), rs.getInt(2), owner(rs, 3, 4)));
                }
            }
            return claims;
        }
    }

    /** Moves the publish lease of a bulk still being published forward. */
    public void extendLease(UUID bulkUuid, Duration lease) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk SET publish_lease_until = now() + ? * interval '1 millisecond' WHERE uuid = ? AND published_at IS NULL")) {
            statement.setLong(1, lease.toMillis());
            statement.setObject(2, bulkUuid);
            statement.executeUpdate();
        }
    }

    /**
     * Marks a bulk published, but only if its publish epoch is still {@code epoch}: a retry that re-opened operations
     * meanwhile bumped it, and those operations are then left to the relay instead of being lost.
     */
    public void markPublished(UUID bulkUuid, int epoch) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk SET published_at = now() WHERE uuid = ? AND publish_epoch = ? AND published_at IS NULL")) {
            statement.setObject(1, bulkUuid);
            statement.setInt(2, epoch);
            statement.executeUpdate();
        }
    }

    /**
     * The messages of the bulk's open operations with an id above {@code afterId}: at most
     * {@link #OPEN_OPERATIONS_PAGE}, in id order (pass the last id of one page to get the next).
     */
    public List<OperationMessage> openOperations(UUID bulkUuid, Caller owner, int afterId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, topic_name, store_id FROM operation WHERE bulk_uuid = ? AND status = " + OPEN.code()
                                + " AND id > ? ORDER BY id LIMIT " + OPEN_OPERATIONS_PAGE)) {
            statement.setObject(1, bulkUuid);
            statement.setInt(2, afterId);
            List<OperationMessage> messages = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    messages.add(new OperationMessage(bulkUuid, rs.getInt(1), rs.getString(2), rs.getInt(3), owner.userId(),
                            owner.userType()));
                }
            }
            return messages;
        }
    }

    /**
     * Leases up to {@code limit} published bulks that may still have open operations, were published at least
     * {@code lostAfter} ago and were not checked within {@code lostAfter}; no other relay looks at them again before
     * {@code lostAfter} has passed.
     */
    public List<Suspect> claimSuspects(Duration lostAfter, int limit) throws SQLException {
        // The predicate repeats bulk_unsettled_idx's, so only unsettled bulks are read.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk b SET lost_checked_at = now() WHERE b.uuid IN ("
                                + " SELECT uuid FROM bulk WHERE published_at IS NOT NULL"
                                + " AND (settled_at IS NULL OR settled_at < published_at)"
                                + " AND published_at < now() - ? * interval '1 millisecond'"
                                + " AND (lost_checked_at IS NULL OR lost_checked_at < now() - ? * interval '1 millisecond')"
                                + " ORDER BY published_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                                + " RETURNING b.uuid, b.published_at, b.user_id, b.user_type")) {
            connection.setAutoCommit(true);
            statement.setLong(1, lostAfter.toMillis());
            statement.setLong(2, lostAfter.toMillis());
            statement.setInt(3, limit);
            List<Suspect> suspects = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    suspects.add(new Suspect(rs.getObject(1, UUID.class), rs.getTimestamp(2), owner(rs, 3, 4)));
                }
            }
            return suspects;
        }
    }

    /** Whether an operation of the bulk finished within {@code window}: its messages are still being worked on. */
    public boolean progressedRecently(UUID bulkUuid, Duration window) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM operation WHERE bulk_uuid = ? AND status <> " + OPEN.code()
                                + " AND finished_at > now() - ? * interval '1 millisecond')")) {
            statement.setObject(1, bulkUuid);
            statement.setLong(2, window.toMillis());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * No open operation left: the bulk leaves bulk_unsettled_idx. Only if it was not re-opened and re-published
     * meanwhile (a retry clears or moves published_at, and then this matches nothing).
     */
    public void settle(Suspect suspect) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk SET settled_at = now() WHERE uuid = ? AND published_at = ?"
                                + " AND NOT EXISTS (SELECT 1 FROM operation WHERE bulk_uuid = ? AND status = " + OPEN.code() + ")")) {
            statement.setObject(1, suspect.bulkUuid());
            statement.setTimestamp(2, suspect.publishedAt());
            statement.setObject(3, suspect.bulkUuid());
            statement.executeUpdate();
        }
    }

    private static Caller owner(ResultSet rs, int userIdColumn, int userTypeColumn) throws SQLException {
        int userId = rs.getInt(userIdColumn);
        return new Caller(rs.wasNull() ? null : userId, rs.getInt(userTypeColumn));
    }
}
