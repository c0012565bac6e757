package io.catalogbulk.status.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.security.ConsoleSessionCredentials;
import io.catalogbulk.status.bulk.BulkAccess;

/**
 * Console sessions in the shared database (table console_session), so any status-service replica answers any
 * request. The cookie value is 32 random bytes; the table keeps only its SHA-256. A session is valid until it
 * expires, is signed out (the row is deleted), or its principal's tokens are revoked after it began (the same
 * token_revocation row that stops the principal's tokens stops its console sessions).
 */
@ApplicationScoped
public class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DataSource dataSource;

    @Inject
    ConsoleSessionCredentials credentials;

    @Inject
    ConsoleConfig config;

    /** A signed-in operator: who, and the CSRF token every form of the session carries. */
    public record Session(Principal principal, String csrfToken) {
    }

    /** A new session: the cookie value to hand out once, and the session. */
    public record Started(String cookieValue, Session session) {
    }

    public Started start(Principal principal) {
        String cookie = randomToken();
        String csrf = randomToken();
        BulkAccess.database(() -> {
            try (Connection connection = dataSource.getConnection()) {
                // Expired sessions go when someone signs in: no scheduler, and the table stays small.
                try (PreparedStatement purge = connection.prepareStatement("DELETE FROM console_session WHERE expires_at < now()")) {
                    purge.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO console_session"
                        + " (id_hash, user_id, user_type, username, resources, csrf_token, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, now() + ? * interval '1 millisecond')")) {
                    insert.setBytes(1, hash(cookie));
                    insert.setInt(2, principal.userId());
                    insert.setShort(3, (short) principal.userType());
                    insert.setString(4, principal.username() == null ? "" : principal.username());
                    insert.setArray(5, connection.createArrayOf("text", principal.resources().toArray()));
                    insert.setString(6, csrf);
                    insert.setLong(7, config.sessionLifetime().toMillis());
                    insert.executeUpdate();
                }
            }
            return null;
        });
        return new Started(cookie, new Session(principal, csrf));
    }

    /** The session of this cookie value, when it is valid (the same lookup ingest-service makes for the import forward). */
    public Optional<Session> find(String cookieValue) {
        return credentials.find(cookieValue).map(found -> new Session(found.principal(), found.csrfToken()));
    }

    /** Sign-out: the session stops working at once, on every replica. */
    public void end(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return;
        }
        BulkAccess.database(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement("DELETE FROM console_session WHERE id_hash = ?")) {
                statement.setBytes(1, hash(cookieValue));
                return statement.executeUpdate();
            }
        });
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Compares two secrets in time independent of where they differ. */
    static boolean sameSecret(String expected, String given) {
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hash(String cookieValue) {
        return ConsoleSessionCredentials.hash(cookieValue);
    }
}
