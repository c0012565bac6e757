package io.catalogbulk.ingest.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Idempotency-Key on async and bulk submits (catalog-bulk.idempotency.*, docs/guarantees.md). */
@ConfigMapping(prefix = "catalog-bulk.idempotency")
public interface IdempotencyConfig {

    /** Honours the header at all; when off it is ignored, as Magento ignores it. */
    @WithDefault("true")
    boolean enabled();

    /** How long a key answers with its first bulk; after it the key may be used again and is purged. */
    @WithDefault("24h")
    Duration retention();

    /** Pause between purges of expired keys (read by the scheduler as catalog-bulk.idempotency.purge-interval). */
    @WithDefault("10m")
    Duration purgeInterval();

    /** Expired keys deleted per purge transaction. */
    @WithDefault("1000")
    int purgeBatchSize();
}
