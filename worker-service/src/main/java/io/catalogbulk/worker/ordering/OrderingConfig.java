package io.catalogbulk.worker.ordering;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-entity order (catalog-bulk.ordering.*, docs/guarantees.md "Per-entity order"). */
@ConfigMapping(prefix = "catalog-bulk.ordering")
public interface OrderingConfig {

    /**
     * Operations on one entity take effect in acceptance order (ORDERING_ENABLED). Off: the worker executes whatever it
     * receives at once, as before (a later operation can then commit before an earlier one); operations left waiting
     * while it was on are still released by the sweep.
     */
    @WithDefault("true")
    boolean enabled();

    /** How often the sweep looks for waiting operations whose predecessors are done (the hand-over's backstop). */
    @WithDefault("2s")
    Duration sweepInterval();

    /**
     * How long an operation waits before the sweep republishes it: longer than a hand-over normally takes, so the
     * sweep only acts on hand-overs lost in a crash and on predecessors that were cancelled.
     */
    @WithDefault("5s")
    Duration sweepAfter();
}
