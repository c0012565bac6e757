package io.catalogbulk.core.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.operation.BulkStatus;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationCounts;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.operation.UserType;

/**
 * Magento's Bulk Actions Log: the bulks a caller may see, newest first, a page at a time, each with its owner's
 * name and its counts (summed from bulk_status_delta, so a 100,000-operation bulk costs what a small one does).
 * The bulk status filter is {@link BulkStatus#of}'s rule written over those sums. Every value is a bound parameter.
 */
@ApplicationScoped
public class BulkLog {

    /** What the log is filtered on; a null member filters nothing. Text matches the description or the uuid. */
    public record Filter(BulkStatus status, String topic, String user, OffsetDateTime from, OffsetDateTime to, String text) {

        public static final Filter NONE = new Filter(null, null, null, null, null, null);
    }

    /** One row of the log. */
    public record Entry(Bulk bulk, String ownerName, OperationCounts counts, boolean acknowledged) {

        public BulkStatus status() {
            return BulkStatus.of(counts);
        }
    }

    /** A page of the log, and whether a next page exists. */
    public record Page(List<Entry> entries, boolean more) {
    }

    private static final String COUNTS = "SELECT"
            + sumOf(OperationStatus.OPEN, "open") + ","
            + sumOf(OperationStatus.COMPLETE, "complete") + ","
            + sumOf(OperationStatus.RETRIABLY_FAILED, "retriably") + ","
            + sumOf(OperationStatus.NOT_RETRIABLY_FAILED, "not_retriably") + ","
            + sumOf(OperationStatus.REJECTED, "rejected")
            + " FROM bulk_status_delta d WHERE d.bulk_uuid = b.uuid";

    @Inject
    DataSource dataSource;

    private static String sumOf(OperationStatus status, String name) {
        return " coalesce(sum(d.delta) FILTER (WHERE d.status = " + status.code() + "), 0) AS " + name;
    }

    /** The bulks of {@code owner} (same user id and type), or all bulks when {@code owner} is null, newest first. */
    public Page page(Filter filter, Caller owner, int limit, int offset) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT b.uuid, b.user_id, b.user_type, b.description, b.operation_count,"
                + " b.start_time, b.acknowledged_at IS NOT NULL, coalesce(a.username, i.name),"
                + " c.open, c.complete, c.retriably, c.not_retriably, c.rejected FROM bulk b"
                + " LEFT JOIN admin_user a ON b.user_type = " + UserType.ADMIN + " AND a.user_id = b.user_id"
                + " LEFT JOIN integration i ON b.user_type = " + UserType.INTEGRATION + " AND i.id = b.user_id"
                + " CROSS JOIN LATERAL (" + COUNTS + ") c WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (owner != null) {
            sql.append(" AND b.user_type = ? AND b.user_id IS NOT DISTINCT FROM ?");
            params.add((short) owner.userType());
            params.add(owner.userId() == null ? new Null() : owner.userId());
        }
        if (filter.status() != null) {
            sql.append(" AND ").append(statusCondition(filter.status()));
        }
        if (filter.topic() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM operation o WHERE o.bulk_uuid = b.uuid AND o.topic_name = ?)");
            params.add(filter.topic());
        }
        if (filter.user() != null) {
            sql.append(" AND (lower(coalesce(a.username, i.name)) = lower(?) OR b.user_id::text = ?)");
            params.add(filter.user());
            params.add(filter.user());
        }
        if (filter.from() != null) {
            sql.append(" AND b.start_time >= ?");
            params.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND b.start_time < ?");
            params.add(filter.to());
        }
        if (filter.text() != null) {
            sql.append(" AND (b.description ILIKE ? ESCAPE '\\' OR b.uuid::text = lower(?))");
            params.add("%" + likeEscaped(filter.text()) + "%");
            params.add(filter.text());
        }
        sql.append(" ORDER BY b.start_time DESC, b.uuid LIMIT ? OFFSET ?");
        params.add(limit + 1);
        params.add(offset);
        List<Entry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                Object value = params.get(i);
                if (value instanceof Null) {
                    statement.setNull(i + 1, Types.INTEGER);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int userId = rs.getInt(2);
                    Caller caller = new Caller(rs.wasNull() ? null : userId, rs.getInt(3));
                    Bulk bulk = new Bulk(rs.getObject(1, UUID.class), caller, rs.getString(4), rs.getInt(5),
                            rs.getObject(6, OffsetDateTime.class));
                    OperationCounts counts = new OperationCounts(rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                            rs.getLong(13));
                    entries.add(new Entry(bulk, rs.getString(8), counts, rs.getBoolean(7)));
                }
            }
        }
        boolean more = entries.size() > limit;
        return new Page(more ? entries.subList(0, limit) : entries, more);
    }

    /** {@link BulkStatus#of} over the summed counts c.*. */
    static String statusCondition(BulkStatus status) {
        String done = "(c.complete + c.retriably + c.not_retriably + c.rejected)";
        String failed = "(c.retriably + c.not_retriably + c.rejected)";
        return switch (status) {
            case NOT_STARTED -> done + " = 0";
            case IN_PROGRESS -> "c.open > 0 AND " + done + " > 0";
            case FINISHED_SUCCESSFULLY -> "c.open = 0 AND c.complete > 0 AND " + failed + " = 0";
            case FINISHED_WITH_FAILURE -> "c.open = 0 AND " + failed + " > 0";
        };
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A NULL integer parameter. */
    private record Null() {
    }
}
