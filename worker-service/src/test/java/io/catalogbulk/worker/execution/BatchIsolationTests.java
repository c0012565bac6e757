package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.DEFAULT_STORE;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_PUT;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_SAVED;
import static io.catalogbulk.worker.WorkerFixtures.RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.awaitAllFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.counter;
import static io.catalogbulk.worker.WorkerFixtures.messages;
import static io.catalogbulk.worker.WorkerFixtures.operation;
import static io.catalogbulk.worker.WorkerFixtures.price;
import static io.catalogbulk.worker.WorkerFixtures.priceUpdateJson;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.products;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;
import io.catalogbulk.worker.WorkerFixtures.RowLock;

/**
 * A batch runs in one transaction with a savepoint per operation: one operation's failure never undoes or
 * holds back the others. The first tests hand a batch straight to the application's {@link BatchExecutor}
 * (its operations are never published, so the consumer does not race them), which fixes what one batch holds.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class BatchIsolationTests {

    static final String TOO_LONG = "Execution failed: ERROR: value too long for type character varying(255) (SQLSTATE 22001)";
    static final String PRICE_EMPTY = "The \"Price\" attribute value is empty. Set the attribute and try again.";

    @Inject
    BatchExecutor executor;

    @Inject
    MeterRegistry registry;

    static String tooLongName(String sku) {
        // The database rejects the name after the product row was inserted: only the savepoint undoes that row.
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + "n".repeat(300) + "\",\"price\":5}}";
    }

    static String withoutPrice(String sku) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"No price\"}}";
    }

    @Test
    void failingOperationsDoNotUndoTheOthersOfTheirTransaction() throws Exception {
        String[] skus = {unique("W-BatchA"), unique("W-BatchB"), unique("W-BatchC"), unique("W-BatchD")};
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(skus[0], "Batch A", 1)),
                NewOperation.implicit(PRODUCT_POST, tooLongName(skus[1])),
                NewOperation.implicit(PRODUCT_POST, withoutPrice(skus[2])),
                NewOperation.implicit(PRODUCT_POST, productJson(skus[3], "Batch D", 4)));

        double redone = counter(registry, "catalog_bulk_optimistic_batches_redone");
        executor.execute(messages(bulk, 4, PRODUCT_POST));
        // Tried first without savepoints; the first failure rolled that back and the batch ran again with them.
        assertEquals(redone + 1, counter(registry, "catalog_bulk_optimistic_batches_redone"));

        List<OperationState> states = new ArrayList<>();
        for (int id = 0; id < 4; id++) {
            states.add(operation(bulk, id));
        }
        assertEquals(List.of(COMPLETE, NOT_RETRIABLY_FAILED, NOT_RETRIABLY_FAILED, COMPLETE),
                states.stream().map(OperationState::status).toList(), () -> "outcomes " + states);
        assertEquals(PRODUCT_SAVED, states.get(0).message());
        assertEquals(TOO_LONG, states.get(1).message());
        assertEquals(500, states.get(1).errorCode());
        assertEquals(PRICE_EMPTY, states.get(2).message());
        assertEquals(400, states.get(2).errorCode());
        assertEquals(PRODUCT_SAVED, states.get(3).message());

        assertEquals(1, products(skus[0]));
        assertEquals(0, products(skus[1]), "the failed operation's own insert was rolled back to its savepoint");
        assertEquals(0, products(skus[2]));
        assertEquals(1, products(skus[3]));
        // now() is the transaction's start: one value for all four shows they were executed in one transaction.
        assertNotNull(states.get(0).startedAt());
        for (OperationState state : states) {
            assertEquals(states.get(0).startedAt(), state.startedAt(), "one transaction");
            assertEquals(1, state.attempts());
        }
    }

    @Test
    void batchWithoutFailuresCommitsAtTheFirstTry() throws Exception {
        String[] skus = {unique("W-CleanA"), unique("W-CleanB"), unique("W-CleanC")};
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(skus[0], "Clean A", 1)),
                NewOperation.implicit(PRODUCT_POST, productJson(skus[1], "Clean B", 2)),
                NewOperation.implicit(PRODUCT_POST, productJson(skus[2], "Clean C", 3)));
        double redone = counter(registry, "catalog_bulk_optimistic_batches_redone");

        executor.execute(messages(bulk, 3, PRODUCT_POST));

        assertEquals(redone, counter(registry, "catalog_bulk_optimistic_batches_redone"), "not executed twice");
        for (int id = 0; id < 3; id++) {
            assertEquals(COMPLETE, operation(bulk, id).status());
            assertEquals(1, operation(bulk, id).attempts());
            assertEquals(1, products(skus[id]));
        }
    }

    @Test
    void transientFailureOfOneOperationDoesNotHoldBackTheOthers() throws Exception {
        String[] skus = {unique("W-TxA"), unique("W-TxB"), unique("W-TxC")};
        UUID created = bulk(NewOperation.implicit(PRODUCT_POST, productJson(skus[0], "Tx A", 1)),
                NewOperation.implicit(PRODUCT_POST, productJson(skus[1], "Tx B", 2)),
                NewOperation.implicit(PRODUCT_POST, productJson(skus[2], "Tx C", 3)));
        executor.execute(messages(created, 3, PRODUCT_POST));
        UUID updates = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(skus[0], 11)),
                NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(skus[1], 12)),
                NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(skus[2], 13)));

        // The batch fails on B's lock; its operations are then executed one by one, and only B keeps failing.
        try (RowLock lock = RowLock.product(skus[1])) {
            executor.execute(messages(updates, 3, PRODUCT_PUT));
        }

        assertEquals(COMPLETE, operation(updates, 0).status());
        OperationState locked = operation(updates, 1);
        assertEquals(RETRIABLY_FAILED, locked.status(), () -> "status of " + locked);
        assertTrue(locked.message().contains("SQLSTATE 55P03"), locked.message());
        assertEquals(COMPLETE, operation(updates, 2).status());
        assertEquals(0, BigDecimal.valueOf(11).compareTo(price(skus[0], DEFAULT_STORE)));
        assertNull(price(skus[1], DEFAULT_STORE));
        assertEquals(0, BigDecimal.valueOf(13).compareTo(price(skus[2], DEFAULT_STORE)));
    }

    @Test
    void aBatchDeliveredTwiceInOneCallRunsEachOperationOnce() throws Exception {
        String sku = unique("W-Dup");
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Dup", 7)));
        List<OperationMessage> twice = new ArrayList<>(messages(bulk, 1, PRODUCT_POST));
        twice.addAll(messages(bulk, 1, PRODUCT_POST));

        executor.execute(twice);

        OperationState state = operation(bulk, 0);
        assertEquals(COMPLETE, state.status());
        assertEquals(1, state.attempts(), "one execution for two deliveries in one batch");
        assertEquals(1, products(sku));
    }

    @Test
    void publishedOperationsOfOneBulkEachGetTheirOwnOutcome() throws Exception {
        String[] skus = {unique("W-PubA"), unique("W-PubB"), unique("W-PubC")};
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(skus[0], "Pub A", 1)),
                NewOperation.implicit(PRODUCT_POST, withoutPrice(skus[1])),
                NewOperation.implicit(PRODUCT_POST, productJson(skus[2], "Pub C", 3)));
        publish(messages(bulk, 3, PRODUCT_POST).toArray(OperationMessage[]::new));

        List<OperationState> states = awaitAllFinished(bulk, 3);
        assertEquals(List.of(COMPLETE, NOT_RETRIABLY_FAILED, COMPLETE), states.stream().map(OperationState::status).toList(),
                () -> "outcomes " + states);
        assertEquals(PRICE_EMPTY, states.get(1).message());
        assertEquals(1, products(skus[0]));
        assertEquals(0, products(skus[1]));
        assertEquals(1, products(skus[2]));
    }
}
