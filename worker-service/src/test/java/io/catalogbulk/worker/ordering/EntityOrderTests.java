package io.catalogbulk.worker.ordering;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.DEFAULT_STORE;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.OPEN;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_DELETE;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_PUT;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.deleteJson;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.operation;
import static io.catalogbulk.worker.WorkerFixtures.price;
import static io.catalogbulk.worker.WorkerFixtures.priceUpdateJson;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static io.catalogbulk.worker.ordering.OrderedBulks.accept;
import static io.catalogbulk.worker.ordering.OrderedBulks.awaitWaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.ledger.BulkCancellation;
import io.catalogbulk.core.ledger.NewBulkWriter;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.OperationState;

/**
 * Per-entity order against the real database and broker: operations on one SKU take effect in the order they were
 * accepted whatever order their messages arrive in; a waiting operation is released when the one before it
 * completes, fails or is cancelled; operations on other SKUs never wait for them.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class EntityOrderTests {

    @Inject
    NewBulkWriter writer;

    @Inject
    RouteTable routes;

    @Inject
    BulkCancellation cancellation;

    private String existingProduct(String prefix) throws Exception {
        String sku = unique(prefix);
        UUID created = accept(writer, routes, PRODUCT_POST, productJson(sku, "Ordered Tee", 1));
        publish(message(created, 0, PRODUCT_POST));
        assertEquals(COMPLETE, awaitFinished(created, 0).status());
        return sku;
    }

    @Test
    void theLaterPriceWinsWhenItsMessageArrivesFirst() throws Exception {
        String sku = existingProduct("O-Late");
        UUID first = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(sku, 10));
        UUID second = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(sku, 12));

        publish(message(second, 0, PRODUCT_PUT));
        awaitWaiting(second, 0);
        assertNull(price(sku, DEFAULT_STORE), "the later price waits: nothing changed yet");

        publish(message(first, 0, PRODUCT_PUT));
        OperationState earlier = awaitFinished(first, 0);
        OperationState later = awaitFinished(second, 0);
        assertEquals(COMPLETE, earlier.status(), () -> "first update failed: " + earlier.message());
        assertEquals(COMPLETE, later.status(), () -> "second update failed: " + later.message());
        assertEquals(0, new BigDecimal("12").compareTo(price(sku, DEFAULT_STORE)), "the price accepted last is the one left");
        assertTrue(later.finishedAt().isAfter(earlier.finishedAt()), "executed in acceptance order");
        assertEquals(1, earlier.attempts());
        assertEquals(1, later.attempts(), "waiting is not an attempt: each executed once");
    }

    @Test
    void operationsOnOneSkuInOneMessageRunInAcceptanceOrder() throws Exception {
        String sku = existingProduct("O-Same");
        UUID bulk = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(sku, 10), priceUpdateJson(sku, 11), priceUpdateJson(sku, 12));
        // Delivered backwards, each on its own: the first two wait, or run in one batch in acceptance order.
        publish(message(bulk, 2, PRODUCT_PUT), message(bulk, 1, PRODUCT_PUT), message(bulk, 0, PRODUCT_PUT));
        OperationState a = awaitFinished(bulk, 0);
        OperationState b = awaitFinished(bulk, 1);
        OperationState c = awaitFinished(bulk, 2);
        assertEquals(COMPLETE, c.status(), () -> "last update failed: " + c.message());
        assertEquals(0, new BigDecimal("12").compareTo(price(sku, DEFAULT_STORE)));
        assertTrue(b.finishedAt().isAfter(a.finishedAt()) && c.finishedAt().isAfter(b.finishedAt()), "acceptance order");
    }

    @Test
    void aFailedPredecessorReleasesItsWaiter() throws Exception {
        String sku = unique("O-Fail");
        // Deleting a product that does not exist fails (404); the create accepted after it must still run.
        UUID delete = accept(writer, routes, PRODUCT_DELETE, deleteJson(sku));
        UUID create = accept(writer, routes, PRODUCT_POST, productJson(sku, "Created After", 12));

        publish(message(create, 0, PRODUCT_POST));
        awaitWaiting(create, 0);
        publish(message(delete, 0, PRODUCT_DELETE));

        assertEquals(NOT_RETRIABLY_FAILED, awaitFinished(delete, 0).status());
        OperationState created = awaitFinished(create, 0);
        assertEquals(COMPLETE, created.status(), () -> "create failed: " + created.message());
        assertEquals(0, new BigDecimal("12").compareTo(price(sku, 0)));
    }

    @Test
    void aCancelledPredecessorReleasesItsWaiter() throws Exception {
        String sku = existingProduct("O-Cancel");
        UUID cancelled = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(sku, 10));
        UUID waiter = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(sku, 12));

        publish(message(waiter, 0, PRODUCT_PUT));
        awaitWaiting(waiter, 0);
        assertEquals(1, cancellation.cancelOpen(cancelled));

        // Nobody executes the cancelled operation to hand over: the sweep releases the waiter.
        OperationState released = awaitFinished(waiter, 0);
        assertEquals(COMPLETE, released.status(), () -> "update failed: " + released.message());
        assertEquals(0, new BigDecimal("12").compareTo(price(sku, DEFAULT_STORE)));
        assertEquals(1, released.attempts());
    }

    @Test
    void otherSkusDoNotWaitForAnOpenOperation() throws Exception {
        String blocked = existingProduct("O-Blocked");
        String free = existingProduct("O-Free");
        UUID neverPublished = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(blocked, 10));
        UUID waiter = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(blocked, 12));
        UUID other = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(free, 7));

        publish(message(waiter, 0, PRODUCT_PUT), message(other, 0, PRODUCT_PUT));
        OperationState done = awaitFinished(other, 0);
        assertEquals(COMPLETE, done.status(), () -> "update failed: " + done.message());
        assertEquals(0, new BigDecimal("7").compareTo(price(free, DEFAULT_STORE)), "another SKU ran while this one waits");
        awaitWaiting(waiter, 0);
        assertEquals(OPEN, operation(neverPublished, 0).status());

        // The predecessor arrives at last; the waiter follows it.
        publish(message(neverPublished, 0, PRODUCT_PUT));
        assertEquals(COMPLETE, awaitFinished(waiter, 0).status());
        assertEquals(0, new BigDecimal("12").compareTo(price(blocked, DEFAULT_STORE)));
        assertNotNull(operation(neverPublished, 0).finishedAt());
    }
}
