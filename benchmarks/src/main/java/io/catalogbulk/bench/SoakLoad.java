package io.catalogbulk.bench;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind of steady load the soak runs on a thread of its own, at a fixed pace. A new kind of traffic (the
 * import, once it exists) is one more implementation added to {@link #kinds}: the soak samples the services the same
 * way whatever the load is.
 */
abstract class SoakLoad {

    /** Bulks accepted recently, for the status polls (bounded: the soak must not grow itself). */
    static final ConcurrentLinkedDeque<UUID> RECENT_BULKS = new ConcurrentLinkedDeque<>();

    final AtomicLong requests = new AtomicLong();
    final AtomicLong operations = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    /** Name in the summary. */
    abstract String name();

    /** Time between two calls of {@link #once}. */
    abstract Duration pace();

    /** One unit of load; throws when the answer is not the expected one (counted as an error, the run goes on). */
    abstract void once(BenchSystem system, long sequence) throws Exception;

    /** The loads of a soak run: single async calls, bulks of 1,000, status polls. */
    static List<SoakLoad> kinds() {
        return List.of(new SingleAsyncCalls(), new Bulks(), new StatusPolls());
    }

    static void remember(UUID bulk) {
        RECENT_BULKS.addFirst(bulk);
        while (RECENT_BULKS.size() > 100) {
            RECENT_BULKS.pollLast();
        }
    }

    /** POST /async/V1/products with one product, 10 a second. */
    static final class SingleAsyncCalls extends SoakLoad {
        @Override
        String name() {
            return "single async calls";
        }

        @Override
        Duration pace() {
            return Duration.ofMillis(100);
        }

        @Override
        void once(BenchSystem system, long sequence) throws Exception {
            String sku = "soak-single-" + sequence + "-" + UUID.randomUUID().toString().substring(0, 6);
            HttpResponse<String> answer = system.post("/async/V1/products", Products.item(sku).getBytes(StandardCharsets.UTF_8));
            remember(BenchSystem.bulkUuid(answer));
            operations.incrementAndGet();
        }
    }

    /** POST /async/bulk/V1/products with 1,000 products, every 15 seconds. */
    static final class Bulks extends SoakLoad {
        @Override
        String name() {
            return "bulks of 1,000";
        }

        @Override
        Duration pace() {
            return Duration.ofSeconds(15);
        }

        @Override
        void once(BenchSystem system, long sequence) throws Exception {
            List<String> skus = Products.skus("soak-bulk-" + sequence + "-" + UUID.randomUUID().toString().substring(0, 6), 1_000);
            remember(BenchSystem.bulkUuid(system.post("/async/bulk/V1/products", Products.bulk(skus))));
            operations.addAndGet(1_000);
        }
    }

    /** GET /V1/bulk/:uuid/status of a recent bulk, 5 a second (detailed status every tenth). */
    static final class StatusPolls extends SoakLoad {
        @Override
        String name() {
            return "status polls";
        }

        @Override
        Duration pace() {
            return Duration.ofMillis(200);
        }

        @Override
        void once(BenchSystem system, long sequence) throws Exception {
            UUID bulk = RECENT_BULKS.peekFirst();
            if (bulk == null) {
                return;
            }
            String kind = sequence % 10 == 0 ? "detailed-status" : "status";
            BenchSystem.expect(system.getStatus("/V1/bulk/" + bulk + "/" + kind), 200);
        }
    }
}
