package io.catalogbulk.worker.consumer;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** The worker consumes the interactive queue beside the operations queue (classic queues, the default). */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class InteractiveQueueTests {

    @Test
    void anOperationPublishedToTheInteractiveExchangeIsExecuted() throws Exception {
        try (InteractiveQueue queues = new InteractiveQueue()) {
            UUID single = InteractiveQueue.productBulk("W-Interactive", 1);
            queues.publishInteractive(single);
            assertEquals(COMPLETE, awaitFinished(single, 0).status());
        }
    }
}
