package io.catalogbulk.core.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SearchField;
import io.catalogbulk.core.search.SqlSearch;

/**
 * The operations of bulks as the status routes show them: every operation of one bulk, read through a database
 * cursor (a 100,000-operation bulk is never held in memory), and a searchCriteria page over the operations of the
 * bulks a caller may see.
 */
@ApplicationScoped
public class OperationReads {

    /** The fields a search may filter and sort on, by their names in the API. */
    private static final Map<String, SearchField> SEARCHABLE = Map.of(
            "bulk_uuid", new SearchField("bulk_uuid", "o.bulk_uuid", SearchField.ValueType.UUID),
            "id", new SearchField("id", "o.id", SearchField.ValueType.INTEGER),
            "status", new SearchField("status", "o.status", SearchField.ValueType.INTEGER),
            "topic_name", new SearchField("topic_name", "o.topic_name", SearchField.ValueType.TEXT),
            "error_code", new SearchField("error_code", "o.error_code", SearchField.ValueType.INTEGER),
            "start_time", new SearchField("start_time", "b.start_time", SearchField.ValueType.TIMESTAMP));

    private static final String RESULT_COLUMNS = "o.id, o.status, o.result_message, o.error_code";
    private static final String DETAIL_COLUMNS = "o.id, o.bulk_uuid, o.topic_name, o.serialized_data, o.result_serialized_data,"
            + " o.status, o.result_message, o.error_code";
    private static final int CURSOR_FETCH_SIZE = 2000;

    @Inject
    DataSource dataSource;

    /** An operation's outcome, as the short status shows it. */
    public record OperationResult(int id, int status, String resultMessage, Integer errorCode) {
    }

    /** An operation with its data and its result, as the detailed status and the search show it. */
    public record OperationDetail(int id, UUID bulkUuid, String topicName, String serializedData, String resultSerializedData,
            int status, String resultMessage, Integer errorCode) {
    }

    /** An operation found by a search, with the start time of its bulk. */
    public record Found(OperationDetail operation, OffsetDateTime bulkStartTime) {
    }

