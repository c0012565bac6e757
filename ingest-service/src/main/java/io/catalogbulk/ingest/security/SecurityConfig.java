package io.catalogbulk.ingest.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-principal request limits (catalog-bulk.security.*; the sign-in keys under the same prefix are
 * catalog's SignInConfig). The defaults leave room for the benchmarks (100,000-product bulks from one admin) and
 * the fault suite; every key has an env var in application.properties.
 */
@ConfigMapping(prefix = "catalog-bulk.security")
public interface SecurityConfig {

    /** Requests per second one principal may send to ingest (sustained; may be fractional); 0 switches the limit off. */
    @WithDefault("2000")
    double rateLimitPerSecond();

    /** Requests one principal may send in a burst above the sustained rate. */
    @WithDefault("10000")
    int rateLimitBurst();

    /** Operations one principal may have open (accepted, not finished); 0 switches the limit off. */
    @WithDefault("1000000")
    long maxOpenOperations();

    /** How long a principal's count of open operations is reused before it is counted again. */
    @WithDefault("2s")
    Duration openOperationsRecount();
}
