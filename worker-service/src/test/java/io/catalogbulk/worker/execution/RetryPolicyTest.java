package io.catalogbulk.worker.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.db.Backoff;
import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * The pure rules behind the worker's outcomes: how long it backs off between attempts, which database errors
 * it retries (and may end as 2) rather than fail at once (3), and the message a business error records.
 */
class RetryPolicyTest {

    /** The worker's defaults (catalog-bulk.worker.retry.*). */
    static final Backoff DEFAULTS = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    static void assertDelayBetween(long minMillis, long maxMillis, Backoff backoff, int attempt) {
        for (int i = 0; i < 200; i++) {
            long delay = backoff.delay(attempt).toMillis();
            assertTrue(delay >= minMillis && delay <= maxMillis,
                    "attempt " + attempt + " waited " + delay + " ms, expected " + minMillis + ".." + maxMillis);
        }
    }

    @Test
    void backoffDoublesWithJitterUpToItsMaximum() {
        assertDelayBetween(50, 100, DEFAULTS, 0);
        assertDelayBetween(100, 200, DEFAULTS, 1);
        assertDelayBetween(400, 800, DEFAULTS, 3);
        assertDelayBetween(2500, 5000, DEFAULTS, 6);
        assertDelayBetween(2500, 5000, DEFAULTS, 10);
    }

    @Test
    void backoffNeverOverflowsOnLateAttempts() {
        assertDelayBetween(2500, 5000, DEFAULTS, 63);
        assertDelayBetween(2500, 5000, DEFAULTS, Integer.MAX_VALUE);
    }

    @Test
    void zeroBackoffDoesNotWait() {
        assertDelayBetween(0, 0, new Backoff(Duration.ZERO, Duration.ofSeconds(1)), 4);
    }

    static SQLException sql(String state) {
        return new SQLException("failure " + state, state);
    }

    @Test
    void lockTimeoutsDeadlocksAndSerializationFailuresAreRetried() {
        for (String state : List.of("55P03", "40P01", "40001", "57014", "53300", "08006", "57P01")) {
            assertTrue(TransientErrors.isTransient(sql(state)), state);
            assertTrue(TransientErrors.isTransient(new IllegalStateException("wrapped", sql(state))), "wrapped " + state);
        }
        assertTrue(TransientErrors.isTransient(new SQLTransientConnectionException("pool exhausted")));
    }

    @Test
    void dataAndConstraintErrorsAreNotRetried() {
        for (String state : List.of("22001", "23505", "23503", "42P01", "42601")) {
            assertFalse(TransientErrors.isTransient(sql(state)), state);
        }
        assertFalse(TransientErrors.isTransient(sql(null)));
        assertFalse(TransientErrors.isTransient(new NullPointerException()));
    }

    @Test
    void onlyALostDatabaseSendsTheMessageBackInsteadOfRecordingAFailure() {
        assertTrue(TransientErrors.isConnectionFailure(sql("08006")));
        assertTrue(TransientErrors.isConnectionFailure(sql("57P01")));
        assertTrue(TransientErrors.isConnectionFailure(new SQLException("Acquisition timeout while waiting for new connection")));
        assertTrue(TransientErrors.isConnectionFailure(new RuntimeException(new java.net.ConnectException("refused"))));
        // A lock timeout is recorded as retriably failed: the database itself is there.
        assertFalse(TransientErrors.isConnectionFailure(sql("55P03")));
        assertFalse(TransientErrors.isConnectionFailure(sql("40P01")));
    }

    @Test
    void aBusinessErrorRecordsItsRenderedMessage() {
        assertEquals("No such entity with websiteId = 2",
                BatchExecutor.message(WebapiException.noSuchEntity("websiteId", 2)));
        assertEquals("\"sku\" is required. Enter and try again.",
                BatchExecutor.message(new WebapiException(400, Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "sku")))));
    }

    @Test
    void severalInputErrorsAreAllRecorded() {
        WebapiException errors = WebapiException.ofErrors(400, List.of(
                Phrase.of("The \"Name\" attribute value is empty. Set the attribute and try again."),
                Phrase.positional("The \"%1\" attribute value is empty. Set the attribute and try again.", "Price")));
        assertEquals("The \"Name\" attribute value is empty. Set the attribute and try again."
                + " The \"Price\" attribute value is empty. Set the attribute and try again.", BatchExecutor.message(errors));
    }
}
