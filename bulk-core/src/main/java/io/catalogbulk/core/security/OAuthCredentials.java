package io.catalogbulk.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Magento's integration credentials: a consumer key and secret and an access token secret (32 lowercase letters and
 * digits each, as Magento's), bound to the integration and its access token. Answered once, when the integration
 * is created; stored with both secrets encrypted ({@link SecretCipher}) and the token as its SHA-256 only.
 */
@ApplicationScoped
public class OAuthCredentials {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SecretCipher cipher;

    /** What the integration's creator is shown once, besides the access token. */
    public record Issued(String consumerKey, String consumerSecret, String accessTokenSecret) {
    }

    /**
     * Issues and stores the credentials of a new integration in the caller's transaction; empty when no secrets key
     * is configured (the integration then has its bearer token only).
     */
    public Optional<Issued> issue(Connection connection, int integrationId, String accessToken) throws SQLException {
        if (!cipher.configured()) {
            return Optional.empty();
        }
        Issued issued = new Issued(random(), random(), random());
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO integration_oauth (integration_id, consumer_key, consumer_secret_enc, token_sha256, token_secret_enc)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            statement.setInt(1, integrationId);
            statement.setString(2, issued.consumerKey());
            statement.setString(3, cipher.encrypt(issued.consumerSecret()));
            statement.setString(4, sha256(accessToken));
            statement.setString(5, cipher.encrypt(issued.accessTokenSecret()));
            statement.executeUpdate();
        }
        return Optional.of(issued);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
