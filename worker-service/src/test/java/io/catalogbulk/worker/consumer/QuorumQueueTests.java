package io.catalogbulk.worker.consumer;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.catalogbulk.core.messaging.BrokerConfig;
import io.catalogbulk.core.messaging.QueueTopology;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * BROKER_QUEUE_TYPE=quorum against the real RabbitMQ (3.10, which has no quorum queue priorities): the worker's
 * consumers declare the queues exactly as the publishers do, and a small request published to the interactive queue
 * is executed while a large bulk's backlog is still waiting in the operations queue.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
@TestProfile(QuorumQueueTests.Quorum.class)
class QuorumQueueTests {

    public static class Quorum implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog-bulk.broker.queue-type", "quorum");
        }
    }

    private static final int BACKLOG = 6_000;

    @Inject
    BrokerConfig config;

    @Test
    void theConsumersDeclaredTheQueuesAsThePublishersDeclareThem() throws Exception {
        try (InteractiveQueue queues = new InteractiveQueue()) {
            // Ingest's and status's publishers run this on connecting: on a different declaration RabbitMQ would close
            // the channel.
            Channel channel = queues.channel();
            QueueTopology.declare(channel, config);
            assertTrue(channel.isOpen());
            Channel classic = channel.getConnection().createChannel();
            IOException refused = assertThrows(IOException.class,
                    () -> classic.queueDeclare(config.queue(), true, false, false, Map.of("x-queue-type", "classic")));
            assertTrue(String.valueOf(refused.getCause()).contains("PRECONDITION_FAILED"), "the queue is a quorum queue");
        }
    }

    @Test
    void aSmallRequestOvertakesALargeBulkOnQuorumQueues() throws Exception {
        try (InteractiveQueue queues = new InteractiveQueue()) {
            UUID backlog = InteractiveQueue.productBulk("W-Backlog", BACKLOG);
            UUID single = InteractiveQueue.productBulk("W-Single", 1);
            queues.publishBulk(backlog, BACKLOG, 20);
            queues.publishInteractive(single);
            assertEquals(COMPLETE, awaitFinished(single, 0).status());
            long stillOpen = InteractiveQueue.open(backlog);
            assertTrue(stillOpen > BACKLOG / 2, "the single request finished while " + stillOpen + " of " + BACKLOG
                    + " operations of the bulk published before it were still open");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> InteractiveQueue.open(backlog) == 0);
        }
    }
}
