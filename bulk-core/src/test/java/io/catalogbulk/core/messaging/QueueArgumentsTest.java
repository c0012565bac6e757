package io.catalogbulk.core.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueueArgumentsTest {

    @Test
    void classicQueueGetsItsPriorityLevels() {
        assertEquals(Map.of("x-queue-type", "classic", "x-max-priority", 1), BrokerConnection.queueArguments(config("classic", 1)));
    }

    @Test
    void noPriorityLevelsWhenSwitchedOff() {
        assertEquals(Map.of("x-queue-type", "classic"), BrokerConnection.queueArguments(config("classic", 0)));
    }

    @Test
    void quorumQueueIsDeclaredWithoutPriorityArgumentItWouldRefuse() {
        assertEquals(Map.of("x-queue-type", "quorum"), BrokerConnection.queueArguments(config("quorum", 1)));
    }

    private static BrokerConfig config(String queueType, int maxPriority) {
        return new BrokerConfig() {
            public String exchange() {
                return "magento";
            }

            public String queue() {
                return "async.operations.all";
            }

            public String bindingKey() {
                return "async.#";
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
