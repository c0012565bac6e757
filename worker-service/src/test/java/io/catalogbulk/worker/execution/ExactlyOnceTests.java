package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.DEFAULT_STORE;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_PUT;
import static io.catalogbulk.worker.WorkerFixtures.WAIT;
import static io.catalogbulk.worker.WorkerFixtures.awaitCaughtUp;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.count;
import static io.catalogbulk.worker.WorkerFixtures.counter;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.operation;
import static io.catalogbulk.worker.WorkerFixtures.price;
import static io.catalogbulk.worker.WorkerFixtures.priceUpdateJson;
import static io.catalogbulk.worker.WorkerFixtures.product;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.products;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;
import io.catalogbulk.worker.WorkerFixtures.ProductRow;
import io.catalogbulk.worker.WorkerFixtures.Publisher;

/**
 * Exactly-once effect on at-least-once delivery: an operation is applied only while it is open, so a message
 * delivered twice, or delivered again after the operation finished, is acknowledged and changes nothing.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ExactlyOnceTests {

    /** How long a negative check keeps holding after the worker caught up with the messages under test. */
    static final Duration STILL = Duration.ofMillis(750);

    @Inject
    MeterRegistry registry;

    /** Waits until the worker caught up, then checks the operation stays as it was for a while. */
    static void assertUnchanged(UUID bulk, int id, OperationState expected) throws Exception {
        awaitCaughtUp();
        await().during(STILL).atMost(WAIT).until(() -> operation(bulk, id).equals(expected));
    }

    @Test
    void sameMessagePublishedTwiceIsExecutedOnce() throws Exception {
        String sku = unique("W-Twice");
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Twice Tee", 12)));
        OperationMessage message = message(bulk, 0, PRODUCT_POST);
        try (Publisher publisher = new Publisher()) {
            publisher.publish(message).publish(message);
        }

        OperationState done = awaitFinished(bulk, 0);
        assertEquals(COMPLETE, done.status(), () -> "operation failed: " + done.message());
        assertUnchanged(bulk, 0, done);
        assertEquals(1, done.attempts(), "executed once");
        assertEquals(1, products(sku));
        ProductRow row = product(sku);
        assertEquals(row.createdAt(), row.updatedAt(), "the product was written by one transaction only");

        // And once more, long after it finished: acknowledged, nothing changes.
        publish(message);
        assertUnchanged(bulk, 0, done);
        assertEquals(row, product(sku));
    }

    @Test
    void redeliveryAfterALaterChangeDoesNotUndoIt() throws Exception {
        String sku = unique("W-Stale");
        UUID create = bulk(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Stale Tee", 5)));
        publish(message(create, 0, PRODUCT_POST));
        assertEquals(COMPLETE, awaitFinished(create, 0).status());

        UUID first = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 10)));
        publish(message(first, 0, PRODUCT_PUT));
        OperationState firstDone = awaitFinished(first, 0);
        assertEquals(COMPLETE, firstDone.status());
        UUID second = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 20)));
        publish(message(second, 0, PRODUCT_PUT));
        assertEquals(COMPLETE, awaitFinished(second, 0).status());
        assertEquals(0, BigDecimal.valueOf(20).compareTo(price(sku, DEFAULT_STORE)));

        // The broker hands the first update out again (a worker died before its ack, a relay re-published it).
        publish(message(first, 0, PRODUCT_PUT));
        assertUnchanged(first, 0, firstDone);
        assertEquals(0, BigDecimal.valueOf(20).compareTo(price(sku, DEFAULT_STORE)), "the later price stays");
    }

    @Test
    void operationThatIsNoLongerOpenIsNotExecuted() throws Exception {
        String sku = unique("W-Closed");
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Closed Tee", 5)));
        try (Connection connection = WorkerFixtures.db();
                PreparedStatement close = connection.prepareStatement(
                        "UPDATE operation SET status = " + NOT_RETRIABLY_FAILED + ", error_code = 400, result_message = 'failed before'"
                                + " WHERE bulk_uuid = ? AND id = 0")) {
            close.setObject(1, bulk);
            close.executeUpdate();
        }
        OperationState closed = operation(bulk, 0);

        publish(message(bulk, 0, PRODUCT_POST));
        assertUnchanged(bulk, 0, closed);
        assertEquals(NOT_RETRIABLY_FAILED, closed.status());
        assertEquals(0, closed.attempts());
        assertEquals(0, products(sku));
    }

    @Test
    void messageForAnUnknownOperationIsAcknowledgedAndIgnored() throws Exception {
        double requeuedBefore = counter(registry, "catalog_bulk_messages_requeued");
        double rejectedBefore = counter(registry, "catalog_bulk_messages_rejected");
        UUID nowhere = UUID.randomUUID();

        publish(message(nowhere, 0, PRODUCT_POST));
        awaitCaughtUp();

        try (Publisher publisher = new Publisher()) {
            await().atMost(WAIT).until(() -> publisher.ready() == 0);
        }
        assertEquals(requeuedBefore, counter(registry, "catalog_bulk_messages_requeued"), "not sent back to the queue");
        assertEquals(rejectedBefore, counter(registry, "catalog_bulk_messages_rejected"), "not taken for poison");
        assertEquals(0, count("SELECT count(*) FROM operation WHERE bulk_uuid = ?", nowhere));
    }
}
