package io.catalogbulk.core.security;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.security.OAuthSignature.Param;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Verifies an {@code Authorization: OAuth ...} request signed with an integration's credentials, in every service:
 * the signature over the request as the client saw it (behind an ingress: X-Forwarded-Proto, -Host, -Port), the
 * timestamp within {@code catalog-bulk.oauth.timestamp-window} of now, the consumer key and access token of one
 * active integration, and the nonce never seen before for that consumer (a table every replica shares). Any
 * failure is "not authenticated"; nothing of the request or the credentials is logged.
 */
@ApplicationScoped
public class OAuthVerifier {

    private static final Logger LOG = Logger.getLogger(OAuthVerifier.class);
    private static final List<String> REQUIRED = List.of("oauth_consumer_key", "oauth_token", "oauth_signature_method",
            "oauth_timestamp", "oauth_nonce", "oauth_signature");
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    @Inject
    DataSource dataSource;

    @Inject
    SecretCipher cipher;

    @Inject
    CurrentVertxRequest currentRequest;

    @ConfigProperty(name = "catalog-bulk.oauth.timestamp-window", defaultValue = "600s")
    Duration window;

    @ConfigProperty(name = "catalog-bulk.tokens.database-unavailable-message", defaultValue = "The database is unavailable. Retry later.")
    String unavailableMessage;

    private final AtomicLong lastPurgeNanos = new AtomicLong(System.nanoTime());

    /** The integration that signed the current request, or empty when the header is not a valid OAuth signature. */
    public Optional<Principal> verify(String authorizationHeader) {
        Map<String, String> oauth = OAuthSignature.authorizationParameters(authorizationHeader).orElse(null);
        RoutingContext context = currentRequest.getCurrent();
        if (oauth == null || context == null || !cipher.configured() || !REQUIRED.stream().allMatch(oauth::containsKey)) {
            return Optional.empty();
        }
        if (oauth.containsKey("oauth_version") && !"1.0".equals(oauth.get("oauth_version"))) {
            return Optional.empty();
        }
        String method = oauth.get("oauth_signature_method");
        String consumerKey = oauth.get("oauth_consumer_key");
        String nonce = oauth.get("oauth_nonce");
        if (!OAuthSignature.supported(method) || consumerKey.length() > 32 || nonce.isEmpty() || nonce.length() > 255
                || !withinWindow(oauth.get("oauth_timestamp"))) {
            return Optional.empty();
        }
        HttpServerRequest request = context.request();
        List<Param> params = new ArrayList<>(OAuthSignature.formParameters(request.query()));
        oauth.forEach((name, value) -> params.add(new Param(name, value)));
        String baseString = OAuthSignature.baseString(request.method().name(), baseUri(request), params);
        try {
            Optional<Signer> signer = signer(consumerKey, oauth.get("oauth_token"));
            if (signer.isEmpty()) {
                LOG.debug("OAuth request refused: no active integration with that consumer key and token");
                return Optional.empty();
            }
            String expected = OAuthSignature.sign(method, baseString, signer.get().consumerSecret(), signer.get().tokenSecret());
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    oauth.get("oauth_signature").getBytes(StandardCharsets.UTF_8))) {
                LOG.debug("OAuth request refused: signature mismatch");
                return Optional.empty();
            }
            // Recorded only once the signature holds, so nobody can burn another consumer's nonces.
            if (!firstUse(consumerKey, nonce)) {
                LOG.debug("OAuth request refused: nonce already used");
                return Optional.empty();
            }
            purgeNonces();
            return Optional.of(signer.get().principal());
        } catch (SQLException e) {
            // Without the checks a revoked integration or a replay could pass: refuse to decide.
            throw WebapiException.serviceUnavailable(unavailableMessage, 5);
        }
    }

    private boolean withinWindow(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp);
            return Math.abs(System.currentTimeMillis() / 1000 - seconds) <= window.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The URL the client saw: an ingress in front of the service says so in X-Forwarded-Proto, -Host and -Port
     * (first value of each); otherwise the request's own scheme and Host header.
     */
    static String baseUri(HttpServerRequest request) {
        String scheme = first(request.getHeader("X-Forwarded-Proto"));
        if (scheme == null) {
            scheme = request.scheme() == null ? "http" : request.scheme();
        }
        String hostHeader = first(request.getHeader("X-Forwarded-Host"));
        if (hostHeader == null) {
            hostHeader = request.getHeader("Host");
        }
        if (hostHeader == null) {
            hostHeader = "localhost";
        }
        String host = hostHeader;
        int port = -1;
        int colon = hostHeader.lastIndexOf(':');
        if (colon > 0 && hostHeader.indexOf(']') < colon) {
            host = hostHeader.substring(0, colon);
            port = parsePort(hostHeader.substring(colon + 1));
        }
        String forwardedPort = first(request.getHeader("X-Forwarded-Port"));
        if (forwardedPort != null) {
            port = parsePort(forwardedPort);
        }
        return OAuthSignature.baseUri(scheme, host, port, request.path());
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).trim();
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private record Signer(Principal principal, String consumerSecret, String tokenSecret) {
    }

    private Optional<Signer> signer(String consumerKey, String token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT i.id, i.name, i.resources, o.consumer_secret_enc, o.token_secret_enc"
                                + " FROM integration_oauth o JOIN integration i ON i.id = o.integration_id"
                                + " WHERE o.consumer_key = ? AND o.token_sha256 = ? AND i.is_active")) {
            statement.setString(1, consumerKey);
            statement.setString(2, OAuthCredentials.sha256(token));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Principal principal = new Principal(rs.getInt(1), UserType.INTEGRATION, rs.getString(2),
                        Set.of((String[]) rs.getArray(3).getArray()));
                return Optional.of(new Signer(principal, cipher.decrypt(rs.getString(4)), cipher.decrypt(rs.getString(5))));
            }
        }
    }

    private boolean firstUse(String consumerKey, String nonce) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "INSERT INTO oauth_nonce (consumer_key, nonce) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            statement.setString(1, consumerKey);
            statement.setString(2, nonce);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * A nonce older than the window (plus the window again, for clients whose clock is ahead) belongs to a timestamp
     * no longer accepted, so it can go; each instance purges at most once a minute.
     */
    private void purgeNonces() {
        long now = System.nanoTime();
        long last = lastPurgeNanos.get();
        if (now - last < PURGE_EVERY.toNanos() || !lastPurgeNanos.compareAndSet(last, now)) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM oauth_nonce WHERE seen_at < now() - ? * interval '1 second'")) {
            statement.setLong(1, 2 * window.toSeconds());
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.debugf("Purging OAuth nonces failed, next time: %s", e.getMessage());
        }
    }
}
