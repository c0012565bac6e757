package io.catalogbulk.worker.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Vetoed;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationRange;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.worker.execution.DatabaseUnavailableException;
import io.catalogbulk.worker.execution.OperationBatcher;

/**
 * How the consumer settles each message, without a broker: acknowledged once its operation's outcome is
 * committed, copied to the dead-letter queue and acknowledged when it is not an operation message or names a
 * topic nobody handles (it could never succeed), and sent back to the queue when nothing could be recorded.
 */
class OperationConsumerTest {

    /** Stands in for the batcher: records what it is handed and fails as told. */
    @Vetoed
    static class FakeBatcher extends OperationBatcher {
        final List<OperationMessage> submitted = new CopyOnWriteArrayList<>();
        volatile Exception failure;

        @Override
        public void submitAll(List<OperationMessage> messages, int priority) throws DatabaseUnavailableException, InterruptedException {
            submitted.addAll(messages);
            if (failure instanceof DatabaseUnavailableException unavailable) {
                throw unavailable;
            }
            if (failure instanceof InterruptedException interrupted) {
                throw interrupted;
            }
        }
    }

    /** Stands in for the dead-letter queue (the real one is exercised against RabbitMQ in PoisonMessageTests). */
    @Vetoed
    static class FakeDeadLetters extends DeadLetters {
        final List<String> reasons = new CopyOnWriteArrayList<>();
        volatile boolean reachable = true;

        @Override
        public synchronized boolean send(byte[] body, String originalQueue, String routingKey, String reason) {
            if (!reachable) {
                return false;
            }
            reasons.add(reason);
            return true;
        }
    }

    /** How a message was settled. */
    static final class Settlement {
        volatile boolean acked;
        volatile Throwable nackReason;
        volatile Boolean requeue;
    }

    private OperationConsumer consumer;
    private FakeBatcher batcher;
    private FakeDeadLetters deadLetters;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        consumer = new OperationConsumer();
        batcher = new FakeBatcher();
        registry = new SimpleMeterRegistry();
        deadLetters = new FakeDeadLetters();
        consumer.batcher = batcher;
        consumer.registry = registry;
        consumer.deadLetters = deadLetters;
        consumer.routes = RouteTable.of(CatalogRoutes.ALL);
    }

    static Message<byte[]> incoming(byte[] body, Settlement settlement) {
        return Message.of(body, Metadata.empty(), metadata -> {
            settlement.acked = true;
            return CompletableFuture.completedFuture(null);
        }, (reason, metadata) -> {
            settlement.nackReason = reason;
            settlement.requeue = metadata.get(RabbitMQRejectMetadata.class).map(RabbitMQRejectMetadata::isRequeue).orElse(null);
            return CompletableFuture.completedFuture(null);
        });
    }

    Settlement consume(byte[] body) throws Exception {
        Settlement settlement = new Settlement();
        consumer.consume(incoming(body, settlement)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        return settlement;
    }

    static OperationMessage operation() {
        return new OperationMessage(UUID.randomUUID(), 3, "async.magento.catalog.api.productrepositoryinterface.save.post", 1, 1, 2);
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void operationIsExecutedThenAcknowledged() throws Exception {
        OperationMessage operation = operation();
        Settlement settlement = consume(operation.toBytes());
        assertEquals(List.of(operation), batcher.submitted);
        assertTrue(settlement.acked);
        assertNull(settlement.nackReason);
    }

    @Test
    void groupedMessageHandsEveryOperationToTheBatcherThenIsAcknowledgedOnce() throws Exception {
        OperationMessage first = operation();
        Settlement settlement = consume(new OperationRange(first, 3).toBytes());
        assertEquals(new OperationRange(first, 3).operations(), batcher.submitted);
        assertTrue(settlement.acked);
    }

    @Test
    void messageThatIsNotJsonIsDeadLetteredAndAcknowledged() throws Exception {
        Settlement settlement = consume("not json at all".getBytes(StandardCharsets.UTF_8));
        assertTrue(batcher.submitted.isEmpty());
        assertTrue(settlement.acked, "kept in the dead-letter queue, so it leaves the work queue");
        assertEquals(1, deadLetters.reasons.size());
        assertTrue(deadLetters.reasons.get(0).startsWith("undecodable: "), deadLetters.reasons.get(0));
        assertEquals(1, counter("catalog_bulk_messages_rejected", "reason", "undecodable"));
    }

    @Test
    void poisonMessageIsRejectedWithoutRequeueWhenTheDeadLetterQueueIsUnreachable() throws Exception {
        deadLetters.reachable = false;
        Settlement settlement = consume("not json at all".getBytes(StandardCharsets.UTF_8));
        assertFalse(settlement.acked);
        assertEquals(Boolean.FALSE, settlement.requeue, "a poison message must not come back");
        assertTrue(settlement.nackReason instanceof IllegalArgumentException);
    }

    @Test
    void messageWithoutItsOperationKeyIsDeadLettered() throws Exception {
        for (String body : List.of("{\"topic_name\":\"async.magento.catalog.api.productrepositoryinterface.save.post\"}",
                "{\"bulk_uuid\":\"" + UUID.randomUUID() + "\",\"topic_name\":\"t\"}",
                "{\"bulk_uuid\":\"" + UUID.randomUUID() + "\",\"id\":-1,\"topic_name\":\"t\"}",
                "{\"bulk_uuid\":\"" + UUID.randomUUID() + "\",\"id\":1}",
                "[]")) {
            Settlement settlement = consume(body.getBytes(StandardCharsets.UTF_8));
            assertTrue(settlement.acked, body);
            assertNull(settlement.requeue, body);
        }
        assertTrue(batcher.submitted.isEmpty());
        assertEquals(5, deadLetters.reasons.size());
        assertEquals(5, counter("catalog_bulk_messages_rejected", "reason", "undecodable"));
    }

    @Test
    void messageForATopicNoServiceHandlesIsRecordedThenDeadLettered() throws Exception {
        OperationMessage unknown = new OperationMessage(UUID.randomUUID(), 0, "async.nothing.handles.this", 1, 1, 2);
        Settlement settlement = consume(unknown.toBytes());
        assertEquals(List.of(unknown), batcher.submitted, "its operation (if any) is recorded as failed by the batcher");
        assertTrue(settlement.acked);
        assertEquals(List.of("unknown topic async.nothing.handles.this"), deadLetters.reasons);
        assertEquals(1, counter("catalog_bulk_messages_rejected", "reason", "unknown-topic"));
    }

    @Test
    void whenNothingCouldBeRecordedTheMessageGoesBackToTheQueue() throws Exception {
        DatabaseUnavailableException unavailable = new DatabaseUnavailableException("database down", null);
        batcher.failure = unavailable;
        Settlement settlement = consume(operation().toBytes());
        assertFalse(settlement.acked);
        assertEquals(Boolean.TRUE, settlement.requeue);
        assertSame(unavailable, settlement.nackReason);
        assertEquals(1, counter("catalog_bulk_messages_requeued"));
    }

    @Test
    void interruptedWhileWaitingSendsTheMessageBackAndKeepsTheInterrupt() throws Exception {
        batcher.failure = new InterruptedException("shutting down");
        try {
            Settlement settlement = consume(operation().toBytes());
            assertFalse(settlement.acked);
            assertEquals(Boolean.TRUE, settlement.requeue);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }
}
