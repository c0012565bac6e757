package io.catalogbulk.worker;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the worker executes operations (catalog-bulk.worker.*). */
@ConfigMapping(prefix = "catalog-bulk.worker")
public interface WorkerConfig {

    /**
     * Operations executed in one database transaction. 100 rather than 50: fewer commits and statements per
     * operation (the sweep that chose it: docs/benchmarks.md, step 14).
     */
    @WithDefault("100")
    int batchSize();

    /** Batches (transactions, database connections) executing at the same time. */
    @WithDefault("2")
    int parallelBatches();

    /**
     * Execute a batch without a savepoint per operation first (two round trips fewer per operation); if any
     * operation fails, the batch is rolled back and executed again with savepoints, so one failure never
     * takes the others down.
     */
    @WithDefault("true")
    boolean optimisticBatches();

    Retry retry();

    interface Retry {
        /** Attempts of an operation on transient database errors before it ends as retriably failed (2). */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("100ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();
    }
}
