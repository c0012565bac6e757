package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.OPEN;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.operation.Caller;

/**
 * How many operations are open (accepted, not finished): in all, with the age of the oldest bulk that has one (the
 * backlog gauges), and of one owner (the open-operation limit). Both start from the open operations (partial index
 * {@code operation_status_idx}), so their cost grows with the backlog, not with the history.
 */
@ApplicationScoped
public class BacklogCounts {

    private static final String ALL_OPEN = "select count(*), extract(epoch from now() - min(b.start_time))"
            + " from operation o join bulk b on b.uuid = o.bulk_uuid where o.status = " + OPEN.code();

    @Inject
    DataSource dataSource;

    /** Open operations of all bulks, and how many seconds ago the oldest bulk with one started (0 when none). */
    public record Backlog(long open, double oldestSeconds) {
    }

    /** The backlog; a query that takes more than {@code timeoutSeconds} is cancelled. */
    public Backlog backlog(int timeoutSeconds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = statement.executeQuery(ALL_OPEN)) {
                rs.next();
                double oldest = rs.getDouble(2);
                return new Backlog(rs.getLong(1), rs.wasNull() ? 0 : oldest);
            }
        }
    }

    /** Open operations of the bulks of one owner (same user id and type). */
    public long openOperationsOf(Caller owner) throws SQLException {
        // Open operations first (partial index), each one's bulk by primary key: cost grows with the open
        // operations only. As a join, right after a large bulk (statistics still saying "nothing is open") the
        // planner compared every open operation with every bulk of the owner (docs/benchmarks.md, step 6).
        String ownerCondition = owner.userId() == null ? "b.user_id IS NULL" : "b.user_id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM operation o WHERE o.status = " + OPEN.code()
                                + " AND (SELECT b.user_type = ? AND " + ownerCondition + " FROM bulk b WHERE b.uuid = o.bulk_uuid)")) {
            statement.setInt(1, owner.userType());
            if (owner.userId() != null) {
                statement.setInt(2, owner.userId());
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
