package io.catalogbulk.core.security;

/** Claim names of the tokens issued by ingest-service and verified by every service. */
public final class TokenClaims {

    public static final String USER_TYPE = "utp";
    public static final String RESOURCES = "acl";
    /** Issue time in milliseconds: iat has whole seconds, too coarse to tell a token issued right after a revocation. */
    public static final String ISSUED_AT_MILLIS = "iatms";

    private TokenClaims() {
    }
}
