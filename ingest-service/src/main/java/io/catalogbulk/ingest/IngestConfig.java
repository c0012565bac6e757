package io.catalogbulk.ingest;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of ingest-service (catalog-bulk.ingest.*). */
@ConfigMapping(prefix = "catalog-bulk.ingest")
public interface IngestConfig {

    /** Largest request body accepted (413 above it). quarkus.http.limits.max-body-size must be larger. */
    @WithDefault("64M")
    MemorySize maxBodySize();

    /** Most items in one bulk request (413 above it). */
    @WithDefault("100000")
    int maxBulkItems();

    /** Longest JSON string value accepted in a body, in characters. */
    @WithDefault("1048576")
    int maxStringLength();

    /** Deepest JSON nesting accepted in a body. */
    @WithDefault("32")
    int maxNestingDepth();

    /** At most this many invalid items are listed in a refused bulk's errors. */
    @WithDefault("1000")
    int maxReportedErrors();

    /** Threads that publish accepted bulks after their transaction committed. */
    @WithDefault("2")
    int publishThreads();

    /** Accepted bulks waiting for a publish thread; beyond it the relay publishes them. */
    @WithDefault("1000")
    int publishQueueSize();

    /** Attempts of a synchronous call on deadlocks and other transient database errors. */
    @WithDefault("4")
    int syncMaxAttempts();

    /**
     * Body bytes still read (and thrown away) after a request was answered before its body ended, so the connection
     * can serve the next request; a longer remainder stops the reading (HTTP/1.1: connection closed, HTTP/2: stream
     * reset). RestResource says why.
     */
    @WithDefault("4M")
    MemorySize unreadBodyDrain();

    /** Retry-After of the 503 that answers requests arriving while ingest shuts down (ShutdownGate). */
    @WithDefault("5s")
    Duration shutdownRetryAfter();
}
