package io.catalogbulk.core.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * One read-only REPEATABLE READ transaction: every read made through it sees the ledger as it was at its first
 * read, so a status body built from several reads (the counts, then the operations list) describes one moment.
 * Workers commit an operation's status and its count difference together (V60's triggers), so within one
 * snapshot the counts always equal what the list shows. Read-only and without locks: it never makes a worker
 * wait, and a worker never makes it wait.
 */
public final class StatusSnapshot implements AutoCloseable {

    private final Connection connection;

    private StatusSnapshot(Connection connection) {
        this.connection = connection;
    }

    /** Opens the transaction; the snapshot itself is taken by the first read. */
    public static StatusSnapshot open(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            // Scoped to this transaction only: the pooled connection keeps its defaults for its next user.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            return new StatusSnapshot(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /** Ends the transaction (it changed nothing) and returns the connection to the pool. */
    @Override
    public void close() throws SQLException {
        try (connection) {
            connection.commit();
        }
    }
}
