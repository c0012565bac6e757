package io.catalogbulk.worker.consumer;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.smallrye.common.annotation.Identifier;

import io.catalogbulk.core.messaging.BrokerConfig;
import io.catalogbulk.core.messaging.BrokerConnection;

/**
 * The arguments the consumer declares the operations queue with ({@code queue.arguments} of the RabbitMQ
 * connector looks this bean up by name): the same ones the publishers use, from one function, because RabbitMQ
 * refuses a second declaration of a queue with different arguments (queue type, priority levels).
 */
@ApplicationScoped
public class QueueArgumentsProducer {

    @Produces
    @Identifier("operations-queue-arguments")
    Map<String, Object> operationsQueueArguments(BrokerConfig config) {
        return BrokerConnection.queueArguments(config);
    }
}
