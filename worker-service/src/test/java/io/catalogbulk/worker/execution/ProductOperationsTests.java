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
import static io.catalogbulk.worker.WorkerFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;
import io.catalogbulk.worker.WorkerFixtures.ProductRow;
import io.catalogbulk.worker.WorkerFixtures.StoreValues;

/**
 * Product operations consumed from the queue: executed with the catalog's handlers in the store scope the
 * request carried, with the outcome recorded on the operation row.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductOperationsTests {

    static String productWithExtras(String sku) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Scoped Tee\",\"attribute_set_id\":4,\"price\":25,"
                + "\"type_id\":\"simple\",\"weight\":0.5,\"visibility\":2,"
                + "\"custom_attributes\":[{\"attribute_code\":\"color\",\"value\":\"red\"}]}}";
    }

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
    void createdProductIsStoredAndTheResultIsWhatTheSyncRouteReturns() throws Exception {
        String sku = unique("W-Create");
        OperationState state = execute(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Worker Tee", 25)));

        assertEquals(COMPLETE, state.status());
        assertEquals(PRODUCT_SAVED, state.message());
        assertNull(state.errorCode());
        assertEquals(1, state.attempts());
        assertNotNull(state.startedAt());
        assertNotNull(state.finishedAt());

        ProductRow row = product(sku);
        assertNotNull(row, "no catalog_product row");
        assertEquals("simple", row.typeId());
        assertEquals(4, row.attributeSetId());

        JsonNode result = state.result();
        assertEquals(row.id(), result.get("id").asLong());
        assertEquals(sku, result.get("sku").asText());
        assertEquals("Worker Tee", result.get("name").asText());
        assertEquals("25", result.get("price").asText(), "integral prices print as PHP prints them");
        assertEquals(1, result.get("status").asInt());
        assertEquals(4, result.get("visibility").asInt());
        assertEquals("simple", result.get("type_id").asText());
        assertEquals(4, result.get("attribute_set_id").asInt());
        assertEquals(Json.parse("[1]"), result.get("extension_attributes").get("website_ids"));
        assertNotNull(result.get("created_at"));

        // No store code on create: global values only.
        StoreValues global = values(sku, 0);
        assertEquals("Worker Tee", global.name());
        assertPrice(25, global.price());
        assertEquals(1, global.status());
        assertEquals(4, global.visibility());
        assertNull(values(sku, DEFAULT_STORE), "an implicit create writes no store values");
    }

    @Test
    void createWithAStoreCodeWritesGlobalAndStoreValues() throws Exception {
        String sku = unique("W-StoreCreate");
        executeComplete(NewOperation.store(DEFAULT_STORE, PRODUCT_POST, productJson(sku, "Store Tee", 25)));

        StoreValues global = values(sku, 0);
        assertEquals("Store Tee", global.name());
        assertPrice(25, global.price());
        StoreValues store = values(sku, DEFAULT_STORE);
        assertNotNull(store, "a create with a store code also writes that store's values");
        assertEquals("Store Tee", store.name());
        assertPrice(25, store.price());
    }

    @Test
    void putWithOnlyAPriceChangesThatPriceInTheRequestedScopeAndNothingElse() throws Exception {
        String sku = unique("W-Price");
        executeComplete(NewOperation.implicit(PRODUCT_POST, productWithExtras(sku)));
        ProductRow rowBefore = product(sku);
        StoreValues globalBefore = values(sku, 0);
        assertNull(values(sku, DEFAULT_STORE));

        // A store code (scope 'store', store 1): that store's price only; everything else is inherited.
        OperationState storeUpdate = executeComplete(NewOperation.store(DEFAULT_STORE, PRODUCT_PUT, priceUpdateJson(sku, 30)));
        assertEquals(PRODUCT_SAVED, storeUpdate.message());
        StoreValues store = values(sku, DEFAULT_STORE);
        assertNotNull(store, "the store's value row");
        assertPrice(30, store.price());
        assertNull(store.name(), "the store inherits the name");
        assertNull(store.status(), "the store inherits the status");
        assertNull(store.visibility(), "the store inherits the visibility");
        assertEquals(Json.parse("{}"), Json.parse(store.customAttributes()));
        assertEquals(globalBefore, values(sku, 0), "global values untouched");
        ProductRow rowAfter = product(sku);
        assertEquals(rowBefore.typeId(), rowAfter.typeId());
        assertEquals(rowBefore.attributeSetId(), rowAfter.attributeSetId());
        assertEquals(0, rowBefore.weight().compareTo(rowAfter.weight()));
        // The result is the product as that store sees it.
        JsonNode seen = storeUpdate.result();
        assertEquals("30", seen.get("price").asText());
        assertEquals("Scoped Tee", seen.get("name").asText());
        assertEquals(2, seen.get("visibility").asInt());
        assertEquals("0.5", seen.get("weight").asText());
        assertEquals("color", seen.get("custom_attributes").get(0).get("attribute_code").asText());
        assertEquals("red", seen.get("custom_attributes").get(0).get("value").asText());

        // all (store 0): the global price, which the store with its own price does not see.
        OperationState allUpdate = executeComplete(NewOperation.all(PRODUCT_PUT, priceUpdateJson(sku, 40)));
        assertEquals("40", allUpdate.result().get("price").asText());
        StoreValues global = values(sku, 0);
        assertPrice(40, global.price());
        assertEquals(globalBefore.name(), global.name());
        assertEquals(globalBefore.status(), global.status());
        assertEquals(globalBefore.visibility(), global.visibility());
        assertEquals(Json.parse(globalBefore.customAttributes()), Json.parse(global.customAttributes()));
        assertPrice(30, price(sku, DEFAULT_STORE));

        // No store code on update: the default store's value.
        executeComplete(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 35)));
        assertPrice(35, price(sku, DEFAULT_STORE));
        assertPrice(40, price(sku, 0));
        assertEquals(1, products(sku));
    }

    @Test
    void deleteRemovesTheProductAndAnswersTrue() throws Exception {
        String sku = unique("W-Delete");
        executeComplete(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Doomed Tee", 9)));
        assertEquals(1, products(sku));

        OperationState state = executeComplete(NewOperation.implicit(PRODUCT_DELETE, deleteJson(sku)));
        assertEquals(PRODUCT_DELETED, state.message());
        assertEquals("true", state.resultData());
        assertEquals(0, products(sku));
    }
}
