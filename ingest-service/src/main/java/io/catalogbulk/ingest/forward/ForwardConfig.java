package io.catalogbulk.ingest.forward;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * ingest-service's forward of status routes (catalog-bulk.forward.*): what gives a machine without an ingress one
 * base URL for every route. Off unless {@code status-url} is set; behind an ingress it stays off.
 */
@ConfigMapping(prefix = "catalog-bulk.forward")
public interface ForwardConfig {

    /** Where status-service listens, e.g. http://127.0.0.1:8082; empty: nothing is forwarded. */
    Optional<URI> statusUrl();

    /** How long connecting to status-service may take before the client gets 504. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long the forwarded request may pass without a byte either way before the client gets 504. */
    @WithDefault("60s")
    Duration idleTimeout();
}
