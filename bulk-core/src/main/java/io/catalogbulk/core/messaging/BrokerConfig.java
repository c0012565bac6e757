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

    /**
     * The queue small requests (at most {@code interactive-max-operations} operations) are published to, through
     * {@link #interactiveExchange()} with the same routing key and binding as the operations queue. Workers consume
     * it beside the operations queue with a prefetch and threads of its own, so a single async call never waits
     * behind a 100,000-operation bulk. Unlike message priorities this works on every queue type (quorum queues of
     * RabbitMQ 3.x have none, and RabbitMQ 4's have two levels that are not strict) and on the embedded broker.
     */
    String interactiveQueue();

    /** Topic exchange of the interactive queue: a separate one, so small requests keep their topic as routing key. */
    String interactiveExchange();

    /** classic, or quorum for a replicated production broker. */
    @WithDefault("classic")
    String queueType();

    /**
     * Quorum queues only: deliveries of one message (requeues and consumers that went away holding it) after which
     * the broker dead-letters it to {@code <queue>.dlq} instead of redelivering it for ever ({@code x-delivery-limit}).
     * Its operations stay open in the database, and the lost-message relay publishes them again; the dead-lettered
     * copy is kept for a human. 0 for no limit.
     */
    @WithDefault("20")
    int deliveryLimit();

    /**
     * Priority levels of a classic operations queue ({@code x-max-priority}). Small requests no longer need them
     * (they go to the interactive queue); the argument is still declared on classic queues because deployments from
     * before the interactive queue have their queue with it, and RabbitMQ refuses a declaration of an existing queue
     * with other arguments. 0 for none; quorum queues are declared without it.
     */
    @WithDefault("1")
    int maxPriority();

    /** Requests of at most this many operations go to the interactive queue. */
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
