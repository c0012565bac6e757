package io.catalogbulk.core.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.StoreScope;

/**
 * Stores an accepted request: the bulk and all its operations in one transaction, before anything is published
 * (Magento publishes first and races its own insert, #23958). Operations are inserted open (the column's
 * default). Small requests use a multi-row INSERT; larger ones COPY, whose cost grows with bytes rather than
 * round trips. Each operation carries its entity key (per-entity order, issue #18) and draws its acceptance number
 * from the column default, in insert order: item i is accepted before item i + 1, and a bulk committed before
 * another was stored has only lower numbers.
 */
@ApplicationScoped
public class NewBulkWriter {

    static final int COPY_THRESHOLD = 32;
    private static final int COPY_CHUNK_BYTES = 256 * 1024;

    @Inject
    DataSource dataSource;

    @Inject
    IdempotencyKeys keys;

    /**
     * The bulk row and one operation row per item (item i becomes operation i), committed together; the publish
     * lease keeps the relay away until the caller has published them itself.
     */
    public void write(UUID bulkUuid, String topic, StoreScope scope, Caller caller, List<byte[]> items, Duration lease)
            throws SQLException {
        write(bulkUuid, topic, scope, caller, items, null, lease, null);
    }

    /** As {@link #write(UUID, String, StoreScope, Caller, List, List, Duration, IdempotencyKeys.Key)}, operations not ordered. */
    public IdempotencyKeys.Claim write(UUID bulkUuid, String topic, StoreScope scope, Caller caller, List<byte[]> items,
            Duration lease, IdempotencyKeys.Key key) throws SQLException {
        return write(bulkUuid, topic, scope, caller, items, null, lease, key);
    }

    /**
     * As {@link #write(UUID, String, StoreScope, Caller, List, Duration)}, and claims the Idempotency-Key (if not
     * null) in the same transaction: when the key is taken (still being stored, or already naming a bulk) nothing
     * is stored and the claim says why. {@code entityKeys} (null, or one per item, each null when not ordered): the
     * entity each operation writes ({@link io.catalogbulk.core.route.RouteDeclaration#entityKey}).
     */
    public IdempotencyKeys.Claim write(UUID bulkUuid, String topic, StoreScope scope, Caller caller, List<byte[]> items,
            List<String> entityKeys, Duration lease, IdempotencyKeys.Key key) throws SQLException {
        if (entityKeys != null && entityKeys.size() != items.size()) {
            throw new IllegalArgumentException(entityKeys.size() + " entity keys for " + items.size() + " items");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insertBulk(connection, bulkUuid, topic, caller, items.size(), lease);
                if (key != null) {
                    // After the bulk row (the key references it), before the operations (a taken key stores nothing).
                    IdempotencyKeys.Claim claim = keys.claim(connection, key, bulkUuid);
                    if (!(claim instanceof IdempotencyKeys.Claimed)) {
                        Transactions.rollbackQuietly(connection);
                        return claim;
                    }
                }
                if (items.size() < COPY_THRESHOLD) {
                    insertOperations(connection, bulkUuid, topic, scope, items, entityKeys);
                } else {
                    copyOperations(connection, bulkUuid, topic, scope, items, entityKeys);
                }
                connection.commit();
                return new IdempotencyKeys.Claimed();
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private static void insertBulk(Connection connection, UUID uuid, String topic, Caller caller, int count, Duration lease)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, publish_lease_until)"
                        + " VALUES (?, ?, ?, ?, ?, now() + ? * interval '1 millisecond')")) {
            statement.setObject(1, uuid);
            if (caller.userId() == null) {
                statement.setNull(2, Types.INTEGER);
            } else {
                statement.setInt(2, caller.userId());
            }
            statement.setInt(3, caller.userType());
            statement.setString(4, "Topic " + topic);
            statement.setInt(5, count);
            statement.setLong(6, lease.toMillis());
            statement.executeUpdate();
        }
    }

    private static void insertOperations(Connection connection, UUID uuid, String topic, StoreScope scope, List<byte[]> items,
            List<String> entityKeys) throws SQLException {
        // accepted_seq is left to its default, drawn row by row in VALUES order.
        StringBuilder sql = new StringBuilder(
                "INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, entity_key) VALUES ");
        for (int i = 0; i < items.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (int i = 0; i < items.size(); i++) {
                statement.setObject(p++, uuid);
                statement.setInt(p++, i);
                statement.setString(p++, topic);
                statement.setString(p++, new String(items.get(i), StandardCharsets.UTF_8));
                statement.setInt(p++, scope.storeId());
                statement.setString(p++, scope.mode().dbValue());
                statement.setString(p++, entityKeys == null ? null : entityKeys.get(i));
            }
            statement.executeUpdate();
        }
    }

    private static void copyOperations(Connection connection, UUID uuid, String topic, StoreScope scope, List<byte[]> items,
            List<String> entityKeys) throws SQLException {
        // accepted_seq is left to its default, drawn row by row in the order COPY reads them.
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, entity_key) FROM STDIN (FORMAT csv)");
        try {
            byte[] prefix = (uuid + ",").getBytes(StandardCharsets.US_ASCII);
            byte[] suffix = (",\"" + topic + "\",").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("," + scope.storeId() + "," + scope.mode().dbValue() + ",").getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(COPY_CHUNK_BYTES + 4096);
            for (int i = 0; i < items.size(); i++) {
                buffer.writeBytes(prefix);
                buffer.writeBytes(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
                buffer.writeBytes(suffix);
                writeCsvQuoted(buffer, items.get(i));
                buffer.writeBytes(tail);
                String entityKey = entityKeys == null ? null : entityKeys.get(i);
                if (entityKey != null) { // an unquoted empty field is NULL
                    writeCsvQuoted(buffer, entityKey.getBytes(StandardCharsets.UTF_8));
                }
                buffer.write('\n');
                if (buffer.size() >= COPY_CHUNK_BYTES) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }
            if (buffer.size() > 0) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A CSV field: quoted, with quotes doubled (the JSON itself never holds a raw newline). */
    static void writeCsvQuoted(ByteArrayOutputStream out, byte[] value) {
        out.write('"');
        int start = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '"') {
                out.write(value, start, i - start + 1);
                out.write('"');
                start = i + 1;
            }
        }
        out.write(value, start, value.length - start);
        out.write('"');
    }
}
