package io.catalogbulk.ingest.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.build.Jwt;

import io.catalogbulk.core.security.TokenClaims;

/**
 * Signs tokens with the private key (smallrye.jwt.sign.key*). Only ingest-service holds that key; the other
 * services verify with the public key alone.
 */
@ApplicationScoped
public class TokenIssuer {

    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "catalog-bulk")
    String issuer;

    @ConfigProperty(name = "catalog-bulk.tokens.admin-lifetime", defaultValue = "4h")
    Duration adminLifetime;

    /** Integration tokens live until revoked; a signed expiry is still required, so it is a century away. */
    public static final Duration UNTIL_REVOKED = Duration.ofDays(36500);

    /** An admin token (catalog-bulk.tokens.admin-lifetime). */
    public String issue(int userId, int userType, String username, Set<String> resources) {
        return issue(userId, userType, username, resources, adminLifetime);
    }

    /**
     * Every token names its principal (sub, utp) and carries its ACL resources and issue time: services check
     * the ACL from the token and revocation by (utp, sub, iat), see TokenRevocations.
     */
    public String issue(int userId, int userType, String username, Set<String> resources, Duration lifetime) {
        Instant now = Instant.now();
        return Jwt.issuer(issuer)
                .subject(String.valueOf(userId))
                .upn(username)
                .claim(TokenClaims.USER_TYPE, userType)
                .claim(TokenClaims.RESOURCES, resources)
                .issuedAt(now)
                .claim(TokenClaims.ISSUED_AT_MILLIS, now.toEpochMilli())
                .expiresIn(lifetime)
                .sign();
    }
}
