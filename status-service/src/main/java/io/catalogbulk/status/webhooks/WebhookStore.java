package io.catalogbulk.status.webhooks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.operation.Caller;

/**
 * The webhook tables (V95). Events are written by the database when a bulk finishes; this reads and changes
 * subscriptions, leases due events to deliver (FOR UPDATE SKIP LOCKED, so any number of replicas share the work
 * and none waits for another) and records each attempt with the event's next state in one transaction.
 */
@ApplicationScoped
public class WebhookStore {

    @Inject
    DataSource dataSource;

    public record Subscription(UUID id, String url, List<String> events, OffsetDateTime createdAt) {
    }

    /** An event leased for delivery, with what posting it needs (the secret still sealed). */
    public record Due(UUID eventId, String url, String sealedSecret, boolean subscriptionDeleted, String payload,
            int attempt, OffsetDateTime recordedAt) {
    }

    public record Attempt(UUID eventId, String type, UUID bulkUuid, String state, OffsetDateTime attemptedAt,
            Integer httpStatus, String error, int durationMs) {
    }

    public void subscribe(UUID id, Caller owner, String url, List<String> events, String sealedSecret) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("INSERT INTO webhook_subscription"
                        + " (id, user_id, user_type, url, events, secret) VALUES (?, ?, ?, ?, ?, ?)")) {
            statement.setObject(1, id);
            statement.setObject(2, owner.userId(), Types.INTEGER);
            statement.setInt(3, owner.userType());
            statement.setString(4, url);
            statement.setArray(5, connection.createArrayOf("text", events.toArray()));
            statement.setString(6, sealedSecret);
            statement.executeUpdate();
        }
    }

    public int count(Caller owner) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM webhook_subscription"
                        + " WHERE user_type = ? AND user_id IS NOT DISTINCT FROM ? AND deleted_at IS NULL")) {
            statement.setInt(1, owner.userType());
            statement.setObject(2, owner.userId(), Types.INTEGER);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The owner's live subscriptions, oldest first. */
    public List<Subscription> list(Caller owner) throws SQLException {
        return select(owner, null);
    }

    public Optional<Subscription> find(Caller owner, UUID id) throws SQLException {
        return select(owner, id).stream().findFirst();
    }

    private List<Subscription> select(Caller owner, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT id, url, events, created_at FROM webhook_subscription"
                        + " WHERE user_type = ? AND user_id IS NOT DISTINCT FROM ? AND deleted_at IS NULL"
                        + (id == null ? "" : " AND id = ?") + " ORDER BY created_at, id")) {
            statement.setInt(1, owner.userType());
            statement.setObject(2, owner.userId(), Types.INTEGER);
            if (id != null) {
                statement.setObject(3, id);
            }
            List<Subscription> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(new Subscription(rs.getObject(1, UUID.class), rs.getString(2), strings(rs.getArray(3)),
                            rs.getObject(4, OffsetDateTime.class)));
                }
            }
            return out;
        }
    }

    /** Soft delete (its delivery log stays readable to nobody, and its pending events are dropped by the deliverer). */
    public boolean delete(Caller owner, UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE webhook_subscription SET deleted_at = now()"
                        + " WHERE id = ? AND user_type = ? AND user_id IS NOT DISTINCT FROM ? AND deleted_at IS NULL")) {
            statement.setObject(1, id);
            statement.setInt(2, owner.userType());
            statement.setObject(3, owner.userId(), Types.INTEGER);
            return statement.executeUpdate() == 1;
        }
    }

    /** Every attempt of the subscription's events, newest first (at most {@code limit}). */
    public List<Attempt> attempts(UUID subscription, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT e.id, e.type, e.bulk_uuid, e.state, a.attempted_at,"
                        + " a.http_status, a.error, a.duration_ms FROM webhook_event e JOIN webhook_attempt a ON a.event_id = e.id"
                        + " WHERE e.subscription_id = ? ORDER BY a.attempted_at DESC LIMIT ?")) {
            statement.setObject(1, subscription);
            statement.setInt(2, limit);
            List<Attempt> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int status = rs.getInt(6);
                    Integer httpStatus = rs.wasNull() ? null : status;
                    out.add(new Attempt(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), httpStatus, rs.getString(7), rs.getInt(8)));
                }
            }
            return out;
        }
    }

    /**
     * Leases up to {@code limit} due events: their next attempt moves {@code lease} ahead, so a replica that dies
     * while posting leaves them to another once the lease has run out (delivery is at least once).
     */
    public List<Due> lease(int limit, Duration lease) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "WITH due AS (SELECT id FROM webhook_event WHERE state = 'pending' AND next_attempt_at <= now()"
                                + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED),"
                                + " leased AS (UPDATE webhook_event e SET next_attempt_at = now() + ? * interval '1 millisecond',"
                                + " lease_until = now() + ? * interval '1 millisecond', attempts = e.attempts + 1"
                                + " FROM due WHERE e.id = due.id RETURNING e.id, e.subscription_id, e.payload, e.attempts, e.created_at)"
                                + " SELECT l.id, s.url, s.secret, s.deleted_at IS NOT NULL, l.payload, l.attempts, l.created_at"
                                + " FROM leased l JOIN webhook_subscription s ON s.id = l.subscription_id")) {
            connection.setAutoCommit(true);
            statement.setInt(1, limit);
            statement.setLong(2, lease.toMillis());
            statement.setLong(3, lease.toMillis());
            List<Due> out = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5), rs.getInt(6), rs.getObject(7, OffsetDateTime.class)));
                }
            }
            return out;
        }
    }

    /**
     * One attempt and what follows it: {@code delivered}, {@code failed} (given up), or pending again at
     * {@code nextAttempt}.
     */
    public void recordAttempt(UUID eventId, OffsetDateTime attemptedAt, Integer httpStatus, String error, int durationMs,
            String state, OffsetDateTime nextAttempt) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement attempt = connection.prepareStatement("INSERT INTO webhook_attempt"
                    + " (event_id, attempted_at, http_status, error, duration_ms) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement event = connection.prepareStatement("UPDATE webhook_event SET state = ?,"
                            + " next_attempt_at = COALESCE(?, next_attempt_at), lease_until = NULL WHERE id = ?")) {
                attempt.setObject(1, eventId);
                attempt.setObject(2, attemptedAt);
                attempt.setObject(3, httpStatus, Types.INTEGER);
                attempt.setString(4, error);
                attempt.setInt(5, durationMs);
                attempt.executeUpdate();
                event.setString(1, state);
                event.setObject(2, nextAttempt);
                event.setObject(3, eventId);
                event.executeUpdate();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
