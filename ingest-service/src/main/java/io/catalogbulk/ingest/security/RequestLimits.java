package io.catalogbulk.ingest.security;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.ledger.BacklogCounts;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Per-principal limits of ingest, answered with 429 and Retry-After: a request rate (a token bucket per
 * principal and instance: sustained rate plus burst) and the number of open operations (accepted, not yet
 * finished) a principal may have, so one connector cannot fill the queue for everyone. The open count is a
 * query over the principal's open operations, re-run at most every {@code open-operations-recount}; accepted
 * operations are added to it in between.
 */
@ApplicationScoped
public class RequestLimits {

    /** Beyond this many tracked principals the idle buckets are dropped (a full bucket is the same as none). */
    private static final int MAX_TRACKED = 100_000;

    @Inject
    SecurityConfig config;

    @Inject
    BacklogCounts backlog;

    private final ConcurrentHashMap<Caller, Bucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Caller, OpenCount> open = new ConcurrentHashMap<>();

    /** One request of the caller; 429 when its bucket is empty. */
    public void checkRate(Caller caller) {
        double rate = config.rateLimitPerSecond();
        if (rate <= 0) {
            return;
        }
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        double capacity = Math.max(Math.max(rate, 1), config.rateLimitBurst());
        Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(capacity));
        if (!bucket.take(rate, capacity)) {
            // The time one request's worth of rate takes to come back, in whole seconds.
            int retryAfter = (int) Math.max(1, Math.ceil(1 / rate));
            throw new WebapiException(429, Phrase.of("Too many requests: the limit is %limit requests per second. Retry later.",
                    Map.of("limit", rate == Math.rint(rate) ? (Object) (long) rate : (Object) rate)), List.of(), retryAfter);
        }
    }

    /** Before storing {@code adding} operations of the caller; 429 when that would exceed the open limit. */
    public void checkOpenOperations(Caller caller, int adding) {
        long limit = config.maxOpenOperations();
        if (limit <= 0) {
            return;
        }
        if (open.size() > MAX_TRACKED) {
            open.clear();
        }
        OpenCount count = open.compute(caller, (c, current) -> current != null
                && System.nanoTime() - current.countedAt < config.openOperationsRecount().toNanos() ? current
                        : new OpenCount(countOpen(c), System.nanoTime()));
        synchronized (count) {
            if (count.value + adding > limit) {
                throw new WebapiException(429, Phrase.of(
                        "Too many open operations: at most %limit accepted and not finished operations per user; %open are open."
                                + " Retry when some have finished.",
                        orderedMap("limit", limit, "open", count.value)), List.of(), 10);
            }
            count.value += adding;
        }
    }

    private long countOpen(Caller caller) {
        try {
            return backlog.openOperationsOf(caller);
        } catch (SQLException e) {
            throw WebapiException.serviceUnavailable("The database is unavailable; nothing was stored. Retry later.", 5);
        }
    }

    private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static final class OpenCount {
        long value;
        final long countedAt;

        OpenCount(long value, long countedAt) {
            this.value = value;
            this.countedAt = countedAt;
        }
    }

    /** Token bucket: refills {@code rate} tokens per second up to {@code capacity}. */
    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double capacity) {
            this.tokens = capacity;
        }

        synchronized boolean take(double rate, double capacity) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
