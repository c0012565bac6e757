package io.catalogbulk.core.security;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Verifies the bearer token of a request (signature, issuer, expiry) with the public key alone, so every
 * service authenticates without calling another, checks it was not revoked since ({@link TokenRevocations}: one
 * primary-key probe of the shared database), and checks the route's ACL resource. Any failure is
 * Magento's 401 "The consumer isn't authorized to access %resources." An {@code Authorization: OAuth ...} header
 * (an integration's OAuth 1.0a signature) is verified by {@link OAuthVerifier} instead, and
 * {@code Authorization: Console <session id>} (the operator console forwarding for a signed-in operator) by
 * {@link ConsoleSessionCredentials}.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    @Inject
    JWTParser parser;

    @Inject
    TokenRevocations revocations;

    @Inject
    OAuthVerifier oauth;

    @Inject
    ConsoleSessionCredentials consoleSessions;

    /**
     * Magento's {@code oauth/consumer/enable_integration_as_bearer}: whether an integration's access token is also
     * accepted as a bearer token, or only in OAuth 1.0a signed requests.
     */
    @ConfigProperty(name = "catalog-bulk.oauth.integration-as-bearer", defaultValue = "true")
    boolean integrationAsBearer;

    /** A valid token that grants {@code requiredResource}. */
    public Principal authenticate(String authorizationHeader, AclResource requiredResource) {
        Principal principal = authenticated(authorizationHeader, requiredResource);
        if (!principal.allows(requiredResource)) {
            throw WebapiException.notAuthorized(requiredResource.name());
        }
        return principal;
    }

    /**
     * Any valid token; what it may see is decided by the caller (bulk status: owner or bulk-log ACL).
     * {@code resourceForMessage} is the resource the 401 names.
     */
    public Principal authenticated(String authorizationHeader, AclResource resourceForMessage) {
        return verify(authorizationHeader).orElseThrow(() -> WebapiException.notAuthorized(resourceForMessage.name()));
    }

    public Optional<Principal> verify(String authorizationHeader) {
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return oauth.verify(authorizationHeader);
        }
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, ConsoleSessionCredentials.SCHEME, 0, 8)) {
            // The console's forward to ingest-service: the operator's own session, its ACL as at sign-in.
            return consoleSessions.verify(authorizationHeader.substring(8).trim());
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(7).trim();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            Integer userId = jwt.getSubject() == null ? null : Integer.valueOf(jwt.getSubject());
            Object type = jwt.getClaim(TokenClaims.USER_TYPE);
            int userType = type instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(type));
            Set<String> resources = new HashSet<>();
            Object acl = jwt.getClaim(TokenClaims.RESOURCES);
            if (acl instanceof Iterable<?> values) {
                for (Object value : values) {
                    resources.add(unquote(String.valueOf(value)));
                }
            }
            // Signature and expiry say nothing about a token revoked since (integration deleted, user disabled).
            Object millis = jwt.getClaim(TokenClaims.ISSUED_AT_MILLIS);
            long issuedAtMillis = millis instanceof Number n ? n.longValue()
                    : millis != null ? Long.parseLong(String.valueOf(millis)) : jwt.getIssuedAtTime() * 1000;
            if (userType == UserType.INTEGRATION && !integrationAsBearer) {
                LOG.debug("Integration token refused as bearer: catalog-bulk.oauth.integration-as-bearer is false");
                return Optional.empty();
            }
            if (userId != null && revocations.isRevoked(userType, userId, issuedAtMillis)) {
                LOG.debugf("Token of user %s (type %s) was revoked", userId, (Object) userType);
                return Optional.empty();
            }
            return Optional.of(new Principal(userId, userType, jwt.getName(), resources));
        } catch (WebapiException e) {
            throw e;
        } catch (ParseException | RuntimeException e) {
            // Never log the token itself.
            LOG.debugf("Token rejected: %s", e.getMessage());
            return Optional.empty();
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
