package io.catalogbulk.ingest.publish;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The publish relay (catalog-bulk.relay.*). */
@ConfigMapping(prefix = "catalog-bulk.relay")
public interface RelayConfig {

    /** Runs the relay at all. It is safe to run in every replica at once. */
    @WithDefault("true")
    boolean enabled();

    /** Pause between relay runs (read by the scheduler as catalog-bulk.relay.interval). */
    @WithDefault("5s")
    Duration interval();

    /** How long a publisher owns a bulk before the relay may take it over. */
    @WithDefault("30s")
    Duration lease();

    /** Bulks the relay claims at a time; it claims again at once while a claim comes back full. */
    @WithDefault("20")
    int bulksPerRun();
}
