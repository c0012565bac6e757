package io.catalogbulk.ingest.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.security.TokenRevocations;

/**
 * Revokes every token a principal holds, in the caller's transaction: a row in token_revocation that every
 * service reads on each request (TokenRevocations), so the tokens stop working everywhere once it commits.
 */
@ApplicationScoped
public class TokenRevoker {

    @Inject
    TokenRevocations revocations;

    public void revokeAll(Connection connection, int userType, int userId) throws SQLException {
        // clock_timestamp(), not now(): the transaction may have started before a token issued in it.
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO token_revocation (user_type, user_id, revoked_before) VALUES (?, ?, clock_timestamp())"
                        + " ON CONFLICT (user_type, user_id) DO UPDATE SET revoked_before = excluded.revoked_before")) {
            statement.setInt(1, userType);
            statement.setInt(2, userId);
            statement.executeUpdate();
        }
        revocations.forget(userType, userId);
    }
}
