package io.catalogbulk.worker.consumer;

import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.WAIT;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.count;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.messages;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationRange;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;

/**
 * What the interactive-queue tests share: publishing to the running worker's two exchanges as ingest does (persistent,
 * confirmed, routing key = topic), once both consumers are attached.
 */
final class InteractiveQueue implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    InteractiveQueue() throws Exception {
        connection = TestEnvironment.brokerConnection("interactive queue test");
        TestEnvironment.BrokerNames names = ServiceTestResource.brokerNames();
        for (String queue : List.of(names.queue(), names.interactiveQueue())) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                try (Channel probe = connection.createChannel()) {
                    return probe.queueDeclarePassive(queue).getConsumerCount() > 0;
                } catch (Exception e) {
                    return false;
                }
            });
        }
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    Channel channel() {
        return channel;
    }

    /** A bulk of {@code size} product creates, in the database, open. */
    static UUID productBulk(String prefix, int size) throws Exception {
        NewOperation[] operations = new NewOperation[size];
        for (int i = 0; i < size; i++) {
            operations[i] = NewOperation.implicit(PRODUCT_POST, productJson(unique(prefix), "Tee", 1));
        }
        return bulk(operations);
    }

    /** Publishes operations 0..size-1 of the bulk, {@code perMessage} to a message, to the operations exchange. */
    void publishBulk(UUID bulk, int size, int perMessage) throws Exception {
        List<OperationMessage> all = messages(bulk, size, PRODUCT_POST);
        for (OperationRange range : OperationRange.group(all, perMessage)) {
            channel.basicPublish(ServiceTestResource.brokerNames().exchange(), PRODUCT_POST, true, MessageProperties.PERSISTENT_BASIC,
                    range.toBytes());
        }
        channel.waitForConfirmsOrDie(30_000);
    }

    /** Publishes operation 0 of the bulk to the interactive exchange, as ingest publishes a single async call. */
    void publishInteractive(UUID bulk) throws Exception {
        channel.basicPublish(ServiceTestResource.brokerNames().interactiveExchange(), PRODUCT_POST, true, MessageProperties.PERSISTENT_BASIC,
                message(bulk, 0, PRODUCT_POST).toBytes());
        channel.waitForConfirmsOrDie(5_000);
    }

    static long open(UUID bulk) throws Exception {
        return count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND status = 4", bulk);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
