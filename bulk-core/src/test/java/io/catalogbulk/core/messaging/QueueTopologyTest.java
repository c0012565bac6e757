package io.catalogbulk.core.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueueTopologyTest {

    @Test
    void classicOperationsQueueKeepsThePriorityLevelsExistingQueuesWereDeclaredWith() {
        assertEquals(Map.of("x-queue-type", "classic", "x-max-priority", 1), QueueTopology.operationsQueueArguments(config("classic", 1, 20)));
        assertEquals(Map.of("x-queue-type", "classic"), QueueTopology.operationsQueueArguments(config("classic", 0, 20)));
    }

    @Test
    void classicQueuesGetNoDeliveryLimitOrDeadLetteringTheyWereNeverDeclaredWith() {
        assertEquals(Map.of("x-queue-type", "classic"), QueueTopology.interactiveQueueArguments(config("classic", 1, 20)));
        assertEquals(Map.of(), QueueTopology.deadLetterQueueArguments(config("classic", 1, 20)));
    }

    @Test
    void quorumQueuesHaveADeliveryLimitAndDeadLetterToTheDeadLetterQueueWithoutPriority() {
        Map<String, Object> expected = Map.of("x-queue-type", "quorum", "x-delivery-limit", 20, "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", "async.operations.all.dlq");
        assertEquals(expected, QueueTopology.operationsQueueArguments(config("quorum", 1, 20)));
        assertEquals(expected, QueueTopology.interactiveQueueArguments(config("quorum", 1, 20)));
        assertEquals(Map.of("x-queue-type", "quorum"), QueueTopology.deadLetterQueueArguments(config("quorum", 1, 20)));
    }

    @Test
    void deliveryLimitZeroMeansNone() {
        assertEquals(Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", "", "x-dead-letter-routing-key", "async.operations.all.dlq"),
                QueueTopology.operationsQueueArguments(config("quorum", 1, 0)));
    }

    static BrokerConfig config(String queueType, int maxPriority, int deliveryLimit) {
        return config(queueType, maxPriority, deliveryLimit, "magento", "async.operations.all");
    }

    /** A configuration with these names; the interactive ones derived as the services' defaults derive them. */
    static BrokerConfig config(String queueType, int maxPriority, int deliveryLimit, String exchange, String queue) {
        return new BrokerConfig() {
            public String exchange() {
                return exchange;
            }

            public String queue() {
                return queue;
            }

            public String bindingKey() {
                return "async.#";
            }

            public String interactiveQueue() {
                return queue + ".interactive";
            }

            public String interactiveExchange() {
                return exchange + ".interactive";
            }

            public int deliveryLimit() {
                return deliveryLimit;
            }

            public String queueType() {
                return queueType;
            }

            public int maxPriority() {
                return maxPriority;
            }

            public int interactiveMaxOperations() {
                return 100;
            }

            public int operationsPerMessage() {
                return 20;
            }

            public int publishBatchSize() {
                return 500;
            }

            public Duration confirmTimeout() {
                return Duration.ofSeconds(30);
            }

            public Duration reconnectInterval() {
                return Duration.ofSeconds(2);
            }
        };
    }
}
