package io.catalogbulk.worker;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * What the worker tests need around the running application: bulk and operation rows written the way
 * ingest-service writes them, operation messages published to this run's exchange, and the rows the worker
 * wrote read back. The database is shared with other suites running at the same time, so every caller uses
 * unique SKUs, e-mails and UUIDs and nothing is ever truncated.
 */
public final class WorkerFixtures {

    public static final String PRODUCT_POST = "async.magento.catalog.api.productrepositoryinterface.save.post";
    public static final String PRODUCT_PUT = "async.magento.catalog.api.productrepositoryinterface.save.put";
    public static final String PRODUCT_DELETE = "async.magento.catalog.api.productrepositoryinterface.deletebyid.delete";
    public static final String CUSTOMER_POST = "async.magento.customer.api.accountmanagementinterface.createaccount.post";
    public static final String PRODUCT_SAVED = "Service execution success Magento\\Catalog\\Api\\ProductRepositoryInterface::save";
    public static final String PRODUCT_DELETED =
            "Service execution success Magento\\Catalog\\Api\\ProductRepositoryInterface::deleteById";
    public static final String CUSTOMER_CREATED =
            "Service execution success Magento\\Customer\\Api\\AccountManagementInterface::createAccount";
    public static final String DUPLICATE_EMAIL =
            "A customer with the same email address already exists in an associated website.";

    public static final int OPEN = OperationStatus.OPEN.code();
    public static final int COMPLETE = OperationStatus.COMPLETE.code();
    public static final int RETRIABLY_FAILED = OperationStatus.RETRIABLY_FAILED.code();
    public static final int NOT_RETRIABLY_FAILED = OperationStatus.NOT_RETRIABLY_FAILED.code();

    public static final int ADMIN_USER_ID = 1;
    public static final int ADMIN = 2;
    public static final int DEFAULT_STORE = 1;

    /** Upper bound of every wait: the worker executes a lone message at once, retries take a few seconds. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private WorkerFixtures() {
    }

    /**
     * An operation row as ingest-service writes it: store scope 'implicit' (no store code: store 1), 'all'
     * (store 0) or 'store' (a store code: that store's id).
     */
    public record NewOperation(String topic, String serializedData, int storeId, String scope) {
        public static NewOperation implicit(String topic, String serializedData) {
            return new NewOperation(topic, serializedData, DEFAULT_STORE, "implicit");
        }

        public static NewOperation all(String topic, String serializedData) {
            return new NewOperation(topic, serializedData, 0, "all");
        }

        public static NewOperation store(int storeId, String topic, String serializedData) {
            return new NewOperation(topic, serializedData, storeId, "store");
        }
    }

    /** An operation row as the worker left it. */
    public record OperationState(int status, Integer errorCode, String message, String resultData, int attempts,
            OffsetDateTime startedAt, OffsetDateTime finishedAt) {

        public JsonNode result() {
            return resultData == null ? null : Json.parse(resultData);
        }
    }

    /** One store's row of catalog_product_store_value (store 0: the global values); null members inherit. */
    public record StoreValues(String name, BigDecimal price, Integer status, Integer visibility, String customAttributes) {
    }

