package io.catalogbulk.core.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The table {@code idempotency_key}: which bulk a principal's Idempotency-Key stored, for which request. A key is
 * claimed inside the transaction that stores its bulk ({@link NewBulkWriter}), so a key exists exactly when its
 * bulk does; an expired row counts as absent and is taken over, then purged by {@link #purgeExpired}.
 */
@ApplicationScoped
public class IdempotencyKeys {

    @Inject
    DataSource dataSource;

    /** A principal's key for one request; {@code requestHash} is the SHA-256 of method, path, store and body. */
    public record Key(int userType, int userId, String key, byte[] requestHash, Duration retention) {

        /**
         * A transaction-scoped advisory lock per (principal, key): a second request with the same key while the
         * first is still being stored finds it taken and is told 409 at once, instead of waiting on the first's
         * uncommitted row. A hash collision with another key only costs that one a spurious 409.
         */
        public long lockId() {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update(("idempotency\n" + userType + "\n" + userId + "\n" + key).getBytes(StandardCharsets.UTF_8));
                return ByteBuffer.wrap(digest.digest()).getLong();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A live key: the bulk it stored and the hash of the request that stored it. */
    public record Stored(UUID bulkUuid, byte[] requestHash) {
    }

    /** What claiming a key inside a bulk's transaction found. */
    public sealed interface Claim {
    }

    /** The key is now this bulk's (commits or rolls back with it). */
    public record Claimed() implements Claim {
    }

    /** Another transaction holds the key and has not committed yet. */
    public record InProgress() implements Claim {
    }

    /** A committed, unexpired key already names a bulk. */
    public record Existing(Stored stored) implements Claim {
    }

    /** The live key, if any (read outside a transaction, before anything is validated against limits). */
    public Optional<Stored> find(Key key) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, key);
        }
    }

    private static Optional<Stored> find(Connection connection, Key key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT bulk_uuid, request_hash FROM idempotency_key"
                        + " WHERE user_type = ? AND user_id = ? AND idempotency_key = ? AND expires_at > now()")) {
            statement.setInt(1, key.userType());
            statement.setInt(2, key.userId());
            statement.setString(3, key.key());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getObject(1, UUID.class), rs.getBytes(2))) : Optional.empty();
            }
        }
    }

    /**
     * Claims the key for {@code bulkUuid} in the caller's open transaction (the bulk row must already be inserted
     * in it): a bulk's ({@link NewBulkWriter}) or an import's (its bulk names the import). An expired row of the same
     * key is taken over.
     */
    public Claim claim(Connection connection, Key key, UUID bulkUuid) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, key.lockId());
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return new InProgress();
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO idempotency_key (user_type, user_id, idempotency_key, request_hash, bulk_uuid, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, now() + ? * interval '1 millisecond')"
                        + " ON CONFLICT (user_type, user_id, idempotency_key) DO UPDATE"
                        + " SET request_hash = excluded.request_hash, bulk_uuid = excluded.bulk_uuid,"
                        + " created_at = now(), expires_at = excluded.expires_at"
                        + " WHERE idempotency_key.expires_at <= now()")) {
            insert.setInt(1, key.userType());
            insert.setInt(2, key.userId());
            insert.setString(3, key.key());
            insert.setBytes(4, key.requestHash());
            insert.setObject(5, bulkUuid);
            insert.setLong(6, key.retention().toMillis());
            if (insert.executeUpdate() == 1) {
                return new Claimed();
            }
        }
        // A request with this key committed between the caller's first look and this lock.
        return find(connection, key).<Claim>map(Existing::new).orElseGet(InProgress::new);
    }

    /** Deletes up to {@code limit} expired keys in one short transaction; returns how many. */
    public int purgeExpired(int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM idempotency_key WHERE ctid IN (SELECT ctid FROM idempotency_key"
                                + " WHERE expires_at <= now() LIMIT ? FOR UPDATE SKIP LOCKED)")) {
            connection.setAutoCommit(true);
            statement.setInt(1, limit);
            return statement.executeUpdate();
        }
    }
}
