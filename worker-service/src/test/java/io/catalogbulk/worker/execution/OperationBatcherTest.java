package io.catalogbulk.worker.execution;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.inject.Vetoed;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.worker.WorkerConfig;

/**
 * Group commit without a database: the batcher's executor is replaced by one that records the batches it is
 * given and can be held, so what lands in which batch is deterministic.
 */
class OperationBatcherTest {

    static final UUID BULK = UUID.randomUUID();

    private OperationBatcher batcher;
    private final List<Thread> submitters = new ArrayList<>();

    /** Records every batch; holds each call at the gate while it is closed. */
    @Vetoed
    static class RecordingExecutor extends BatchExecutor {
        final List<List<OperationMessage>> batches = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile Exception failure;

        @Override
        public void execute(List<OperationMessage> batch) throws DatabaseUnavailableException {
            batches.add(List.copyOf(batch));
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
            if (failure instanceof DatabaseUnavailableException unavailable) {
                throw unavailable;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
        }
    }

    static WorkerConfig config(int batchSize, int parallelBatches) {
        return new WorkerConfig() {
            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public int parallelBatches() {
                return parallelBatches;
            }

            @Override
            public boolean optimisticBatches() {
                throw new UnsupportedOperationException("the executor, not the batcher, decides how a batch runs");
            }

            @Override
            public Retry retry() {
                throw new UnsupportedOperationException("the batcher does not retry");
            }
        };
    }

    OperationBatcher start(RecordingExecutor executor, int batchSize, int parallelBatches) {
        batcher = new OperationBatcher();
        batcher.executor = executor;
        batcher.config = config(batchSize, parallelBatches);
        batcher.start();
        return batcher;
    }

    static OperationMessage message(int id) {
        return new OperationMessage(BULK, id, "async.magento.catalog.api.productrepositoryinterface.save.post", 1, 1, 2);
    }

    /** Submits from a thread of its own, as a consumer thread does; the outcome lands in {@code outcome}. */
    Thread submitInBackground(OperationMessage message, AtomicReference<Object> outcome) {
        return submitInBackground(message, 0, outcome);
    }

    Thread submitInBackground(OperationMessage message, int priority, AtomicReference<Object> outcome) {
        Thread thread = new Thread(() -> {
            try {
                batcher.submitAll(List.of(message), priority);
                outcome.set("done");
            } catch (Exception e) {
                outcome.set(e);
            }
        }, "submitter-" + message.id());
        thread.setDaemon(true);
        submitters.add(thread);
        thread.start();
        return thread;
    }

