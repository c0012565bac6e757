package io.catalogbulk.worker.consumer;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * Consumes {@code async.operations.all} and the interactive queue beside it. Each message is acknowledged only after
 * the transaction that recorded its operation's outcome has committed; a worker that dies before that leaves it
 * unacknowledged and the broker redelivers it. Concurrency ({@code operation-executors}) and prefetch are
 * configuration.
 * <p>
 * The interactive queue (small requests) has its own prefetch and its own threads: the bulk queue's prefetch keeps
 * every thread of {@code operation-executors} waiting on its batches while a large bulk runs, and a small request
 * sharing them would wait for one of those to finish. Its operations enter the batcher with the higher priority, so
 * they also go ahead of the bulk operations already waiting there.
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

    /** Operations of small requests go ahead of bulk operations waiting in the batcher. */
    static final int INTERACTIVE_PRIORITY = 1;

    @ConfigProperty(name = "catalog-bulk.broker.queue")
    String queue;

    @ConfigProperty(name = "catalog-bulk.broker.interactive-queue")
    String interactiveQueue;

    @Incoming("operations")
    @Blocking(value = "operation-executors", ordered = false)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        // A message published with a priority by a service from before the interactive queue keeps it.
        int priority = message.getMetadata(IncomingRabbitMQMetadata.class).flatMap(IncomingRabbitMQMetadata::getPriority).orElse(0);
        return handle(message, queue, priority);
    }

    @Incoming("interactive")
    @Blocking(value = "interactive-executors", ordered = false)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consumeInteractive(Message<byte[]> message) {
        return handle(message, interactiveQueue, INTERACTIVE_PRIORITY);
    }

    private CompletionStage<Void> handle(Message<byte[]> message, String from, int priority) {
        OperationRange range;
        try {
            range = OperationRange.fromBytes(message.getPayload());
        } catch (IllegalArgumentException e) {
            // Poison: redelivering it would never succeed. Kept in the dead-letter queue, never requeued.
            LOG.errorf("Dead-lettering an undecodable message: %s", e.getMessage());
            registry.counter("catalog_bulk_messages_rejected", "reason", "undecodable").increment();
            return deadLetter(message, from, "undecodable: " + e.getMessage(), e);
        }
        try {
            // One message may stand for several operations: it is acknowledged once all of them are recorded.
            batcher.submitAll(range.operations(), priority);
            String topic = range.first().topicName();
            if (routes.byTopic(topic).isEmpty()) {
                // The batcher recorded its operations (if any) as not retriably failed (3); the message itself is
                // kept for a human: a topic nobody handles is a deployment or publisher mistake.
                registry.counter("catalog_bulk_messages_rejected", "reason", "unknown-topic").increment();
                return deadLetter(message, from, "unknown topic " + topic, null);
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
    private CompletionStage<Void> deadLetter(Message<byte[]> message, String from, String reason, Throwable cause) {
        String routingKey = message.getMetadata(IncomingRabbitMQMetadata.class).map(IncomingRabbitMQMetadata::getRoutingKey)
                .orElse(null);
        if (deadLetters.send(message.getPayload(), from, routingKey, reason)) {
            registry.counter("catalog_bulk_messages_dead_lettered").increment();
            return message.ack();
        }
        return message.nack(cause == null ? new IllegalStateException(reason) : cause,
                Metadata.of(new RabbitMQRejectMetadata(false)));
    }
}
