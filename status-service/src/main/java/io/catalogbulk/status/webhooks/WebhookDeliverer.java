package io.catalogbulk.status.webhooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.catalogbulk.core.outbound.OutboundException;
import io.catalogbulk.core.outbound.OutboundHttp;
import io.catalogbulk.core.security.SecretCipher;
import io.quarkus.scheduler.Scheduled;

/**
 * Posts recorded completion events to their receivers, at least once: an event is leased, posted, and only then
 * marked delivered; a replica killed in between leaves the lease to run out and the event is posted again. A
 * receiver that fails (no answer within the request timeout, a status other than 2xx, a refused address) is tried
 * again after an exponentially growing delay with jitter, until {@code give-up-after} from when the event was
 * recorded; then the event is failed. Every attempt is written to the delivery log. Runs on its own threads in
 * status-service: a slow receiver never holds a worker, a request thread or another receiver's delivery for
 * longer than one request timeout.
 */
@ApplicationScoped
public class WebhookDeliverer {

    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class);

    @Inject
    WebhookConfig config;

    @Inject
    WebhookStore store;

    @Inject
    OutboundHttp outbound;

    @Inject
    SecretCipher cipher;

    private volatile ExecutorService posters;

    private final AtomicInteger threadCount = new AtomicInteger();

    @Scheduled(every = "${catalog-bulk.webhooks.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        if (!config.enabled() || !cipher.configured()) {
            return;
        }
        try {
            // A full batch means more may be due: go on, a bounded number of rounds per tick.
            for (int round = 0; round < 10; round++) {
                if (deliverBatch() < config.batchSize()) {
                    return;
                }
            }
        } catch (SQLException e) {
            LOG.warnf("Webhook deliveries could not be read (retried next tick): %s", e.getMessage());
        }
    }

    /** Leases one batch of due events and posts them in parallel; how many were leased. */
    int deliverBatch() throws SQLException {
        List<WebhookStore.Due> due = store.lease(config.batchSize(), config.lease());
        List<Future<?>> running = new ArrayList<>();
        for (WebhookStore.Due event : due) {
            running.add(posters().submit(() -> deliver(event)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return due.size();
            } catch (Exception e) {
                LOG.warnf("A webhook delivery failed unexpectedly (its lease runs out and it is retried): %s", e);
            }
        }
        return due.size();
    }

    private void deliver(WebhookStore.Due event) {
        OffsetDateTime attemptedAt = OffsetDateTime.now(ZoneOffset.UTC);
        long start = System.nanoTime();
        Integer status = null;
        String error = null;
        if (event.subscriptionDeleted()) {
            error = "The subscription was deleted.";
        } else {
            try {
                status = post(event, attemptedAt);
                if (status < 200 || status >= 300) {
                    error = "The receiver answered HTTP " + status + ".";
                }
            } catch (OutboundException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                // a secret sealed with another key, a URL that no longer parses: retried like a failed call
                error = "The event could not be posted: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " (" + truncate(e.getMessage()) + ")");
            }
        }
        int durationMs = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
        String state;
        OffsetDateTime next = null;
        if (error == null) {
            state = "delivered";
        } else if (event.subscriptionDeleted()
                || attemptedAt.plus(delayAfter(event.attempt())).isAfter(event.recordedAt().plus(config.giveUpAfter()))) {
            state = "failed";
            LOG.warnf("Webhook event %s to %s failed for good after %d attempts: %s", event.eventId(), host(event.url()),
                    event.attempt(), error);
        } else {
            state = "pending";
            next = attemptedAt.plus(delayAfter(event.attempt()));
            LOG.infof("Webhook event %s to %s: attempt %d failed (%s); next attempt at %s", event.eventId(), host(event.url()),
                    event.attempt(), error, next);
        }
        try {
            store.recordAttempt(event.eventId(), attemptedAt, status, error, durationMs, state, next);
        } catch (SQLException e) {
            // Not recorded: the lease runs out and the event is posted again (at least once).
            LOG.warnf("Webhook event %s: its attempt could not be recorded (%s); it is retried", event.eventId(), e.getMessage());
        }
    }

    /** Posts the event signed as Standard Webhooks says; the receiver's status. */
    private int post(WebhookStore.Due event, OffsetDateTime attemptedAt) throws OutboundException {
        String secret = cipher.decrypt(event.sealedSecret());
        byte[] body = event.payload().getBytes(StandardCharsets.UTF_8);
        String messageId = "msg_" + event.eventId();
        long timestamp = attemptedAt.toEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", Signature.sign(secret, messageId, timestamp, body));
        headers.put("User-Agent", "catalog-bulk-webhooks/1");
        return outbound.post(URI.create(event.url()), headers, body, "application/json", config.requestTimeout(),
                new OutboundHttp.Policy(config.allowPrivateAddresses(), config.allowHttp())).status();
    }

    /** first-retry-delay × 2^(attempt-1), at most max-retry-delay, then a random half of it taken off (jitter). */
    Duration delayAfter(int attempt) {
        long first = config.firstRetryDelay().toMillis();
        long max = config.maxRetryDelay().toMillis();
        long exponential = attempt >= 40 ? max : Math.min(max, first * (1L << Math.max(0, attempt - 1)));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private static String truncate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    private ExecutorService posters() {
        ExecutorService pool = posters;
        if (pool == null) {
            synchronized (this) {
                if (posters == null) {
                    posters = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), runnable -> {
                        Thread thread = new Thread(runnable, "webhook-poster-" + threadCount.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                }
                pool = posters;
            }
        }
        return pool;
    }

    @PreDestroy
    void stop() {
        if (posters != null) {
            posters.shutdownNow();
        }
    }
}
