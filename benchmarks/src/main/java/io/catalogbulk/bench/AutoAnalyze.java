package io.catalogbulk.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.catalogbulk.testsupport.TestEnvironment;

/**
 * Stands in for autovacuum's ANALYZE when the PostgreSQL the benchmark runs on has {@code autovacuum = off} (this
 * machine's and CI's conf.d/90-ci.conf sets it off for the tests). Without it, tables that grow from empty during a
 * run keep the statistics of an empty table, plans stay those of an empty table (foreign-key checks that scan), and
 * a 100,000-row import slowed from 280 to 55 rows/s as its tables grew: a machine setting measured, not the system.
 * It analyzes a table exactly when autovacuum's default rule would (rows changed since the last analyze above 50 + 10%
 * of the table's rows), checking every two seconds, on a connection of its own; when autovacuum is on it does nothing.
 */
final class AutoAnalyze implements AutoCloseable {

    /** autovacuum_analyze_threshold and autovacuum_analyze_scale_factor, PostgreSQL's defaults. */
    static final String DUE = "SELECT quote_ident(schemaname) || '.' || quote_ident(relname) FROM pg_stat_user_tables"
            + " WHERE n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)";

    private final ScheduledExecutorService timer;
    private final Connection connection;
    private int analyzed;

    private AutoAnalyze(Connection connection) {
        this.connection = connection;
        this.timer = connection == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "auto-analyze");
            thread.setDaemon(true);
            return thread;
        });
        if (timer != null) {
            timer.scheduleWithFixedDelay(this::analyzeDue, 2, 2, TimeUnit.SECONDS);
        }
    }

    /** Started on {@code database} when the server's autovacuum is off; a no-op otherwise. */
    static AutoAnalyze whenAutovacuumIsOff(String database) throws SQLException {
        Connection connection = TestEnvironment.connect(database);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SHOW autovacuum")) {
            rs.next();
            if (rs.getString(1).equals("on")) {
                connection.close();
                return new AutoAnalyze(null);
            }
        }
        connection.setAutoCommit(true);
        return new AutoAnalyze(connection);
    }

    boolean active() {
        return connection != null;
    }

    synchronized int analyzed() {
        return analyzed;
    }

    private synchronized void analyzeDue() {
        try (Statement statement = connection.createStatement()) {
            List<String> due = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(DUE)) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
            for (String table : due) {
                statement.execute("ANALYZE " + table);
                analyzed++;
            }
        } catch (SQLException e) {
            System.err.println("[auto-analyze] " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(30, TimeUnit.SECONDS);
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
