package io.catalogbulk.status.console;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.mindrot.jbcrypt.BCrypt;

import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * Bulks, operations and admin users written into the shared test database the way ingest-service and the worker
 * leave them, for the console's tests. Every bulk gets a fresh uuid and every user a fresh id or name.
 */
final class ConsoleData {

    static final String PRODUCT_TOPIC = "async.magento.catalog.api.productrepositoryinterface.save.post";
    static final String XSS_SCRIPT = "<script>alert(1)</script>";
    static final String XSS_IMG = "\"><img src=x onerror=alert(1)>";

    private ConsoleData() {
    }

    /** One operation: its status, error and the product name in its request. */
    record Op(int status, Integer errorCode, String resultMessage, String productName) {

        static Op complete(String name) {
            return new Op(OperationStatus.COMPLETE.code(), null, null, name);
        }

        static Op open(String name) {
            return new Op(OperationStatus.OPEN.code(), null, null, name);
        }

        static Op failed(int status, int errorCode, String message, String name) {
            return new Op(status, errorCode, message, name);
        }
    }

    static int freshUserId() {
        return ThreadLocalRandom.current().nextInt(1_000_000, 2_000_000_000);
    }

    /** n operations, all built by the same function of their index. */
    static List<Op> ops(int n, java.util.function.IntFunction<Op> op) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(op.apply(i));
        }
        return ops;
    }

    /** A published bulk and its operations (ids 0, 1, ...), started now. */
    static UUID bulk(Integer userId, int userType, String description, List<Op> ops) {
        UUID uuid = UUID.randomUUID();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement bulk = connection.prepareStatement(
                    "INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, publish_lease_until, published_at)"
                            + " VALUES (?, ?, ?, ?, ?, now() + interval '1 hour', now())")) {
                bulk.setObject(1, uuid);
                bulk.setObject(2, userId, Types.INTEGER);
                bulk.setShort(3, (short) userType);
                bulk.setString(4, description);
                bulk.setInt(5, ops.size());
                bulk.executeUpdate();
            }
            try (PreparedStatement op = connection.prepareStatement(
                    "INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, status,"
                            + " error_code, result_message, result_serialized_data, started_at, finished_at, attempts)"
                            + " VALUES (?, ?, ?, ?, 1, 'implicit', ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < ops.size(); i++) {
                    Op o = ops.get(i);
                    boolean done = o.status() != OperationStatus.OPEN.code();
                    op.setObject(1, uuid);
                    op.setInt(2, i);
                    op.setString(3, PRODUCT_TOPIC);
                    op.setString(4, "{\"product\":{\"sku\":\"sku-" + i + "\",\"name\":" + jsonString(o.productName()) + "}}");
                    op.setShort(5, (short) o.status());
                    op.setObject(6, o.errorCode(), Types.INTEGER);
                    op.setString(7, o.resultMessage());
                    op.setString(8, o.status() == OperationStatus.COMPLETE.code() ? "{\"sku\":\"sku-" + i + "\",\"id\":" + (1000 + i) + "}" : null);
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

    /** The worker's part: the bulk's open operations finish with this status (one statement, as a batch does). */
    static void finishOpen(UUID uuid, int status, Integer errorCode, String message) {
        execute("UPDATE operation SET status = ?, error_code = ?, result_message = ?, finished_at = now(), attempts = attempts + 1"
                + " WHERE bulk_uuid = ? AND status = 4", (short) status, errorCode, message, uuid);
    }

    /** An active admin user with these resources; answers its id. */
    static int adminUser(String username, String password, String... resources) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("INSERT INTO admin_user (username, password_hash, resources)"
                        + " VALUES (?, ?, ?) RETURNING user_id")) {
            statement.setString(1, username);
            statement.setString(2, BCrypt.hashpw(password, BCrypt.gensalt(4)));
            statement.setArray(3, connection.createArrayOf("text", resources));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(String sql, Object... params) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(String sql, Object... params) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    statement.setNull(i + 1, Types.INTEGER);
                } else {
                    statement.setObject(i + 1, params[i]);
                }
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static Connection connect() throws SQLException {
        return TestEnvironment.connect(ServiceTestResource.DATABASE);
    }
}
