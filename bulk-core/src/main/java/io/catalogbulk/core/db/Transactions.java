package io.catalogbulk.core.db;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.catalogbulk.core.webapi.WebapiException;

/**
 * Runs work in one JDBC transaction, retrying transient failures with backoff. Business errors
 * ({@link WebapiException}) roll back and propagate untouched; an unreachable database becomes 503.
 */
public final class Transactions {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws Exception;
    }

    private Transactions() {
    }

    public static <T> T inTransaction(DataSource dataSource, int maxAttempts, Backoff backoff, Work<T> work) {
        for (int attempt = 0; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (Exception e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            } catch (WebapiException e) {
                throw e;
            } catch (Exception e) {
                if (TransientErrors.isTransient(e) && attempt + 1 < maxAttempts) {
                    backoff.sleep(attempt);
                    continue;
                }
                if (TransientErrors.isConnectionFailure(e)) {
                    throw WebapiException.serviceUnavailable("The database is unavailable. Retry later.", 5);
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e);
            }
        }
    }

    public static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; closing it returns it to the pool for eviction.
        }
    }
}