    /** One page of a search, and how many operations match in all. */
    public record SearchPage(List<Found> items, long total) {
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * The operations of one bulk in id order, read through a database cursor: the query has run when this exists,
     * rows are fetched {@value #CURSOR_FETCH_SIZE} at a time as {@link #next()} asks for them.
     */
    public static final class Cursor<T> implements AutoCloseable {

        private final Connection connection;
        private final boolean ownsConnection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final RowMapper<T> mapper;

        private Cursor(Connection connection, boolean ownsConnection, UUID bulkUuid, String columns, RowMapper<T> mapper)
                throws SQLException {
            this(connection, ownsConnection, bulkUuid, columns, "TRUE", mapper);
        }

        private Cursor(Connection connection, boolean ownsConnection, UUID bulkUuid, String columns, String condition,
                RowMapper<T> mapper)
                throws SQLException {
            this.mapper = mapper;
            this.connection = connection;
            this.ownsConnection = ownsConnection;
            PreparedStatement prepared = null;
            try {
                // A cursor (autocommit off + fetch size) streams rows instead of loading them all.
                if (ownsConnection) {
                    connection.setAutoCommit(false);
                }
                prepared = connection.prepareStatement("SELECT " + columns + " FROM operation o WHERE o.bulk_uuid = ? AND "
                        + condition + " ORDER BY o.id");
                prepared.setFetchSize(CURSOR_FETCH_SIZE);
                prepared.setObject(1, bulkUuid);
                rows = prepared.executeQuery();
                statement = prepared;
            } catch (SQLException | RuntimeException e) {
                if (prepared != null) {
                    prepared.close();
                }
                if (ownsConnection) {
                    connection.close();
                }
                throw e;
            }
        }

        /** The next operation, or null after the last. */
        public T next() throws SQLException {
            return rows.next() ? mapper.map(rows) : null;
        }

        /** Closes the rows; a cursor of a snapshot leaves the snapshot's transaction to the snapshot. */
        @Override
        public void close() throws SQLException {
            if (!ownsConnection) {
                try (statement) {
                    rows.close();
                }
                return;
            }
            try (connection) {
                rows.close();
                statement.close();
                connection.commit();
            }
        }
    }

    /** Every operation of the bulk, short form. */
    public Cursor<OperationResult> results(UUID bulkUuid) throws SQLException {
        return new Cursor<>(dataSource.getConnection(), true, bulkUuid, RESULT_COLUMNS, OperationReads::result);
    }

    /** Every operation of the bulk, short form, as the snapshot sees them. */
    public Cursor<OperationResult> results(StatusSnapshot snapshot, UUID bulkUuid) throws SQLException {
        return new Cursor<>(snapshot.connection(), false, bulkUuid, RESULT_COLUMNS, OperationReads::result);
    }

    /** Every operation of the bulk, with its data and its result. */
    public Cursor<OperationDetail> details(UUID bulkUuid) throws SQLException {
        return new Cursor<>(dataSource.getConnection(), true, bulkUuid, DETAIL_COLUMNS, OperationReads::detail);
    }

    /** Every operation of the bulk, with its data and its result, as the snapshot sees them. */
    public Cursor<OperationDetail> details(StatusSnapshot snapshot, UUID bulkUuid) throws SQLException {
        return new Cursor<>(snapshot.connection(), false, bulkUuid, DETAIL_COLUMNS, OperationReads::detail);
    }

    /** The bulk's failed operations (retriably, not retriably failed and rejected) with their data, in id order. */
    public Cursor<OperationDetail> failedDetails(UUID bulkUuid) throws SQLException {
        return new Cursor<>(dataSource.getConnection(), true, bulkUuid, DETAIL_COLUMNS, "o.status IN (" + OperationStatus.RETRIABLY_FAILED.code() + ", "
                + OperationStatus.NOT_RETRIABLY_FAILED.code() + ", " + OperationStatus.REJECTED.code() + ")", OperationReads::detail);
    }

    /** Failed operations of one bulk that share a status, an error code and a result message, and how many do. */
    public record FailureGroup(int status, Integer errorCode, String resultMessage, long operations) {
    }

    /**
     * The bulk's failed operations grouped by status, error code and message, largest group first, at most
     * {@code limit} groups: on the (bulk_uuid, status) index, whatever the size of the bulk.
     */
    public List<FailureGroup> failureGroups(UUID bulkUuid, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT o.status, o.error_code, o.result_message, count(*)"
                        + " FROM operation o WHERE o.bulk_uuid = ? AND o.status IN (" + OperationStatus.RETRIABLY_FAILED.code() + ", "
                        + OperationStatus.NOT_RETRIABLY_FAILED.code() + ", " + OperationStatus.REJECTED.code() + ")"
                        + " GROUP BY o.status, o.error_code, o.result_message ORDER BY count(*) DESC, o.status, o.error_code LIMIT ?")) {
            statement.setObject(1, bulkUuid);
            statement.setInt(2, limit);
            List<FailureGroup> groups = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    groups.add(new FailureGroup(rs.getInt(1), nullableInt(rs, 2), rs.getString(3), rs.getLong(4)));
                }
            }
            return groups;
        }
    }

    /** How many operations finished in one minute with one status. */
    public record MinuteCount(OffsetDateTime minute, int status, long operations) {
    }

    /**
     * Operations finished in each of the last {@code minutes} minutes, by status. There is no index on finished_at
     * (the worker's writes stay cheaper without one): this scans the operation table, so the caller caches it and
     * the statement stops after {@code timeoutSeconds}.
     */
    public List<MinuteCount> finishedPerMinute(int minutes, int timeoutSeconds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT date_trunc('minute', o.finished_at), o.status, count(*)"
                        + " FROM operation o WHERE o.finished_at >= date_trunc('minute', now()) - ? * interval '1 minute'"
                        + " AND o.status <> " + OperationStatus.OPEN.code() + " GROUP BY 1, 2 ORDER BY 1, 2")) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setInt(1, minutes - 1);
            List<MinuteCount> counts = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.add(new MinuteCount(rs.getObject(1, OffsetDateTime.class), rs.getInt(2), rs.getLong(3)));
                }
            }
            return counts;
        }
    }

    /**
     * Operations of one bulk finished in each minute, by status, for its last {@code minutes} minutes of activity:
     * on the bulk's primary-key range, whatever else the table holds.
     */
    public List<MinuteCount> finishedPerMinute(UUID bulkUuid, int minutes) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT date_trunc('minute', o.finished_at), o.status, count(*)"
                        + " FROM operation o WHERE o.bulk_uuid = ? AND o.finished_at IS NOT NULL AND o.status <> " + OperationStatus.OPEN.code()
                        + " GROUP BY 1, 2 ORDER BY 1 DESC, 2 LIMIT ?")) {
            statement.setObject(1, bulkUuid);
            statement.setInt(2, minutes * 4);
            List<MinuteCount> counts = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.add(0, new MinuteCount(rs.getObject(1, OffsetDateTime.class), rs.getInt(2), rs.getLong(3)));
                }
            }
            return counts;
        }
    }

    /**
     * A page of operations matching the criteria, among the bulks of {@code owner} (same user id and type), or
     * among all bulks when {@code owner} is null. The total and the page are read in one snapshot, so
     * {@code total_count} counts exactly the operations the pages show at that moment.
     */
    public SearchPage search(SearchCriteria criteria, Caller owner, int maxPageSize) throws SQLException {
        SqlSearch search = SqlSearch.of(criteria, SEARCHABLE, "o.bulk_uuid, o.id", maxPageSize);
        String visibility = owner == null ? "TRUE" : "b.user_type = ? AND b.user_id IS NOT DISTINCT FROM ?";
        String from = " FROM operation o JOIN bulk b ON b.uuid = o.bulk_uuid WHERE " + visibility + " AND " + search.where();
        try (StatusSnapshot snapshot = StatusSnapshot.open(dataSource)) {
            Connection connection = snapshot.connection();
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*)" + from)) {
                search.bind(count, bindVisibility(count, owner));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Found> items = new ArrayList<>();
            try (PreparedStatement page = connection.prepareStatement("SELECT " + DETAIL_COLUMNS + ", b.start_time" + from
                    + " ORDER BY " + search.orderBy() + " LIMIT ? OFFSET ?")) {
                int next = search.bind(page, bindVisibility(page, owner));
                page.setInt(next++, search.limit());
                page.setInt(next, search.offset());
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        items.add(new Found(detail(rs), rs.getObject(9, OffsetDateTime.class)));
                    }
                }
            }
            return new SearchPage(items, total);
        }
    }

    /** Binds the owner's parameters; returns the index of the next parameter. */
    private static int bindVisibility(PreparedStatement statement, Caller owner) throws SQLException {
        if (owner == null) {
            return 1;
        }
        statement.setInt(1, owner.userType());
        if (owner.userId() == null) {
            statement.setNull(2, Types.INTEGER);
        } else {
            statement.setInt(2, owner.userId());
        }
        return 3;
    }

    private static OperationResult result(ResultSet rs) throws SQLException {
        return new OperationResult(rs.getInt(1), rs.getInt(2), rs.getString(3), nullableInt(rs, 4));
    }

    private static OperationDetail detail(ResultSet rs) throws SQLException {
        return new OperationDetail(rs.getInt(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getString(7), nullableInt(rs, 8));
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
