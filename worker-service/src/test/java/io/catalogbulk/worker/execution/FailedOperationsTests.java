package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_DELETE;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.deleteJson;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.products;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;

/**
 * Business and validation errors, and operations no handler can execute, end as not retriably failed (3) with
 * Magento's message and the HTTP status the synchronous call would have answered as error code; they never
 * stay open.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class FailedOperationsTests {

    static final String NAME_EMPTY = "The \"Name\" attribute value is empty. Set the attribute and try again.";
    static final String PRICE_EMPTY = "The \"Price\" attribute value is empty. Set the attribute and try again.";
    static final String PRODUCT_NOT_FOUND = "The product that was requested doesn't exist. Verify the product and try again.";

    static OperationState execute(NewOperation operation) throws Exception {
        UUID bulk = bulk(operation);
        publish(message(bulk, 0, operation.topic()));
        return awaitFinished(bulk, 0);
    }

    static void assertNotRetriablyFailed(OperationState state, int errorCode, String message) {
        assertEquals(NOT_RETRIABLY_FAILED, state.status(), () -> "status of " + state);
        assertEquals(errorCode, state.errorCode());
        assertEquals(message, state.message());
        assertNull(state.resultData(), "a failed operation has no result");
        assertEquals(1, state.attempts());
        assertNotNull(state.finishedAt());
    }

    @Test
    void createWithoutPriceFailsWithMagentosMessage() throws Exception {
        String sku = unique("W-NoPrice");
        OperationState state = execute(NewOperation.implicit(PRODUCT_POST,
                "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Priceless\",\"type_id\":\"simple\"}}"));
        assertNotRetriablyFailed(state, 400, PRICE_EMPTY);
        assertEquals(0, products(sku));
    }

    @Test
    void everyInputErrorIsInTheMessage() throws Exception {
        String sku = unique("W-Empty");
        OperationState state = execute(NewOperation.implicit(PRODUCT_POST, "{\"product\":{\"sku\":\"" + sku + "\"}}"));
        assertNotRetriablyFailed(state, 400, NAME_EMPTY + " " + PRICE_EMPTY);
        assertEquals(0, products(sku));
    }

    @Test
    void unknownWebsiteFailsAsNoSuchEntity() throws Exception {
        String sku = unique("W-Website");
        OperationState state = execute(NewOperation.implicit(PRODUCT_POST, "{\"product\":{\"sku\":\"" + sku
                + "\",\"name\":\"Elsewhere\",\"price\":5,\"extension_attributes\":{\"website_ids\":[2]}}}"));
        assertNotRetriablyFailed(state, 404, "No such entity with websiteId = 2");
        assertEquals(0, products(sku));
    }

    @Test
    void deletingAnUnknownProductFailsAsNotFound() throws Exception {
        OperationState state = execute(NewOperation.implicit(PRODUCT_DELETE, deleteJson(unique("W-Missing"))));
        assertNotRetriablyFailed(state, 404, PRODUCT_NOT_FOUND);
    }

    @Test
    void unknownTopicFailsInsteadOfStayingOpen() throws Exception {
        String topic = "async.catalog.nothing.save.post";
        OperationState state = execute(NewOperation.implicit(topic, "{\"sku\":\"x\"}"));
        assertNotRetriablyFailed(state, 400, "No service handles topic " + topic);
    }

    @Test
    void storedDataThatIsNotJsonFails() throws Exception {
        OperationState state = execute(NewOperation.implicit(PRODUCT_POST, "{\"product\": "));
        assertNotRetriablyFailed(state, 400, "The stored operation data is not valid JSON");
    }

    @Test
    void storedDataThatIsNotAnObjectFails() throws Exception {
        OperationState state = execute(NewOperation.implicit(PRODUCT_POST, "[1, 2]"));
        assertNotRetriablyFailed(state, 400, "The stored operation data is not a JSON object");
    }

    @Test
    void databaseRejectingTheDataFailsWithTheDatabaseMessage() throws Exception {
        // Ingest refuses such a name; the worker still never trusts stored data to fit the schema.
        String sku = unique("W-LongName");
        OperationState state = execute(NewOperation.implicit(PRODUCT_POST,
                "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + "n".repeat(300) + "\",\"price\":5}}"));
        assertNotRetriablyFailed(state, 500,
                "Execution failed: ERROR: value too long for type character varying(255) (SQLSTATE 22001)");
        assertEquals(0, products(sku), "the partial insert was rolled back");
    }
}
