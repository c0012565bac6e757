package io.catalogbulk.status.console;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operator console (catalog-bulk.console.*); every key has an env var in application.properties. */
@ConfigMapping(prefix = "catalog-bulk.console")
public interface ConsoleConfig {

    /** How long a console session lasts after sign-in (then the operator signs in again). */
    @WithDefault("8h")
    Duration sessionLifetime();

    /**
     * Always mark the session cookie Secure. Without it the cookie is Secure when the request arrived over TLS,
     * directly or through a proxy that says so (X-Forwarded-Proto: https).
     */
    @WithDefault("false")
    boolean secureCookie();

    /** Bulks per page of the bulk actions log. */
    @WithDefault("25")
    int bulksPerPage();

    /** Operations per page of a bulk's detail page: a 100,000-operation bulk is shown a page at a time. */
    @WithDefault("20")
    int operationsPerPage();

    /**
     * Where ingest-service listens: the console's import pages forward uploads, starts, corrections and the failed-rows
     * download there, streamed, as the signed-in operator.
     */
    @WithDefault("http://localhost:8080")
    URI ingestUrl();

    /** How long connecting to ingest-service may take before the console answers 504. */
    @WithDefault("5s")
    Duration ingestConnectTimeout();

    /** How long a forwarded import request may pass without a byte either way before the console answers 504. */
    @WithDefault("120s")
    Duration ingestIdleTimeout();

    /**
     * The largest request body of every route but the import forward. Quarkus' own limit
     * (quarkus.http.limits.max-body-size) is raised so an upload passes through to ingest; everything else keeps this.
     */
    @WithDefault("10M")
    io.quarkus.runtime.configuration.MemorySize otherMaxBodySize();
}