    /** A submitter is parked waiting for its batch's outcome: its message is in the queue. */
    static void awaitWaiting(Thread thread) {
        await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING
                && Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().equals(CompletableFuture.class.getName())));
    }

    static void join(Thread thread) throws InterruptedException {
        thread.join(10_000);
        assertFalse(thread.isAlive(), thread.getName() + " still blocked");
    }

    @AfterEach
    void stop() {
        if (batcher != null) {
            batcher.stop();
        }
        submitters.forEach(Thread::interrupt);
    }

    @Test
    void aLoneMessageIsExecutedAtOnceInABatchOfItsOwn() throws Exception {
        RecordingExecutor executor = new RecordingExecutor();
        start(executor, 50, 2).submit(message(0));
        assertEquals(List.of(List.of(message(0))), executor.batches);
    }

    @Test
    void messagesArrivingWhileABatchRunsAreGatheredUpToTheBatchSize() throws Exception {
        RecordingExecutor executor = new RecordingExecutor();
        CountDownLatch gate = new CountDownLatch(1);
        executor.gate = gate;
        start(executor, 3, 1);

        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int id = 0; id < 6; id++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            outcomes.add(outcome);
            threads.add(submitInBackground(message(id), outcome));
            if (id == 0) {
                await().atMost(Duration.ofSeconds(10)).until(() -> executor.batches.size() == 1);
            }
        }
        threads.forEach(OperationBatcherTest::awaitWaiting);
        gate.countDown();
        for (Thread thread : threads) {
            join(thread);
        }

        assertEquals(List.of(1, 3, 2), executor.batches.stream().map(List::size).toList());
        Set<OperationMessage> executed = new HashSet<>();
        executor.batches.forEach(executed::addAll);
        assertEquals(6, executed.size(), "every message executed exactly once");
        outcomes.forEach(outcome -> assertEquals("done", outcome.get(), "each caller returns once its batch committed"));
    }

    @Test
    void theOperationsOfOneGroupedMessageAreAllExecutedBeforeItReturns() throws Exception {
        RecordingExecutor executor = new RecordingExecutor();
        List<OperationMessage> group = List.of(message(0), message(1), message(2), message(3), message(4));
        start(executor, 2, 1).submitAll(group);

        List<OperationMessage> executed = new ArrayList<>();
        executor.batches.forEach(executed::addAll);
        assertEquals(group, executed, "every operation of the message, in order, once");
        assertTrue(executor.batches.stream().allMatch(batch -> batch.size() <= 2), "batch size still applies");
    }

    @Test
    void aGroupedMessageGoesBackWhenAnyOfItsOperationsCouldNotBeRecorded() {
        RecordingExecutor executor = new RecordingExecutor();
        executor.failure = new DatabaseUnavailableException("database down", null);
        OperationBatcher started = start(executor, 50, 1);
        assertThrows(DatabaseUnavailableException.class, () -> started.submitAll(List.of(message(0), message(1))));
    }

    @Test
    void aHighPriorityOperationGoesAheadOfTheOnesAlreadyWaiting() throws Exception {
        RecordingExecutor executor = new RecordingExecutor();
        CountDownLatch gate = new CountDownLatch(1);
        executor.gate = gate;
        start(executor, 3, 1);

        List<Thread> threads = new ArrayList<>();
        threads.add(submitInBackground(message(0), new AtomicReference<>()));
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.batches.size() == 1);
        for (int id = 1; id <= 4; id++) {
            Thread thread = submitInBackground(message(id), new AtomicReference<>());
            awaitWaiting(thread);
            threads.add(thread);
        }
        Thread urgent = submitInBackground(message(5), 1, new AtomicReference<>());
        awaitWaiting(urgent);
        threads.add(urgent);
        gate.countDown();
        for (Thread thread : threads) {
            join(thread);
        }

        assertEquals(List.of(List.of(message(0)), List.of(message(5), message(1), message(2)), List.of(message(3), message(4))),
                executor.batches, "the urgent operation leads the next batch; the others keep their order");
    }

    @Test
    void parallelBatchesRunAtTheSameTime() throws Exception {
        RecordingExecutor executor = new RecordingExecutor();
        CountDownLatch gate = new CountDownLatch(1);
        executor.gate = gate;
        start(executor, 50, 2);

        AtomicReference<Object> first = new AtomicReference<>();
        AtomicReference<Object> second = new AtomicReference<>();
        Thread a = submitInBackground(message(0), first);
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.inFlight.get() == 1);
        Thread b = submitInBackground(message(1), second);
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.inFlight.get() == 2);
        gate.countDown();
        join(a);
        join(b);

        assertEquals(2, executor.maxInFlight.get());
        assertEquals("done", first.get());
        assertEquals("done", second.get());
    }

    @Test
    void aBatchThatCouldNotBeExecutedFailsEachOfItsCallers() throws Exception {
        RecordingExecutor executor = new RecordingExecutor();
        DatabaseUnavailableException unavailable = new DatabaseUnavailableException("database down", null);
        executor.failure = unavailable;
        start(executor, 50, 1);

        assertSame(unavailable, assertThrows(DatabaseUnavailableException.class, () -> batcher.submit(message(0))));

        IllegalStateException bug = new IllegalStateException("boom");
        executor.failure = bug;
        DatabaseUnavailableException wrapped = assertThrows(DatabaseUnavailableException.class, () -> batcher.submit(message(1)));
        assertSame(bug, wrapped.getCause(), "an unexpected failure also sends the message back, never acknowledges it");

        executor.failure = null;
        batcher.submit(message(2));
        assertEquals(3, executor.batches.size(), "the runner survives failed batches");
    }

    @Test
    void stoppingFinishesWhatWasHandedInAndRefusesNewWork() throws Exception {
        RecordingExecutor executor = new RecordingExecutor();
        CountDownLatch gate = new CountDownLatch(1);
        executor.gate = gate;
        start(executor, 50, 1);

        AtomicReference<Object> running = new AtomicReference<>();
        AtomicReference<Object> queued = new AtomicReference<>();
        Thread a = submitInBackground(message(0), running);
        await().atMost(Duration.ofSeconds(10)).until(() -> executor.inFlight.get() == 1);
        Thread b = submitInBackground(message(1), queued);
        awaitWaiting(b);

        Thread stopping = new Thread(batcher::stop, "stopping");
        stopping.start();
        // Waiting for the runners to finish: it has stopped taking work by then.
        await().atMost(Duration.ofSeconds(10)).until(() -> stopping.getState() == Thread.State.TIMED_WAITING);
        DatabaseUnavailableException refused = assertThrows(DatabaseUnavailableException.class, () -> batcher.submit(message(2)));
        assertEquals("Worker is stopping", refused.getMessage());
        assertNull(refused.getCause());

        gate.countDown();
        join(a);
        join(b);
        join(stopping);
        assertEquals("done", running.get());
        assertEquals("done", queued.get(), "a message already handed in is still executed");
        assertEquals(List.of(List.of(message(0)), List.of(message(1))), executor.batches);
        batcher = null;
    }
}
