package io.catalogbulk.worker.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.worker.WorkerConfig;

/**
 * Group commit: messages handed in by the consumer threads are gathered into batches of up to
 * {@code batch-size}, and {@code parallel-batches} runners execute one batch per transaction. Each caller
 * blocks until its batch is committed, then acknowledges its own message. Under load batches fill up by
 * themselves; a lone message is executed at once. Operations of a high-priority message (a small request, see
 * {@code catalog-bulk.broker.max-priority}) go ahead of what is already waiting here, so a single async call
 * is not stuck behind the locally prefetched part of a large bulk either.
 */
@ApplicationScoped
public class OperationBatcher {

    private static final Logger LOG = Logger.getLogger(OperationBatcher.class);

    @Inject
    BatchExecutor executor;

    @Inject
    WorkerConfig config;

    private final PriorityBlockingQueue<Pending> queue = new PriorityBlockingQueue<>();
    private final AtomicLong arrivals = new AtomicLong();
    private ExecutorService runners;
    private volatile boolean running = true;

    /** An operation waiting for a batch: higher priority first, then in order of arrival. */
    private record Pending(OperationMessage message, int priority, long arrival, CompletableFuture<Void> done)
            implements Comparable<Pending> {

        @Override
        public int compareTo(Pending other) {
            return priority != other.priority ? Integer.compare(other.priority, priority) : Long.compare(arrival, other.arrival);
        }
    }

    @PostConstruct
    void start() {
        runners = Executors.newFixedThreadPool(config.parallelBatches(), r -> {
            Thread thread = new Thread(r, "operation-batch");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < config.parallelBatches(); i++) {
            runners.execute(this::run);
        }
    }

    /** Executes the operation of a message; returns once its outcome is committed. */
    public void submit(OperationMessage message) throws DatabaseUnavailableException, InterruptedException {
        submitAll(List.of(message));
    }

    /**
     * Executes the operations of one message (they may land in different batches); returns once every outcome is
     * committed, or throws if any could not be recorded, so the message goes back to the broker. Operations that
     * were recorded are then skipped on redelivery: they are no longer open.
     */
    public void submitAll(List<OperationMessage> messages) throws DatabaseUnavailableException, InterruptedException {
        submitAll(messages, 0);
    }

    /** Like {@link #submitAll(List)}, for operations of a message published with {@code priority}. */
    public void submitAll(List<OperationMessage> messages, int priority) throws DatabaseUnavailableException, InterruptedException {
        if (!running) {
            throw new DatabaseUnavailableException("Worker is stopping", null);
        }
        List<Pending> pendings = new ArrayList<>(messages.size());
        for (OperationMessage message : messages) {
            Pending pending = new Pending(message, priority, arrivals.incrementAndGet(), new CompletableFuture<>());
            pendings.add(pending);
            queue.put(pending);
        }
        DatabaseUnavailableException failure = null;
        for (Pending pending : pendings) {
            try {
                pending.done().get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof DatabaseUnavailableException unavailable ? unavailable
                            : new DatabaseUnavailableException("Execution failed: " + e.getCause(), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            List<Pending> batch = new ArrayList<>(config.batchSize());
            batch.add(first);
            queue.drainTo(batch, config.batchSize() - 1);
            try {
                executor.execute(batch.stream().map(Pending::message).toList());
                batch.forEach(p -> p.done().complete(null));
            } catch (DatabaseUnavailableException | RuntimeException e) {
                LOG.warnf("Batch of %d not executed (%s); its messages go back to the queue", batch.size(), e.getMessage());
                batch.forEach(p -> p.done().completeExceptionally(e));
            }
        }
    }

    /** Finishes what was handed in (bounded by the prefetch); whatever is left after the timeout goes back to the broker. */
    @PreDestroy
    void stop() {
        running = false;
        runners.shutdown();
        try {
            runners.awaitTermination(25, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new DatabaseUnavailableException("Worker stopped before executing", null));
        }
    }
}
