package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.DEFAULT_STORE;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_DELETE;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_DELETED;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_PUT;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_SAVED;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.deleteJson;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.price;
import static io.catalogbulk.worker.WorkerFixtures.priceUpdateJson;
import static io.catalogbulk.worker.WorkerFixtures.product;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.products;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;
import io.catalogbulk.worker.WorkerFixtures.ProductRow;

/**
 * Product operations consumed from the queue: executed with the catalog's handlers in the store scope the
 * request carried, with the outcome recorded on the operation row. What a product save writes in each scope is
 * tested beside the entity (catalog's ProductStoreValuesTests).
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductOperationsTests {

    static OperationState execute(NewOperation operation) throws Exception {
        UUID bulk = bulk(operation);
        publish(message(bulk, 0, operation.topic()));
        return awaitFinished(bulk, 0);
    }

    static OperationState executeComplete(NewOperation operation) throws Exception {
        OperationState state = execute(operation);
        assertEquals(COMPLETE, state.status(), () -> "operation failed: " + state.message());
        return state;
    }

    static void assertPrice(int expected, BigDecimal actual) {
        assertNotNull(actual, "no price");
        assertEquals(0, BigDecimal.valueOf(expected).compareTo(actual), () -> "price " + actual + ", expected " + expected);
    }

    @Test
    void aCompletedOperationRecordsItsOutcomeAndTheHandlersAnswer() throws Exception {
        String sku = unique("W-Create");
        OperationState state = execute(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Worker Tee", 25)));

        assertEquals(COMPLETE, state.status());
        assertEquals(PRODUCT_SAVED, state.message());
        assertNull(state.errorCode());
        assertEquals(1, state.attempts());
        assertNotNull(state.startedAt());
        assertNotNull(state.finishedAt());

        // The result is what the synchronous route answers: the saved product.
        ProductRow row = product(sku);
        assertNotNull(row, "no catalog_product row");
        JsonNode result = state.result();
        assertEquals(row.id(), result.get("id").asLong());
        assertEquals(sku, result.get("sku").asText());
        assertEquals("Worker Tee", result.get("name").asText());
    }

    @Test
    void theOperationsStoreScopeReachesTheHandler() throws Exception {
        String sku = unique("W-Scope");
        executeComplete(NewOperation.store(DEFAULT_STORE, PRODUCT_POST, productJson(sku, "Store Tee", 25)));
        assertPrice(25, price(sku, 0));
        assertPrice(25, price(sku, DEFAULT_STORE));

        // A store code (scope 'store', store 1): that store's price; the answer is the product as that store sees it.
        OperationState storeUpdate = executeComplete(NewOperation.store(DEFAULT_STORE, PRODUCT_PUT, priceUpdateJson(sku, 30)));
        assertEquals("30", storeUpdate.result().get("price").asText());
        assertPrice(30, price(sku, DEFAULT_STORE));
        assertPrice(25, price(sku, 0));

        // all (store 0): the global price, which the store with its own price does not see.
        OperationState allUpdate = executeComplete(NewOperation.all(PRODUCT_PUT, priceUpdateJson(sku, 40)));
        assertEquals("40", allUpdate.result().get("price").asText());
        assertPrice(40, price(sku, 0));
        assertPrice(30, price(sku, DEFAULT_STORE));

        // No store code on update (scope 'implicit'): the default store's value.
        executeComplete(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 35)));
        assertPrice(35, price(sku, DEFAULT_STORE));
        assertPrice(40, price(sku, 0));
        assertEquals(1, products(sku));
    }

    @Test
    void deleteRecordsTheHandlersTrue() throws Exception {
        String sku = unique("W-Delete");
        executeComplete(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Doomed Tee", 9)));
        assertEquals(1, products(sku));

        OperationState state = executeComplete(NewOperation.implicit(PRODUCT_DELETE, deleteJson(sku)));
        assertEquals(PRODUCT_DELETED, state.message());
        assertEquals("true", state.resultData());
        assertEquals(0, products(sku));
    }
}
