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

    /**
     * Priority levels of the operations queue ({@code x-max-priority}): small requests are published with the
     * higher priority, so a single async call overtakes the backlog of a 100,000-operation bulk instead of
     * waiting for all of it (Magento makes it wait). 0 for none; classic queues only (quorum queues are declared
     * without it). Changing it on an existing queue needs the queue re-created: RabbitMQ refuses a different
     * declaration of the same queue.
     */
    @WithDefault("1")
    int maxPriority();

    /** Requests of at most this many operations are published with the higher priority. */
    @WithDefault("100")
    int interactiveMaxOperations();

    /**
     * Consecutive operations of a bulk carried by one message (1 = one message per operation, as Magento).
     * The broker's cost is per message, and on a small machine it is what limits throughput; the worker still
     * executes, records and retries every operation on its own.
     */
    @WithDefault("20")
    int operationsPerMessage();

    /** Messages published between two waits for publisher confirms. */
    @WithDefault("500")
    int publishBatchSize();

    @WithDefault("30s")
    Duration confirmTimeout();

    /** Pause between attempts to (re)connect when the broker is unreachable. */
    @WithDefault("2s")
    Duration reconnectInterval();
}
