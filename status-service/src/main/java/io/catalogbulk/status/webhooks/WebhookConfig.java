package io.catalogbulk.status.webhooks;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Completion webhooks (docs/guarantees.md, "Completion webhooks"; every key has an environment variable in
 * docs/configuration.md). Receivers are called through the outbound client: https only and public addresses only,
 * unless these switches say otherwise (tests, an intranet deployment that means it).
 */
@ConfigMapping(prefix = "catalog-bulk.webhooks")
public interface WebhookConfig {

    /** Off: the routes answer 404 and nothing is delivered (events are still recorded, so turning it on loses none). */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("false")
    boolean allowPrivateAddresses();

    @WithDefault("false")
    boolean allowHttp();

    /** How often each replica looks for due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries leased per look; they are posted in parallel by {@link #concurrency()} threads. */
    @WithDefault("32")
    int batchSize();

    @WithDefault("8")
    int concurrency();

    /** One delivery attempt is over by then, answered or not (connect, send, answer). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** A delivery leased by a replica that died is taken by another after this. */
    @WithDefault("1m")
    Duration lease();

    /** Delay before the second attempt; each later one doubles it (with jitter) up to {@link #maxRetryDelay()}. */
    @WithDefault("5s")
    Duration firstRetryDelay();

    @WithDefault("1h")
    Duration maxRetryDelay();

    /** An event not delivered within this long after it was recorded is marked failed. */
    @WithDefault("24h")
    Duration giveUpAfter();

    @WithDefault("25")
    int maxSubscriptionsPerOwner();
}
