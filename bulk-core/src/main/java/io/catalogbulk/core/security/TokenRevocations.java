package io.catalogbulk.core.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.catalogbulk.core.webapi.WebapiException;

/**
 * Whether a validly signed token was revoked since it was issued: one primary-key probe of
 * {@code token_revocation} by (user type, user id), so a revocation written by ingest-service is honoured by
 * every service on its next request. The answer may be cached per principal for
 * {@code catalog-bulk.tokens.revocation-cache} (default 0: no cache, revocation is immediate everywhere).
 */
@ApplicationScoped
public class TokenRevocations {

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "catalog-bulk.tokens.revocation-cache", defaultValue = "0s")
    Duration cacheFor;

    /** Each service answers a database outage with its own 503 wording (ingest: "nothing was stored"). */
    @ConfigProperty(name = "catalog-bulk.tokens.database-unavailable-message", defaultValue = "The database is unavailable. Retry later.")
    String unavailableMessage;

    /** Per principal: the revocation time in epoch millis (Long.MIN_VALUE: none) and when it was read. */
    private final ConcurrentHashMap<Long, long[]> cache = new ConcurrentHashMap<>();

    /**
     * Whether a token of this principal issued at {@code issuedAtMillis} (claim iatms; iat * 1000 for tokens
     * without it, so one issued in the second of a revocation counts as revoked) is revoked.
     */
    public boolean isRevoked(int userType, int userId, long issuedAtMillis) {
        long revokedBefore = revokedBefore(userType, userId);
        return revokedBefore != Long.MIN_VALUE && issuedAtMillis <= revokedBefore;
    }

    /** Forgets what this process cached about a principal (called after revoking in this process). */
    public void forget(int userType, int userId) {
        cache.remove(key(userType, userId));
    }

    private long revokedBefore(int userType, int userId) {
        long key = key(userType, userId);
        long now = System.nanoTime();
        long[] cached = cache.get(key);
        if (cached != null && now - cached[1] < cacheFor.toNanos()) {
            return cached[0];
        }
        long value = read(userType, userId);
        if (!cacheFor.isZero()) {
            cache.put(key, new long[] {value, now});
        }
        return value;
    }

    private long read(int userType, int userId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT revoked_before FROM token_revocation WHERE user_type = ? AND user_id = ?")) {
            statement.setInt(1, userType);
            statement.setInt(2, userId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).getTime() : Long.MIN_VALUE;
            }
        } catch (SQLException e) {
            // Without the check a revoked token could pass: refuse to decide rather than let it through.
            throw WebapiException.serviceUnavailable(unavailableMessage, 5);
        }
    }

    private static long key(int userType, int userId) {
        return ((long) userType << 32) | (userId & 0xffffffffL);
    }
}
