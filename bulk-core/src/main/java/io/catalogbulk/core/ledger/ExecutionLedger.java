package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static io.catalogbulk.core.operation.OperationStatus.RETRIABLY_FAILED;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.StoreScope;

/**
 * The worker's statements on operation rows: lock the operations of a batch, record their outcomes, end an
 * operation as retriably failed. They run in the caller's transaction, on the caller's connection, once per batch
 * of up to a few hundred operations, while a large bulk may just have been copied in and the table statistics
 * still describe the table before it. Each is written so that the only plan the planner can choose finds its rows
 * directly whatever the statistics say (the profiles behind each form are in docs/benchmarks.md).
 */
@ApplicationScoped
public class ExecutionLedger {

    /**
     * Locks the operations a batch of messages refers to, in (bulk, id) order so that concurrent batches lock
     * in the same order. A duplicate delivery waits here for the first one's commit and then sees it is no
     * longer open.
     */
    public List<OperationRow> lock(Connection connection, List<OperationMessage> messages) throws SQLException {
        UUID[] bulks = new UUID[messages.size()];
        Integer[] ids = new Integer[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            bulks[i] = messages.get(i).bulkUuid();
            ids[i] = messages.get(i).id();
        }
        // Each operation is looked up and locked by its full key, one after the other in key order: the locking
        // subquery (and the LIMIT one for its bulk) cannot be flattened into a join the planner reorders. Written
        // as one join, after a 100,000-operation COPY the stale statistics (about 100 operations per bulk) made the
        // planner join the keys to the bulk first and then scan all of the bulk's index entries for each key,
        // filtering on id: quadratic in the bulk size (docs/benchmarks.md, step 15).
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT o.bulk_uuid, o.id, o.topic_name, o.serialized_data, o.status, o.store_id, o.store_scope,"
                        + " b.user_id, b.user_type, o.tid, o.entity_key, o.accepted_seq"
                        + " FROM (SELECT DISTINCT bulk_uuid, id FROM unnest(?::uuid[], ?::int[]) AS k(bulk_uuid, id)"
                        + " ORDER BY bulk_uuid, id) k"
                        + " CROSS JOIN LATERAL (SELECT o.bulk_uuid, o.id, o.topic_name, o.serialized_data, o.status, o.store_id,"
                        + " o.store_scope, o.ctid::text AS tid, o.entity_key, o.accepted_seq FROM operation o WHERE o.bulk_uuid = k.bulk_uuid AND o.id = k.id"
                        + " FOR UPDATE) o"
                        + " CROSS JOIN LATERAL (SELECT b.user_id, b.user_type FROM bulk b WHERE b.uuid = o.bulk_uuid LIMIT 1) b"
                        + " ORDER BY o.bulk_uuid, o.id")) {
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
                    long seq = rs.getLong(12);
                    Long acceptedSeq = rs.wasNull() ? null : seq;
                    rows.add(new OperationRow(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), scope, caller, rs.getString(10), rs.getString(11), acceptedSeq));
                }
            }
            return rows;
        }
    }

    /**
     * Records outcomes with one statement; only operations still open change, so nothing finished is ever
     * overwritten. Rows are addressed by the ctid read under the lock this transaction holds (a TID scan: one
     * page, whatever the statistics say). By key, with statistics still describing the table before a large bulk
     * was copied in, the planner walked the index of all the bulk's operations for each update, a cost growing
     * with the bulk (docs/benchmarks.md, steps 7 and 11). So the ctid must be the only condition the planner can
     * use to find rows: {@code ctid = ANY} makes the operation side a TID scan, and the identity and open checks
     * are written as one row comparison no index can serve. Written plainly, right after a 100,000-operation COPY
     * the statistics still said no operation was open, and the planner walked the open-operations index (or the
     * bulk's primary key entries) to find the batch's rows (step 13). A row not found that way (not expected while
     * the lock is held) is updated by key.
     */
    public void record(Connection connection, List<Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        int n = outcomes.size();
        String[] tids = new String[n];
        UUID[] bulks = new UUID[n];
        Integer[] ids = new Integer[n];
        Integer[] statuses = new Integer[n];
        Integer[] codes = new Integer[n];
        String[] messages = new String[n];
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            Outcome outcome = outcomes.get(i);
            tids[i] = outcome.row().tid();
            bulks[i] = outcome.row().bulkUuid();
            ids[i] = outcome.row().id();
            statuses[i] = outcome.status().code();
            codes[i] = outcome.errorCode();
            messages[i] = outcome.message();
            data[i] = outcome.resultData();
        }
        Set<String> recorded = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE operation o SET status = u.status, error_code = u.error_code, result_message = u.message,"
                        + " result_serialized_data = u.data, started_at = COALESCE(o.started_at, now()),"
                        // finished_at follows the order of execution (the outcomes' order), one microsecond apart:
                        // the rows are updated in whatever order the plan meets them, and a later operation on the
                        // same entity must show the later time.
                        + " finished_at = (SELECT clock_timestamp()) + u.n * interval '1 microsecond', attempts = o.attempts + 1"
                        + " FROM unnest(?::tid[], ?::uuid[], ?::int[], ?::smallint[], ?::int[], ?::text[], ?::text[])"
                        + " WITH ORDINALITY AS u(tid, bulk_uuid, id, status, error_code, message, data, n)"
                        + " WHERE o.ctid = ANY (?::tid[]) AND o.ctid = u.tid"
                        + " AND (o.bulk_uuid, o.id, o.status) IS NOT DISTINCT FROM (u.bulk_uuid, u.id, " + OPEN.code()
                        + "::smallint) RETURNING o.bulk_uuid, o.id")) {
            statement.setArray(1, connection.createArrayOf("tid", tids));
            statement.setArray(2, connection.createArrayOf("uuid", bulks));
            statement.setArray(3, connection.createArrayOf("int4", ids));
            statement.setArray(4, connection.createArrayOf("int2", statuses));
            statement.setArray(5, connection.createArrayOf("int4", codes));
            statement.setArray(6, connection.createArrayOf("text", messages));
            statement.setArray(7, connection.createArrayOf("text", data));
            statement.setArray(8, connection.createArrayOf("tid", tids));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    recorded.add(rs.getObject(1, UUID.class) + "/" + rs.getInt(2));
                }
            }
        }
        List<Outcome> byKey = outcomes.stream().filter(o -> !recorded.contains(o.row().bulkUuid() + "/" + o.row().id())).toList();
        if (byKey.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPDATE_OUTCOME
                + " WHERE bulk_uuid = ? AND id = ? AND " + STILL_OPEN)) {
            for (Outcome outcome : byKey) {
                bind(statement, outcome);
                statement.setObject(5, outcome.row().bulkUuid());
                statement.setInt(6, outcome.row().id());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static final String UPDATE_OUTCOME = "UPDATE operation SET status = ?, error_code = ?, result_message = ?,"
            + " result_serialized_data = ?, started_at = COALESCE(started_at, now()), finished_at = clock_timestamp(),"
            + " attempts = attempts + 1";

    /**
     * The open check of an update by key, as an expression no index on status can serve: the row is found by its
     * primary key, never by walking the open operations (docs/benchmarks.md, step 4).
     */
    private static final String STILL_OPEN = "status + 0 = " + OPEN.code();

    private static void bind(PreparedStatement statement, Outcome outcome) throws SQLException {
        statement.setInt(1, outcome.status().code());
        if (outcome.errorCode() == null) {
            statement.setNull(2, Types.INTEGER);
        } else {
            statement.setInt(2, outcome.errorCode());
        }
        statement.setString(3, outcome.message());
        statement.setString(4, outcome.resultData());
    }

    /** After retries are exhausted: the operation ends as retriably failed, with the last error. */
    public void markRetriablyFailed(Connection connection, OperationMessage message, String error) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE operation SET status = " + RETRIABLY_FAILED.code() + ", error_code = NULL,"
                        + " result_message = ?, finished_at = clock_timestamp(), attempts = attempts + 1"
                        + " WHERE bulk_uuid = ? AND id = ? AND " + STILL_OPEN)) {
            statement.setString(1, error);
            statement.setObject(2, message.bulkUuid());
            statement.setInt(3, message.id());
            statement.executeUpdate();
        }
    }
}
