package io.catalogbulk.core.security;

/** Claim names of the tokens issued by ingest-service and verified by every service. */
public final class TokenClaims {

    public static final String USER_TYPE = "utp";
    public static final String RESOURCES = "acl";

    private TokenClaims() {
    }
}
