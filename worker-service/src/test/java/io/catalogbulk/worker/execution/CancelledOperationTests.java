package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.operation;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.products;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.ledger.BulkCancellation;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;
import io.catalogbulk.worker.WorkerFixtures.Publisher;

/**
 * A cancelled operation never executes: its message, still queued, redelivered or re-published by a relay, is
 * acknowledged and changes nothing, while the bulk's operations finished before the cancel keep their results.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CancelledOperationTests {

    @Inject
    BulkCancellation cancellation;

    @Test
    void aMessageForACancelledOperationDoesNothing() throws Exception {
        String done = unique("W-Done");
        String cancelled = unique("W-Cancelled");
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(done, "Done Tee", 5)),
                NewOperation.implicit(PRODUCT_POST, productJson(cancelled, "Cancelled Tee", 6)));
        try (Publisher publisher = new Publisher()) {
            publisher.publish(message(bulk, 0, PRODUCT_POST));
        }
        OperationState first = awaitFinished(bulk, 0);
        assertEquals(COMPLETE, first.status(), () -> "operation failed: " + first.message());

        assertEquals(1, cancellation.cancelOpen(bulk), "only the open operation is cancelled");
        OperationState stopped = operation(bulk, 1);
        assertEquals(OperationStatus.REJECTED.code(), stopped.status());
        assertEquals(BulkCancellation.MESSAGE, stopped.message());

        // Its message arrives after the cancel, twice (a delivery and a redelivery).
        try (Publisher publisher = new Publisher()) {
            publisher.publish(message(bulk, 1, PRODUCT_POST)).publish(message(bulk, 1, PRODUCT_POST));
        }
        ExactlyOnceTests.assertUnchanged(bulk, 1, stopped);
        assertEquals(0, stopped.attempts());
        assertEquals(0, products(cancelled), "the cancelled create never ran");
        assertEquals(first, operation(bulk, 0));
        assertEquals(0, cancellation.cancelOpen(bulk), "nothing is left to cancel");
    }
}
