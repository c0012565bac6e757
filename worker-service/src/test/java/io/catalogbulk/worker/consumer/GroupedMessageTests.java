package io.catalogbulk.worker.consumer;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.awaitAllFinished;
import static io.catalogbulk.worker.WorkerFixtures.awaitCaughtUp;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.operation;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.products;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationRange;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;
import io.catalogbulk.worker.WorkerFixtures.Publisher;

/**
 * One message may carry several consecutive operations of a bulk: each is still executed, recorded and, if it
 * fails, failed on its own; a redelivered group executes nothing twice.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class GroupedMessageTests {

    @Test
    void everyOperationOfAGroupedMessageIsExecutedOnItsOwn() throws Exception {
        String prefix = unique("W-Group");
        UUID bulk = bulk(
                NewOperation.implicit(PRODUCT_POST, productJson(prefix + "-0", "Grouped 0", 10)),
                // No name and no price: this one fails, its neighbours do not.
                NewOperation.implicit(PRODUCT_POST, "{\"product\":{\"sku\":\"" + prefix + "-1\"}}"),
                NewOperation.implicit(PRODUCT_POST, productJson(prefix + "-2", "Grouped 2", 12)));
        byte[] grouped = new OperationRange(message(bulk, 0, PRODUCT_POST), 3).toBytes();
        try (Publisher publisher = new Publisher()) {
            publisher.publish(PRODUCT_POST, grouped).publish(PRODUCT_POST, grouped);
        }

        List<OperationState> states = awaitAllFinished(bulk, 3);
        assertEquals(COMPLETE, states.get(0).status(), states.get(0).message());
        assertEquals(NOT_RETRIABLY_FAILED, states.get(1).status());
        assertEquals(COMPLETE, states.get(2).status(), states.get(2).message());
        awaitCaughtUp();
        for (int id = 0; id < 3; id++) {
            assertEquals(1, operation(bulk, id).attempts(), "operation " + id + " executed once, the duplicate did nothing");
        }
        assertEquals(1, products(prefix + "-0"));
        assertEquals(0, products(prefix + "-1"));
        assertEquals(1, products(prefix + "-2"));
    }
}
