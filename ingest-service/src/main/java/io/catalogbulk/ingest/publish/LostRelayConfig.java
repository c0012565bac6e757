package io.catalogbulk.ingest.publish;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The lost-message relay (catalog-bulk.lost-relay.*). */
@ConfigMapping(prefix = "catalog-bulk.lost-relay")
public interface LostRelayConfig {

    /** Runs the lost-message relay at all. Safe in every replica at once (SKIP LOCKED + a check lease). */
    @WithDefault("true")
    boolean enabled();

    /** Pause between runs (read by the scheduler as catalog-bulk.lost-relay.interval). */
    @WithDefault("30s")
    Duration interval();

    /**
     * A published bulk whose open operations made no progress for this long is presumed to have lost messages
     * and is published again; also the pause between two checks of the same bulk. Longer than the time a
     * healthy backlog keeps a bulk waiting, or still-queued operations are published twice (harmless, but work).
     */
    @WithDefault("10m")
    Duration lostAfter();

    /** Bulks checked per run. */
    @WithDefault("20")
    int bulksPerRun();
}
