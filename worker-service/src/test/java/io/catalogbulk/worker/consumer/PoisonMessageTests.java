package io.catalogbulk.worker.consumer;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.WAIT;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.counter;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.products;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;
import io.catalogbulk.worker.WorkerFixtures.Publisher;

/**
 * A message that is not an operation message, or one for a topic no service handles, can never succeed: it is
 * moved to {@code <queue>.dlq} once (not requeued in a loop), its operation (if any) ends as 3, and the messages
 * behind it are still executed.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class PoisonMessageTests {

    static final String REJECTED = "catalog_bulk_messages_rejected";

    @Inject
    MeterRegistry registry;

    /** Messages waiting in the run's dead-letter queue (0 until the first poison message created it). */
    static long deadLettered() throws Exception {
        try (var connection = TestEnvironment.brokerConnection("dlq probe"); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(Publisher.queue() + ".dlq").getMessageCount();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void undecodableMessagesAreRejectedOnceAndDoNotBlockTheQueue() throws Exception {
        long deadBefore = deadLettered();
        double rejectedBefore = counter(registry, REJECTED, "reason", "undecodable");
        String sku = unique("W-AfterPoison");
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(sku, "After Poison", 3)));

        try (Publisher publisher = new Publisher()) {
            publisher.publish(PRODUCT_POST, "this is not JSON".getBytes(StandardCharsets.UTF_8));
            publisher.publish(PRODUCT_POST, "{\"topic_name\":\"async.magento.catalog.api.productrepositoryinterface.save.post\"}".getBytes(StandardCharsets.UTF_8));
            publisher.publish(PRODUCT_POST, "{\"bulk_uuid\":\"not-a-uuid\",\"id\":0,\"topic_name\":\"x\"}"
                    .getBytes(StandardCharsets.UTF_8));
            publisher.publish(PRODUCT_POST, ("{\"bulk_uuid\":\"" + bulk + "\",\"id\":-1,\"topic_name\":\"" + PRODUCT_POST + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            publisher.publish(message(bulk, 0, PRODUCT_POST));

            OperationState state = awaitFinished(bulk, 0);
            assertEquals(COMPLETE, state.status(), () -> "operation failed: " + state.message());
            assertEquals(1, products(sku));

            // Each poison message is rejected exactly once: a requeued one would come back and count again.
            await().atMost(WAIT).during(Duration.ofMillis(750))
                    .until(() -> counter(registry, REJECTED, "reason", "undecodable") == rejectedBefore + 4);
            assertEquals(0, publisher.ready(), "nothing left in the queue");
            await().atMost(WAIT).until(() -> deadLettered() == deadBefore + 4);
        }
    }

    @Test
    void messageForATopicNoServiceHandlesEndsItsOperationAsFailedAndIsDeadLettered() throws Exception {
        String unknown = "async.catalog.nothing.here.post";
        long deadBefore = deadLettered();
        UUID bulk = bulk(NewOperation.implicit(unknown, "{}"));

        try (Publisher publisher = new Publisher()) {
            publisher.publish(message(bulk, 0, unknown));
            OperationState state = awaitFinished(bulk, 0);
            assertEquals(NOT_RETRIABLY_FAILED, state.status());
            assertEquals("No service handles topic " + unknown, state.message());
            await().atMost(WAIT).until(() -> deadLettered() == deadBefore + 1);
            assertEquals(0, publisher.ready(), "acknowledged on the work queue, not requeued");
        }
        try (var connection = TestEnvironment.brokerConnection("dlq reader"); Channel channel = connection.createChannel()) {
            GetResponse kept = null;
            for (GetResponse r; (r = channel.basicGet(Publisher.queue() + ".dlq", true)) != null; ) {
                if (new String(r.getBody(), StandardCharsets.UTF_8).contains(bulk.toString())) {
                    kept = r;
                }
            }
            assertNotNull(kept, "the message is kept in <queue>.dlq");
            assertEquals("unknown topic " + unknown, kept.getProps().getHeaders().get("x-reason").toString());
            assertEquals(unknown, kept.getProps().getHeaders().get("x-original-routing-key").toString());
        }
    }
}
