package io.catalogbulk.core.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The weekly partitions of {@code operation} and {@code bulk_status_delta} (V99, docs/partitioning.md) and the table
 * {@code storage_partition} that lists them: created ahead of time, and dropped whole once every bulk with rows in
 * them is gone, which is how retention removes operations (no row-by-row delete, no dead tuples, the space returned
 * to the operating system at once).
 */
@ApplicationScoped
public class StoragePartitions {

    @Inject
    DataSource dataSource;

    /**
     * Creates the missing weekly partitions from this week to {@code weeksAhead} weeks after it; returns how many
     * (both tables counted). Idempotent and safe from many replicas at once (V99's function takes a lock).
     */
    public int ensure(int weeksAhead) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT storage_partitions_ensure(now(), now() + ? * interval '7 days')")) {
            connection.setAutoCommit(true);
            statement.setInt(1, weeksAhead);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * How far ahead inserts are covered, in weeks: the time from now to the end of the last partition that both
     * tables have without a gap from now on. Below 1 an insert may soon find no partition (the alert).
     */
    public double weeksCovered() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        // Walk the chain of adjacent weekly partitions from the one holding now(), per table, and
                        // take the shorter chain: a gap ends the coverage.
                        "WITH RECURSIVE chain AS ("
                                + " SELECT parent, upper_bound FROM storage_partition"
                                + " WHERE lower_bound <= now() AND upper_bound > now() AND lower_bound > '-infinity'"
                                + " UNION ALL"
                                + " SELECT p.parent, p.upper_bound FROM storage_partition p JOIN chain c"
                                + " ON p.parent = c.parent AND p.lower_bound = c.upper_bound)"
                                + " SELECT COALESCE(min(covered), 0) FROM ("
                                + " SELECT t.parent, extract(epoch FROM (SELECT max(upper_bound) FROM chain c WHERE c.parent = t.parent) - now())"
                                + " / 604800.0 AS covered FROM (VALUES ('operation'), ('bulk_status_delta')) t(parent)) per_table")) {
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                double weeks = rs.getDouble(1);
                return Math.max(0, weeks);
            }
        }
    }

    /**
     * Drops the partitions whose rows all belong to bulks that started more than {@code days} ago and no longer
     * exist (run it after {@link ExpiredBulks#deleteFinished}); returns their names. A partition holding a row of a
     * bulk that is kept (an open operation, a split running) is kept too. Each partition is claimed for an hour
     * first, so two replicas never detach the same one; one a crashed run left half detached is finished by the
     * next run once the claim has run out. No session state is used: this works through PgBouncer in transaction
     * mode.
     */
    public List<String> dropExpired(int days) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            List<String> droppable = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT storage_partitions_droppable(now() - ? * interval '1 day')")) {
                statement.setInt(1, days);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        droppable.add(rs.getString(1));
                    }
                }
            }
            for (String partition : droppable) {
                String parent = claim(connection, partition);
                if (parent != null) {
                    drop(connection, parent, partition);
                    dropped.add(partition);
                }
            }
        }
        return dropped;
    }

    /** The partition's parent if this run now holds the claim on it, null if another run does. */
    private static String claim(Connection connection, String partition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE storage_partition SET drop_claimed_until = now() + interval '1 hour' WHERE partition_name = ?"
                        + " AND (drop_claimed_until IS NULL OR drop_claimed_until < now()) RETURNING parent")) {
            statement.setString(1, partition);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * DETACH ... CONCURRENTLY waits for the statements running on the table instead of blocking new ones (it cannot
     * run in a transaction, hence autocommit); a detach a crash interrupted is completed with FINALIZE. Then the
     * detached table is dropped and forgotten.
     */
    private static void drop(Connection connection, String parent, String partition) throws SQLException {
        Boolean pending = null;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT i.inhdetachpending FROM pg_inherits i WHERE i.inhrelid = to_regclass(?)")) {
            statement.setString(1, quote(partition));
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    pending = rs.getBoolean(1);
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            if (pending != null) {
                statement.execute("ALTER TABLE " + quote(parent) + " DETACH PARTITION " + quote(partition)
                        + (pending ? " FINALIZE" : " CONCURRENTLY"));
            }
            statement.execute("DROP TABLE IF EXISTS " + quote(partition));
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM storage_partition WHERE partition_name = ?")) {
            statement.setString(1, partition);
            statement.executeUpdate();
        }
    }

    /** Partition names come from storage_partition (written by V99's function): quoted all the same. */
    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
