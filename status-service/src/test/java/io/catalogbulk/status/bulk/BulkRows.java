package io.catalogbulk.status.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.testsupport.QueryRows;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * Bulks and operations written straight into the shared test database, the way ingest-service and the worker
 * leave them. Every bulk gets a fresh uuid; nothing is ever truncated.
 */
final class BulkRows {

    static final String PRODUCT_TOPIC = "async.magento.catalog.api.productrepositoryinterface.save.post";
    static final String CUSTOMER_TOPIC = "async.magento.customer.api.customerrepositoryinterface.save.put";

    static final int COMPLETE = OperationStatus.COMPLETE.code();
    static final int RETRIABLY_FAILED = OperationStatus.RETRIABLY_FAILED.code();
    static final int NOT_RETRIABLY_FAILED = OperationStatus.NOT_RETRIABLY_FAILED.code();
    static final int OPEN = OperationStatus.OPEN.code();
    static final int REJECTED = OperationStatus.REJECTED.code();

    private BulkRows() {
    }

    /** One operation row; {@code id} is its index in the request. */
    record Op(int id, String topic, int status, Integer errorCode, String resultMessage, String resultData) {

        static Op of(int id, int status) {
            return switch (OperationStatus.of(status)) {
                case COMPLETE -> new Op(id, PRODUCT_TOPIC, status, null, null, "{\"sku\":\"sku-" + id + "\",\"id\":" + (1000 + id) + "}");
                case RETRIABLY_FAILED -> new Op(id, PRODUCT_TOPIC, status, 503, "Database lock wait timeout; retry later", null);
                case NOT_RETRIABLY_FAILED -> new Op(id, PRODUCT_TOPIC, status, 400, "The product SKU is invalid", null);
                case REJECTED -> new Op(id, PRODUCT_TOPIC, status, 422, "The request was rejected", null);
                case OPEN -> new Op(id, PRODUCT_TOPIC, status, null, null, null);
            };
        }

        Op topic(String topicName) {
            return new Op(id, topicName, status, errorCode, resultMessage, resultData);
        }

        Op error(Integer code, String message) {
            return new Op(id, topic, status, code, message, resultData);
        }

        String data() {
            return "{\"product\":{\"sku\":\"sku-" + id + "\",\"name\":\"Product " + id + "\"}}";
        }
    }

    /** An integration-type user id of its own (so owner-scoped searches see only this test's bulks). */
    static int freshUserId() {
        return ThreadLocalRandom.current().nextInt(1_000_000, 2_000_000_000);
    }

    /** A bulk of the administrator (user 1, type 2) with one operation per status, ids 0, 1, 2, ... */
    static UUID adminBulk(int... statuses) {
        return bulk(1, 2, statuses);
    }

    static UUID bulk(Integer userId, int userType, int... statuses) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            ops.add(Op.of(i, statuses[i]));
        }
        return bulk(userId, userType, null, ops);
    }

    /** Inserts a published bulk and its operations; {@code startTime} null means now(). */
    static UUID bulk(Integer userId, int userType, String startTime, List<Op> ops) {
        UUID uuid = UUID.randomUUID();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement bulk = connection.prepareStatement(
                    "INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, start_time,"
                            + " publish_lease_until, published_at)"
                            + " VALUES (?, ?, ?, ?, ?, COALESCE(?::timestamptz, now()), now() + interval '1 hour', now())")) {
                bulk.setObject(1, uuid);
                bulk.setObject(2, userId, Types.INTEGER);
                bulk.setShort(3, (short) userType);
                bulk.setString(4, "Topic " + (ops.isEmpty() ? PRODUCT_TOPIC : ops.get(0).topic()));
                bulk.setInt(5, ops.size());
                bulk.setString(6, startTime);
                bulk.executeUpdate();
            }
            try (PreparedStatement op = connection.prepareStatement(
                    "INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, status,"
                            + " error_code, result_message, result_serialized_data, started_at, finished_at, attempts)"
                            + " VALUES (?, ?, ?, ?, 1, 'implicit', ?, ?, ?, ?, ?, ?, ?)")) {
                for (Op o : ops) {
                    boolean done = o.status() != OPEN;
                    op.setObject(1, uuid);
                    op.setInt(2, o.id());
                    op.setString(3, o.topic());
                    op.setString(4, o.data());
                    op.setShort(5, (short) o.status());
                    op.setObject(6, o.errorCode(), Types.INTEGER);
                    op.setString(7, o.resultMessage());
                    op.setString(8, o.resultData());
                    op.setObject(9, done ? OffsetDateTime.now() : null, Types.TIMESTAMP_WITH_TIMEZONE);
                    op.setObject(10, done ? OffsetDateTime.now() : null, Types.TIMESTAMP_WITH_TIMEZONE);
                    op.setInt(11, done ? 1 : 0);
                    op.addBatch();
                }
                op.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert test bulk", e);
        }
        return uuid;
    }

    /** The bulk row: publish_epoch, published_at, publish_lease_until, acknowledged_at. */
    static Map<String, Object> bulkRow(UUID uuid) {
        return query("SELECT publish_epoch, published_at, publish_lease_until, acknowledged_at FROM bulk WHERE uuid = ?", uuid)
                .get(0);
    }

    /** Every operation row of the bulk, by id. */
    static List<Map<String, Object>> operationRows(UUID uuid) {
        return query("SELECT id, status, error_code, result_message, result_serialized_data, started_at, finished_at,"
                + " serialized_data FROM operation WHERE bulk_uuid = ? ORDER BY id", uuid);
    }

    static Map<String, Object> operationRow(UUID uuid, int id) {
        return operationRows(uuid).stream().filter(r -> ((Number) r.get("id")).intValue() == id).findFirst().orElseThrow();
    }

    static void execute(String sql, Object... params) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> query(String sql, UUID uuid) {
        try (Connection connection = connect()) {
            return QueryRows.query(connection, sql, uuid);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws SQLException {
        return TestEnvironment.connect(ServiceTestResource.DATABASE);
    }
}
