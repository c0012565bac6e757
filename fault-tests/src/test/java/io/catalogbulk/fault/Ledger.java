package io.catalogbulk.fault;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import io.catalogbulk.core.operation.OperationStatus;

/**
 * What the database says happened to the operations of a scenario. The suite installs a trigger that logs every
 * write of a product's store values; every operation of the suite writes a price no other operation writes, so a
 * price written twice in one store is an operation whose effect was applied twice.
 */
final class Ledger {

    static final int OPEN = OperationStatus.OPEN.code();
    static final int COMPLETE = OperationStatus.COMPLETE.code();
    private static final String FAILED = OperationStatus.RETRIABLY_FAILED.code() + ", " + OperationStatus.NOT_RETRIABLY_FAILED.code()
            + ", " + OperationStatus.REJECTED.code();

    private final PrivatePostgres postgres;

    Ledger(PrivatePostgres postgres) {
        this.postgres = postgres;
    }

    /** Installs the write log (not a migration: it exists only in the suite's private database). */
    void install() throws SQLException {
        try (Connection c = postgres.connect(); var s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS fault_write_log (product_id bigint, store_id int, price numeric,"
                    + " at timestamptz DEFAULT clock_timestamp(), tx bigint)");
            s.execute("CREATE OR REPLACE FUNCTION fault_log_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.price IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.price IS DISTINCT FROM OLD.price) THEN"
                    + " INSERT INTO fault_write_log (product_id, store_id, price, tx) VALUES (NEW.product_id, NEW.store_id, NEW.price, txid_current());"
                    + " END IF; RETURN NEW; END $$");
            s.execute("DROP TRIGGER IF EXISTS fault_write_log ON catalog_product_store_value");
            s.execute("CREATE TRIGGER fault_write_log AFTER INSERT OR UPDATE ON catalog_product_store_value"
                    + " FOR EACH ROW EXECUTE FUNCTION fault_log_write()");
        }
    }

    /** Operation counts of a set of bulks. */
    record Counts(long stored, long open, long complete, long failed, long attemptsAboveOne) {
    }

    Counts counts(Collection<UUID> bulks) throws SQLException {
        try (Connection c = postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE status = " + OPEN + "),"
                        + " count(*) FILTER (WHERE status = " + COMPLETE + "), count(*) FILTER (WHERE status IN (" + FAILED + ")),"
                        + " count(*) FILTER (WHERE status = " + COMPLETE + " AND attempts > 1)"
                        + " FROM operation WHERE bulk_uuid = ANY (?)")) {
            s.setArray(1, uuids(c, bulks));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    /**
     * Waits until no operation of the bulks is open (or the timeout passed); the database may be briefly down
     * while a scenario heals it, so failures to ask count as "not yet".
     */
    Counts awaitSettled(Collection<UUID> bulks, long accepted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Counts last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = counts(bulks);
                if (last.open() == 0 && last.stored() >= accepted) {
                    return last;
                }
            } catch (SQLException e) {
                // database restarting
            }
            Thread.sleep(250);
        }
        return last;
    }

    /** Waits until at least {@code complete} operations of the bulks completed. */
    void awaitComplete(Collection<UUID> bulks, long complete, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (counts(bulks).complete() >= complete) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(complete + " operations not complete after " + timeout);
    }

    /** Prices in [from, to) written more than once to the same store: effects applied twice. */
    long writtenTwice(long from, long to) throws SQLException {
        try (Connection c = postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM (SELECT store_id, price FROM fault_write_log"
                        + " WHERE price >= ? AND price < ? GROUP BY store_id, price HAVING count(*) > 1) twice")) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Up to five operations of the bulks recorded more than once, with what they say: what a failure shows. */
    String twiceExamples(Collection<UUID> bulks) throws SQLException {
        try (Connection c = postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT id, status, attempts, result_message, started_at, finished_at"
                        + " FROM operation WHERE bulk_uuid = ANY (?) AND attempts > 1 ORDER BY id LIMIT 5")) {
            s.setArray(1, uuids(c, bulks));
            StringBuilder examples = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    examples.append(String.format("[id %d status %d attempts %d '%s' started %s finished %s]", rs.getInt(1),
                            rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            return examples + writtenTwiceExamples();
        }
    }

    private String writtenTwiceExamples() throws SQLException {
        try (Connection c = postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT l.store_id, l.price, string_agg(l.product_id || ' at ' || l.at"
                        + " || ' sku ' || coalesce(p.sku, '?') || ' tx ' || coalesce(l.tx::text, '?'), '; ') FROM fault_write_log l"
                        + " LEFT JOIN catalog_product p ON p.id = l.product_id"
                        + " WHERE (l.store_id, l.price) IN (SELECT store_id, price FROM fault_write_log GROUP BY 1, 2 HAVING count(*) > 1)"
                        + " GROUP BY 1, 2 ORDER BY max(l.at) DESC LIMIT 3")) {
            StringBuilder examples = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    examples.append(String.format(" {store %d price %s: %s}", rs.getInt(1), rs.getString(2), rs.getString(3)));
                }
            }
            return examples.toString();
        }
    }

    long scalar(String sql, Object... params) throws SQLException {
        try (Connection c = postgres.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Array uuids(Connection c, Collection<UUID> bulks) throws SQLException {
        return c.createArrayOf("uuid", bulks.toArray());
    }
}
