package io.catalogbulk.status.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Purging of old finished bulks (catalog-bulk.retention.*). */
@ConfigMapping(prefix = "catalog-bulk.retention")
public interface RetentionConfig {

    @WithDefault("true")
    boolean enabled();

    /** A finished bulk is purged once it started this many days ago (Magento keeps bulks 60 days too). */
    @WithDefault("60")
    int days();

    /** Bulks deleted per transaction: short transactions, short locks, bounded WAL bursts. */
    @WithDefault("500")
    int batchSize();

    /**
     * Weekly partitions of the operation storage kept created ahead of the current week (docs/partitioning.md): the
     * margin before an insert could find no partition if this job stopped running.
     */
    @WithDefault("2")
    int partitionWeeksAhead();

    /** Pause between purge runs (read by the scheduler as catalog-bulk.retention.interval). */
    @WithDefault("1h")
    Duration interval();
}
