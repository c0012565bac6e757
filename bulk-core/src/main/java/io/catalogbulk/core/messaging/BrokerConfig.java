package io.catalogbulk.core.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where operations are published. The defaults are Magento's names; a shared broker can give each
 * installation (or test run) its own exchange and queue.
 */
@ConfigMapping(prefix = "catalog-bulk.broker")
public interface BrokerConfig {

    /** Topic exchange every operation message is published to. */
    @WithDefault("magento")
    String exchange();

    /** The queue workers consume; declared by publishers too, so a fresh broker never drops a message. */
    @WithDefault("async.operations.all")
    String queue();

    @WithDefault("async.#")
    String bindingKey();

    /** classic, or quorum for a replicated production broker. */
    @WithDefault("classic")
    String queueType();

    /** Messages published between two waits for publisher confirms. */
    @WithDefault("500")
    int publishBatchSize();

    @WithDefault("30s")
    Duration confirmTimeout();

    /** Pause between attempts to (re)connect when the broker is unreachable. */
    @WithDefault("2s")
    Duration reconnectInterval();
}
