package io.catalogbulk.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.catalogbulk.core.webapi.WebapiException;

/**
 * An operator console session as a credential: {@code Authorization: Console <session id>}, the value of the console's
 * session cookie. status-service forwards the console's import requests to ingest-service this way, so ingest acts for
 * exactly the signed-in operator (same user, same ACL resources, taken at sign-in) without the console ever holding a
 * bearer token. The session table ({@code console_session}) keeps only the SHA-256 of the id; a session is valid until
 * it expires, is signed out (its row deleted) or its principal's tokens are revoked after it began.
 */
@ApplicationScoped
public class ConsoleSessionCredentials {

    /** The Authorization scheme, with its space. */
    public static final String SCHEME = "Console ";

    @Inject
    DataSource dataSource;

    @Inject
    TokenRevocations revocations;

    @ConfigProperty(name = "catalog-bulk.tokens.database-unavailable-message", defaultValue = "The database is unavailable. Retry later.")
    String unavailableMessage;

    /** A valid session's principal and CSRF token. */
    public record ConsoleSession(Principal principal, String csrfToken) {
    }

    /** The principal of {@code Authorization: Console <id>}, when the session is valid. */
    public Optional<Principal> verify(String sessionId) {
        return find(sessionId).map(ConsoleSession::principal);
    }

    /** The session of this id (the cookie value), when it is valid. */
    public Optional<ConsoleSession> find(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 100) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT user_id, user_type, username, resources,"
                        + " csrf_token, created_at FROM console_session WHERE id_hash = ? AND expires_at > now()")) {
            statement.setBytes(1, hash(sessionId));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int userId = rs.getInt(1);
                int userType = rs.getInt(2);
                long createdMillis = rs.getObject(6, OffsetDateTime.class).toInstant().toEpochMilli();
                if (revocations.isRevoked(userType, userId, createdMillis)) {
                    return Optional.empty();
                }
                Principal principal = new Principal(userId, userType, rs.getString(3), resources(rs.getArray(4)));
                return Optional.of(new ConsoleSession(principal, rs.getString(5)));
            }
        } catch (SQLException e) {
            // Without the lookup a signed-out session could pass: refuse to decide rather than let it through.
            throw WebapiException.serviceUnavailable(unavailableMessage, 5);
        }
    }

    /** What the table keeps of a session id. */
    public static byte[] hash(String sessionId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> resources(Array array) throws SQLException {
        return array == null ? Set.of() : Set.copyOf(List.of((String[]) array.getArray()));
    }
}
