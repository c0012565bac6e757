package io.catalogbulk.worker.consumer;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

import io.catalogbulk.core.operation.OperationRange;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.worker.execution.DatabaseUnavailableException;
import io.catalogbulk.worker.execution.OperationBatcher;

/**
 * Consumes {@code async.operations.all}. Each message is acknowledged only after the transaction that recorded
 * its operation's outcome has committed; a worker that dies before that leaves it unacknowledged and the
 * broker redelivers it. Concurrency ({@code operation-executors}) and prefetch are configuration.
 */
@ApplicationScoped
public class OperationConsumer {

    private static final Logger LOG = Logger.getLogger(OperationConsumer.class);

    @Inject
    OperationBatcher batcher;

    @Inject
    MeterRegistry registry;

    @Inject
    DeadLetters deadLetters;

    @Inject
    RouteTable routes;

    @Incoming("operations")
    @Blocking(value = "operation-executors", ordered = false)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        OperationRange range;
        try {
            range = OperationRange.fromBytes(message.getPayload());
        } catch (IllegalArgumentException e) {
            // Poison: redelivering it would never succeed. Kept in the dead-letter queue, never requeued.
            LOG.errorf("Dead-lettering an undecodable message: %s", e.getMessage());
            registry.counter("catalog_bulk_messages_rejected", "reason", "undecodable").increment();
            return deadLetter(message, "undecodable: " + e.getMessage(), e);
        }
        try {
            // One message may stand for several operations: it is acknowledged once all of them are recorded.
            int priority = message.getMetadata(IncomingRabbitMQMetadata.class).flatMap(IncomingRabbitMQMetadata::getPriority).orElse(0);
            batcher.submitAll(range.operations(), priority);
            String topic = range.first().topicName();
            if (routes.byTopic(topic).isEmpty()) {
                // The batcher recorded its operations (if any) as not retriably failed (3); the message itself is
                // kept for a human: a topic nobody handles is a deployment or publisher mistake.
                registry.counter("catalog_bulk_messages_rejected", "reason", "unknown-topic").increment();
                return deadLetter(message, "unknown topic " + topic, null);
            }
            return message.ack();
        } catch (DatabaseUnavailableException e) {
            registry.counter("catalog_bulk_messages_requeued").increment();
            return message.nack(e, Metadata.of(new RabbitMQRejectMetadata(true)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return message.nack(e, Metadata.of(new RabbitMQRejectMetadata(true)));
        }
    }

    /**
     * Copies a poison message to the dead-letter queue, then acknowledges it. If even that fails (broker going
     * away), it is rejected without requeue: it has no operation that could be lost, and it must not loop.
     */
    private CompletionStage<Void> deadLetter(Message<byte[]> message, String reason, Throwable cause) {
        String routingKey = message.getMetadata(IncomingRabbitMQMetadata.class).map(IncomingRabbitMQMetadata::getRoutingKey)
                .orElse(null);
        if (deadLetters.send(message.getPayload(), routingKey, reason)) {
            registry.counter("catalog_bulk_messages_dead_lettered").increment();
            return message.ack();
        }
        return message.nack(cause == null ? new IllegalStateException(reason) : cause,
                Metadata.of(new RabbitMQRejectMetadata(false)));
    }
}
