package io.catalogbulk.ingest.publish;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.catalogbulk.core.messaging.BulkPublication;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.ingest.IngestConfig;

/**
 * Publishes a bulk right after its transaction committed, off the request thread, so the 202 does not wait
 * for the broker. If publishing fails, or the queue of bulks to publish is full, nothing is lost: the bulk
 * stays unpublished in the database and {@link PublishRelay} publishes it once its lease runs out.
 */
@ApplicationScoped
public class PublishDispatcher {

    private static final Logger LOG = Logger.getLogger(PublishDispatcher.class);

    @Inject
    BulkPublication publication;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry registry;

    private ThreadPoolExecutor executor;
    private Counter published;
    private Counter deferred;

    @PostConstruct
    void init() {
        executor = new ThreadPoolExecutor(config.publishThreads(), config.publishThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.publishQueueSize()), r -> {
                    Thread thread = new Thread(r, "bulk-publisher");
                    thread.setDaemon(true);
                    return thread;
                });
        published = Counter.builder("catalog_bulk_messages_published").description("Operation messages confirmed by the broker")
                .tag("by", "ingest").register(registry);
        deferred = Counter.builder("catalog_bulk_publish_deferred").description("Bulks left to the relay (broker down or busy)")
                .register(registry);
    }

    public void publishLater(UUID bulkUuid, List<OperationMessage> messages) {
        try {
            executor.execute(() -> {
                try {
                    publication.publishAccepted(bulkUuid, messages);
                    published.increment(messages.size());
                } catch (Exception e) {
                    deferred.increment();
                    LOG.warnf("Bulk %s stored but not yet published (%s); the relay will publish it", bulkUuid, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            deferred.increment();
            LOG.warnf("Publish queue full; bulk %s is left to the relay", bulkUuid);
        }
    }

    /** Finishes publishing what was accepted before the service stops (bounded; the relay covers the rest). */
    @PreDestroy
    void drain() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
                LOG.warnf("%d accepted bulk(s) not published at shutdown; the relay will publish them", executor.getQueue().size());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
