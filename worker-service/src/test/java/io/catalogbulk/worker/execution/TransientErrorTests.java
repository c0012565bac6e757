package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.DEFAULT_STORE;
import static io.catalogbulk.worker.WorkerFixtures.OPEN;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_PUT;
import static io.catalogbulk.worker.WorkerFixtures.RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.WAIT;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.counter;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.operation;
import static io.catalogbulk.worker.WorkerFixtures.price;
import static io.catalogbulk.worker.WorkerFixtures.priceUpdateJson;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerConfig;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;
import io.catalogbulk.worker.WorkerFixtures.RowLock;

/**
 * Transient database errors are retried with backoff inside the worker. A test transaction holds the row a
 * worker needs; the %test profile gives up on a lock after 500 ms (lock_timeout, SQLSTATE 55P03), so each
 * attempt fails quickly: released in time the operation completes, held through every attempt it ends as
 * retriably failed (2).
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class TransientErrorTests {

    static final String RETRIES = "catalog_bulk_transient_retries";

    @Inject
    MeterRegistry registry;

    @Inject
    WorkerConfig config;

    static String createProduct(int price) throws Exception {
        String sku = unique("W-Locked");
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Locked Tee", price)));
        publish(message(bulk, 0, PRODUCT_POST));
        assertEquals(COMPLETE, awaitFinished(bulk, 0).status());
        return sku;
    }

    /** Waits until the worker has retried at least {@code retries} times more than {@code before}. */
    void awaitRetries(double before, int retries) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> counter(registry, RETRIES) >= before + retries);
    }

    @Test
    void lockHeldForAWhileIsRetriedAndTheOperationThenCompletes() throws Exception {
        String sku = createProduct(10);
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 11)));
        double before = counter(registry, RETRIES);

        try (RowLock lock = RowLock.product(sku)) {
            publish(message(bulk, 0, PRODUCT_PUT));
            awaitRetries(before, 1);
            assertEquals(OPEN, operation(bulk, 0).status(), "still open while the worker retries");
        }

        OperationState state = awaitFinished(bulk, 0);
        assertEquals(COMPLETE, state.status(), () -> "operation failed: " + state.message());
        assertEquals(1, state.attempts(), "failed attempts rolled back, so only the committed one counts");
        assertEquals(0, BigDecimal.valueOf(11).compareTo(price(sku, DEFAULT_STORE)));
    }

    @Test
    void lockHeldThroughEveryAttemptEndsRetriablyFailed() throws Exception {
        String sku = createProduct(20);
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 21)));
        double before = counter(registry, RETRIES);

        OperationState state;
        try (RowLock lock = RowLock.product(sku)) {
            publish(message(bulk, 0, PRODUCT_PUT));
            state = awaitFinished(bulk, 0);
        }

        assertEquals(RETRIABLY_FAILED, state.status(), () -> "status of " + state);
        assertNull(state.errorCode());
        assertNull(state.resultData());
        assertTrue(state.message().startsWith("Temporary database failure after retries: "), state.message());
        assertTrue(state.message().contains("SQLSTATE 55P03"), state.message());
        assertEquals(1, state.attempts());
        assertTrue(counter(registry, RETRIES) - before >= config.retry().maxAttempts() - 1,
                "retried up to the configured attempts");
        assertNull(price(sku, DEFAULT_STORE), "the update was never applied");
        assertEquals(0, BigDecimal.valueOf(20).compareTo(price(sku, 0)));
    }

    @Test
    void operationWhoseRowStaysLockedGoesBackToTheQueueAndIsExecutedLater() throws Exception {
        // Another transaction holds the operation row itself: the worker cannot even record a failure, so it
        // hands the message back to the broker instead of losing it, and executes it once the row is free.
        String sku = createProduct(30);
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 31)));
        double requeuedBefore = counter(registry, "catalog_bulk_messages_requeued");

        try (RowLock lock = RowLock.operation(bulk, 0)) {
            publish(message(bulk, 0, PRODUCT_PUT));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> counter(registry, "catalog_bulk_messages_requeued") > requeuedBefore);
            assertEquals(OPEN, operation(bulk, 0).status());
        }

        OperationState state = awaitFinished(bulk, 0);
        assertEquals(COMPLETE, state.status(), () -> "operation failed: " + state.message());
        assertEquals(1, state.attempts());
        assertEquals(0, BigDecimal.valueOf(31).compareTo(price(sku, DEFAULT_STORE)));
    }
}
