package io.catalogbulk.core.db;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Classifies database failures: transient ones (deadlock, serialization failure, lock timeout, lost or refused
 * connection) are worth retrying; everything else is not.
 */
public final class TransientErrors {

    private TransientErrors() {
    }

    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public static boolean isConnectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof ConnectException || t instanceof EOFException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    static boolean isTransientState(String state) {
        if (state == null) {
            return false;
        }
        return state.equals("40001")      // serialization_failure
                || state.equals("40P01")  // deadlock_detected
                || state.equals("55P03")  // lock_not_available (lock_timeout)
                || state.equals("57014")  // query_canceled (statement_timeout)
                || state.equals("53300")  // too_many_connections
                || state.startsWith("08") // connection exceptions
                || state.startsWith("57P"); // admin shutdown, crash shutdown, cannot connect now
    }
}