    /** The unscoped columns of catalog_product. */
    public record ProductRow(long id, String sku, String typeId, int attributeSetId, BigDecimal weight,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public static Connection db() throws SQLException {
        return TestEnvironment.connect(ServiceTestResource.DATABASE);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static String uniqueEmail(String localPart) {
        return localPart + "." + UUID.randomUUID().toString().substring(0, 13) + "@example.com";
    }

    /**
     * Writes a bulk (admin user 1) and its operations in one transaction, all open (4), ids 0..n-1 in the given
     * order. The bulk is marked published, as ingest leaves it once the broker confirmed its messages, so no
     * publish relay of a concurrently running ingest suite ever touches it.
     */
    public static UUID bulk(NewOperation... operations) throws SQLException {
        UUID uuid = UUID.randomUUID();
        try (Connection connection = db()) {
            connection.setAutoCommit(false);
            try (PreparedStatement bulk = connection.prepareStatement(
                    "INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, publish_lease_until, published_at)"
                            + " VALUES (?, ?, ?, ?, ?, now(), now())")) {
                bulk.setObject(1, uuid);
                bulk.setInt(2, ADMIN_USER_ID);
                bulk.setInt(3, ADMIN);
                bulk.setString(4, "Topic " + operations[0].topic());
                bulk.setInt(5, operations.length);
                bulk.executeUpdate();
            }
            try (PreparedStatement operation = connection.prepareStatement(
                    "INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, status)"
                            + " VALUES (?, ?, ?, ?, ?, ?, " + OPEN + ")")) {
                for (int i = 0; i < operations.length; i++) {
                    operation.setObject(1, uuid);
                    operation.setInt(2, i);
                    operation.setString(3, operations[i].topic());
                    operation.setString(4, operations[i].serializedData());
                    operation.setInt(5, operations[i].storeId());
                    operation.setString(6, operations[i].scope());
                    operation.addBatch();
                }
                operation.executeBatch();
            }
            connection.commit();
        }
        return uuid;
    }

    /** The message ingest-service publishes for operation {@code id} of {@code bulk}. */
    public static OperationMessage message(UUID bulk, int id, String topic) {
        return new OperationMessage(bulk, id, topic, DEFAULT_STORE, ADMIN_USER_ID, ADMIN);
    }

    /** The messages of operations 0..count-1 of a bulk whose operations all have {@code topic}. */
    public static List<OperationMessage> messages(UUID bulk, int count, String topic) {
        List<OperationMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(message(bulk, i, topic));
        }
        return messages;
    }

    public static OperationState operation(UUID bulk, int id) throws SQLException {
        try (Connection connection = db();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT status, error_code, result_message, result_serialized_data, attempts, started_at, finished_at"
                                + " FROM operation WHERE bulk_uuid = ? AND id = ?")) {
            statement.setObject(1, bulk);
            statement.setInt(2, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("No operation " + bulk + "/" + id);
                }
                int errorCode = rs.getInt(2);
                Integer code = rs.wasNull() ? null : errorCode;
                return new OperationState(rs.getInt(1), code, rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class));
            }
        }
    }

    /** Waits until the worker has finished the operation (it is no longer open) and returns it. */
    public static OperationState awaitFinished(UUID bulk, int id) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> operation(bulk, id), state -> state.status() != OPEN);
    }

    /** Waits until operations 0..count-1 of the bulk are finished; returns them in id order. */
    public static List<OperationState> awaitAllFinished(UUID bulk, int count) {
        List<OperationState> states = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            states.add(awaitFinished(bulk, i));
        }
        return states;
    }

    /**
     * Publishes a sentinel operation (a product create) and waits until it completed: every message published
     * before it has been delivered to the worker by then (the queue delivers in order), though one delivered to
     * another consumer thread may still be in flight, so negative checks after this still wait a little.
     */
    public static void awaitCaughtUp() throws Exception {
        String sku = unique("W-Sentinel");
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Sentinel", 1)));
        publish(message(bulk, 0, PRODUCT_POST));
        OperationState state = awaitFinished(bulk, 0);
        if (state.status() != COMPLETE) {
            throw new AssertionError("Sentinel operation failed: " + state);
        }
    }

    public static long count(String sql, Object... args) throws SQLException {
        try (Connection connection = db(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public static long products(String sku) throws SQLException {
        return count("SELECT count(*) FROM catalog_product WHERE lower(sku) = lower(?)", sku);
    }

    public static long customers(String email) throws SQLException {
        return count("SELECT count(*) FROM customer WHERE lower(email) = lower(?)", email);
    }

    /** The product's unscoped row; null when there is no product with that SKU. */
    public static ProductRow product(String sku) throws SQLException {
        try (Connection connection = db();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, sku, type_id, attribute_set_id, weight, created_at, updated_at FROM catalog_product"
                                + " WHERE lower(sku) = lower(?)")) {
            statement.setString(1, sku);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next()
                        ? new ProductRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5),
                                rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class))
                        : null;
            }
        }
    }

    /** One store's values of a product (0 = global); null when that store has no value row. */
    public static StoreValues values(String sku, int storeId) throws SQLException {
        try (Connection connection = db();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT v.name, v.price, v.status, v.visibility, v.custom_attributes::text"
                                + " FROM catalog_product p JOIN catalog_product_store_value v ON v.product_id = p.id"
                                + " WHERE lower(p.sku) = lower(?) AND v.store_id = ?")) {
            statement.setString(1, sku);
            statement.setInt(2, storeId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                int status = rs.getInt(3);
                Integer statusValue = rs.wasNull() ? null : status;
                int visibility = rs.getInt(4);
                Integer visibilityValue = rs.wasNull() ? null : visibility;
                return new StoreValues(rs.getString(1), rs.getBigDecimal(2), statusValue, visibilityValue, rs.getString(5));
            }
        }
    }

    /** Price of a product in one store (0 = global); null when the store has no value row or no price there. */
    public static BigDecimal price(String sku, int storeId) throws SQLException {
        StoreValues values = values(sku, storeId);
        return values == null ? null : values.price();
    }

    public static String productJson(String sku, String name, int price) {
        return "{\"product\":{\"sku\":\"" + sku + "\"" + (name == null ? "" : ",\"name\":\"" + name + "\"")
                + ",\"attribute_set_id\":4,\"price\":" + price + ",\"type_id\":\"simple\"}}";
    }

    /** PUT /V1/products/:sku with only a price, as ingest stores it (the path SKU copied into the product). */
    public static String priceUpdateJson(String sku, int price) {
        return "{\"product\":{\"price\":" + price + ",\"sku\":\"" + sku + "\"},\"sku\":\"" + sku + "\"}";
    }

    public static String deleteJson(String sku) {
        return "{\"sku\":\"" + sku + "\"}";
    }

    public static String customerJson(String email, String firstname, String lastname) {
        return "{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"" + firstname + "\",\"lastname\":\"" + lastname
                + "\"},\"password\":\"Strong-Password1\"}";
    }

    /** Sum of the counters of that name (and tags, as key/value pairs) in the application's registry. */
    public static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** A row lock held by a test transaction of its own until closed (rolled back). */
    public static final class RowLock implements AutoCloseable {

        private final Connection connection;

        private RowLock(String sql, Object... args) throws SQLException {
            connection = db();
            boolean locked = false;
            try {
                connection.setAutoCommit(false);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) {
                        statement.setObject(i + 1, args[i]);
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        if (!rs.next()) {
                            throw new AssertionError("Nothing to lock: " + sql);
                        }
                    }
                }
                locked = true;
            } finally {
                if (!locked) {
                    connection.close();
                }
            }
        }

        /** Locks the product row, as a concurrent writer of the same product would. */
        public static RowLock product(String sku) throws SQLException {
            return new RowLock("SELECT id FROM catalog_product WHERE lower(sku) = lower(?) FOR UPDATE", sku);
        }

        /** Locks the operation row, as a concurrent worker executing the same operation would. */
        public static RowLock operation(UUID bulk, int id) throws SQLException {
            return new RowLock("SELECT status FROM operation WHERE bulk_uuid = ? AND id = ? FOR UPDATE", bulk, id);
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        }
    }

    /** Publishes to the exchange of the running application, persistent, with publisher confirms. */
    public static final class Publisher implements AutoCloseable {

        /** The queue a consumer was last seen on (a restarted application gets new broker names). */
        private static volatile String consumerSeenOn;

        private final com.rabbitmq.client.Connection connection;
        private final Channel channel;

        public Publisher() throws Exception {
            connection = TestEnvironment.brokerConnection("worker-service test publisher");
            awaitConsumer(connection);
            channel = connection.createChannel();
            channel.confirmSelect();
        }

        /**
         * The worker declares its queue and binding when its consumer connects, which may be after the application
         * reported started: until then a published message would be unroutable and dropped.
         */
        private static void awaitConsumer(com.rabbitmq.client.Connection connection) {
            String queue = queue();
            if (queue.equals(consumerSeenOn)) {
                return;
            }
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                // A passive declare of a missing queue closes its channel: one channel per probe.
                try (Channel probe = connection.createChannel()) {
                    return probe.queueDeclarePassive(queue).getConsumerCount() > 0;
                } catch (Exception e) {
                    return false;
                }
            });
            consumerSeenOn = queue;
        }

        public static String exchange() {
            return ServiceTestResource.brokerNames().exchange();
        }

        public static String queue() {
            return ServiceTestResource.brokerNames().queue();
        }

        public Publisher publish(OperationMessage message) throws Exception {
            return publish(message.topicName(), message.toBytes());
        }

        public Publisher publish(List<OperationMessage> messages) throws Exception {
            for (OperationMessage message : messages) {
                publish(message);
            }
            return this;
        }

        /** Any body under any routing key: how a poison message reaches the queue. */
        public Publisher publish(String routingKey, byte[] body) throws Exception {
            AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                    .contentType("application/json").build();
            channel.basicPublish(exchange(), routingKey, properties, body);
            channel.waitForConfirmsOrDie(5_000);
            return this;
        }

        /** Messages ready in the worker's queue (delivered but unacknowledged ones are not counted). */
        public long ready() throws Exception {
            return channel.queueDeclarePassive(queue()).getMessageCount();
        }

        /** Consumers of the worker's queue. */
        public long consumers() throws Exception {
            return channel.queueDeclarePassive(queue()).getConsumerCount();
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    /** Publishes messages with a publisher of its own. */
    public static void publish(OperationMessage... messages) throws Exception {
        try (Publisher publisher = new Publisher()) {
            publisher.publish(List.of(messages));
        }
    }
}
