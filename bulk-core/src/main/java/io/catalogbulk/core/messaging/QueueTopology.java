package io.catalogbulk.core.messaging;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.Channel;

/**
 * The exchanges, queues and bindings operations travel through, and the arguments of each queue. Every declaration
 * (ingest's and status's publishers, the worker's consumers and dead-letter copy) takes them from here: RabbitMQ
 * answers a declaration of an existing queue with other arguments by closing the channel (PRECONDITION_FAILED), which
 * would stop a service from publishing or consuming at all.
 * <ul>
 * <li>{@code <exchange>} (topic) -> operations queue, binding {@code binding-key}: bulks.</li>
 * <li>{@code <interactive-exchange>} (topic) -> interactive queue, same binding key: requests of at most
 * {@code interactive-max-operations} operations.</li>
 * <li>{@code <queue>.dlq}: poison messages the worker copies there, and on quorum queues what the broker dead-letters
 * after {@code delivery-limit} deliveries, from either queue.</li>
 * </ul>
 */
public final class QueueTopology {

    public static final String QUORUM = "quorum";

    private QueueTopology() {
    }

    /** Declares all of it; idempotent. */
    public static void declare(Channel channel, BrokerConfig config) throws IOException {
        channel.queueDeclare(deadLetterQueue(config), true, false, false, deadLetterQueueArguments(config));
        channel.exchangeDeclare(config.exchange(), "topic", true);
        channel.queueDeclare(config.queue(), true, false, false, operationsQueueArguments(config));
        channel.queueBind(config.queue(), config.exchange(), config.bindingKey());
        channel.exchangeDeclare(config.interactiveExchange(), "topic", true);
        channel.queueDeclare(config.interactiveQueue(), true, false, false, interactiveQueueArguments(config));
        channel.queueBind(config.interactiveQueue(), config.interactiveExchange(), config.bindingKey());
    }

    public static String deadLetterQueue(BrokerConfig config) {
        return config.queue() + ".dlq";
    }

    /**
     * The operations queue: its type; on a classic queue its priority levels (kept for queues declared before the
     * interactive queue existed); on a quorum queue the delivery limit and dead-lettering.
     */
    public static Map<String, Object> operationsQueueArguments(BrokerConfig config) {
        Map<String, Object> args = workQueueArguments(config);
        if (!isQuorum(config) && config.maxPriority() > 0) {
            args.put("x-max-priority", config.maxPriority());
        }
        return args;
    }

    /** The interactive queue: like the operations queue, without priority levels (it holds only small requests). */
    public static Map<String, Object> interactiveQueueArguments(BrokerConfig config) {
        return workQueueArguments(config);
    }

    /**
     * The dead-letter queue: replicated like the queues it serves, so a dead-lettered message is not lost with one
     * node; a plain classic queue otherwise (as the worker has always declared it).
     */
    public static Map<String, Object> deadLetterQueueArguments(BrokerConfig config) {
        return isQuorum(config) ? Map.of("x-queue-type", QUORUM) : Map.of();
    }

    private static Map<String, Object> workQueueArguments(BrokerConfig config) {
        Map<String, Object> args = new HashMap<>();
        args.put("x-queue-type", config.queueType());
        if (isQuorum(config)) {
            // The broker's own poison-message protection: without a limit a message that kills its consumer is
            // redelivered for ever. Dead-lettered through the default exchange straight to <queue>.dlq (at-most-once:
            // the database is the record of what is open, and the lost-message relay publishes it again).
            if (config.deliveryLimit() > 0) {
                args.put("x-delivery-limit", config.deliveryLimit());
            }
            args.put("x-dead-letter-exchange", "");
            args.put("x-dead-letter-routing-key", deadLetterQueue(config));
        }
        return args;
    }

    public static boolean isQuorum(BrokerConfig config) {
        return QUORUM.equals(config.queueType());
    }
}
