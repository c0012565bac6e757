package io.catalogbulk.worker.consumer;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;

import io.catalogbulk.core.messaging.BrokerConfig;
import io.catalogbulk.core.messaging.QueueTopology;

/**
 * The arguments the consumers declare their queues with ({@code queue.arguments} of the RabbitMQ connector looks
 * these beans up by name): the same ones the publishers use, from one place ({@link QueueTopology}), because RabbitMQ
 * refuses a second declaration of a queue with different arguments (queue type, priority levels, delivery limit).
 */
@ApplicationScoped
public class QueueArgumentsProducer {

    @Produces
    @Identifier("operations-queue-arguments")
    Map<String, Object> operationsQueueArguments(BrokerConfig config) {
        return QueueTopology.operationsQueueArguments(config);
    }

    @Produces
    @Identifier("interactive-queue-arguments")
    Map<String, Object> interactiveQueueArguments(BrokerConfig config) {
        return QueueTopology.interactiveQueueArguments(config);
    }
}
