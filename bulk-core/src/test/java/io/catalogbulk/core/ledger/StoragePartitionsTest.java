package io.catalogbulk.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The partitioned operation storage of V96-V99 (docs/partitioning.md) on a database of its own: a database holding
 * bulks before the conversion keeps every row, count and trigger behaviour afterwards; weekly partitions are created
 * once however many callers ask at once; and retention drops exactly the partitions none of whose bulks is left.
 */
class StoragePartitionsTest {

    private static final String DATABASE = ServiceTestResource.DATABASE + "_partitions";
    private static final String TOPIC = LedgerDatabase.TOPIC;

    private static PGSimpleDataSource pg;
    private static UUID legacyBulk;

    private final StoragePartitions partitions = new StoragePartitions();
    private final ExpiredBulks expired = new ExpiredBulks();

    /** Migrated to V95, a bulk with one complete and two open operations stored, then migrated to the end. */
    @BeforeAll
    static void convertADatabaseHoldingABulk() throws Exception {
        TestEnvironment.recreateDatabase(DATABASE);
        pg = new PGSimpleDataSource();
        pg.setUrl(TestEnvironment.jdbcUrl(DATABASE));
        pg.setUser(TestEnvironment.PG_USER);
        pg.setPassword(TestEnvironment.PG_PASSWORD);
        Flyway.configure().dataSource(pg).target(MigrationVersion.fromVersion("95")).load().migrate();
        legacyBulk = UUID.randomUUID();
        execute("INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, publish_lease_until)"
                + " VALUES ('" + legacyBulk + "', 1, 2, 'Topic " + TOPIC + "', 3, now())");
        execute("INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, status) VALUES"
                + " ('" + legacyBulk + "', 0, '" + TOPIC + "', '{}', 1, 'implicit', 1),"
                + " ('" + legacyBulk + "', 1, '" + TOPIC + "', '{}', 1, 'implicit', 4),"
                + " ('" + legacyBulk + "', 2, '" + TOPIC + "', '{}', 1, 'implicit', 4)");
        Flyway.configure().dataSource(pg).load().migrate();
    }

    StoragePartitionsTest() {
        partitions.dataSource = pg;
        expired.dataSource = pg;
    }

    @Test
    void rowsStoredBeforeTheConversionAreReadCountedAndUpdatedThroughTheNewTables() throws Exception {
        assertEquals("operation_legacy", one("SELECT DISTINCT tableoid::regclass::text FROM operation WHERE bulk_uuid = '" + legacyBulk + "'"));
        assertEquals("2", one("SELECT sum(delta) FROM bulk_status_delta WHERE bulk_uuid = '" + legacyBulk + "' AND status = 4"));

        UUID newBulk = bulk("now()", 4, 4);
        assertTrue(one("SELECT DISTINCT tableoid::regclass::text FROM operation WHERE bulk_uuid = '" + newBulk + "'")
                .startsWith("operation_p"), "a bulk accepted now is stored in this week's partition");

        // One statement finishing operations in both partitions: each partition gets its bulk's differences, and
        // the statement-level triggers on the parent fire once.
        execute("UPDATE operation SET status = 1 WHERE (bulk_uuid = '" + legacyBulk + "' AND id = 1) OR (bulk_uuid = '" + newBulk + "' AND id = 0)");
        assertEquals("1,2", one("SELECT string_agg(s::text, ',') FROM (SELECT sum(delta) s FROM bulk_status_delta WHERE bulk_uuid = '"
                + legacyBulk + "' GROUP BY status ORDER BY status DESC) x"));
        assertEquals("1,1", one("SELECT string_agg(s::text, ',') FROM (SELECT sum(delta) s FROM bulk_status_delta WHERE bulk_uuid = '"
                + newBulk + "' GROUP BY status ORDER BY status DESC) x"));
        assertEquals("bulk_status_delta_legacy", one("SELECT DISTINCT tableoid::regclass::text FROM bulk_status_delta WHERE bulk_uuid = '" + legacyBulk + "'"));

        // (bulk_uuid, id) stays unique: all rows of a bulk share its start time.
        SQLException duplicate = assertThrows(SQLException.class, () -> execute(
                "INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, bulk_start_time)"
                        + " SELECT uuid, 0, '" + TOPIC + "', '{}', 1, 'implicit', start_time FROM bulk WHERE uuid = '" + newBulk + "'"));
        assertEquals("23505", duplicate.getSQLState());
    }

    @Test
    void weeklyPartitionsAreCreatedOnceHoweverManyReplicasAskAtOnce() throws Exception {
        // The migration and afterMigrate created this week and the three after it: nothing is missing.
        assertEquals(0, partitions.ensure(2));
        assertTrue(partitions.weeksCovered() >= 3, "covered: " + partitions.weeksCovered());

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> partitions.ensure(6)));
            }
            int created = 0;
            for (Future<Integer> call : calls) {
                created += call.get();
            }
            assertEquals(6, created, "weeks 4 to 6 ahead, for both tables, once");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(one("SELECT count(*) FROM storage_partition"), one("SELECT count(*) FROM pg_inherits i"
                + " WHERE i.inhparent IN ('operation'::regclass, 'bulk_status_delta'::regclass)"));
    }

    @Test
    void retentionDropsAPartitionOnlyOnceNoneOfItsBulksIsLeft() throws Exception {
        // Two old weeks of their own: 2001-01-01 holds a finished bulk and one with an open operation, 2001-01-08 a
        // finished one.
        one("SELECT storage_partitions_ensure('2001-01-01 00:00:00+00', '2001-01-15 00:00:00+00')");
        UUID finished = bulk("'2001-01-02 10:00:00+00'", 1, 3);
        UUID stillOpen = bulk("'2001-01-03 10:00:00+00'", 1, 4);
        UUID finishedLater = bulk("'2001-01-09 10:00:00+00'", 1);

        expired.deleteFinished(60, 500);
        assertEquals(0, count("bulk", finished) + count("bulk", finishedLater));
        assertEquals(1, count("bulk", stillOpen), "an expired bulk with an open operation is kept");

        List<String> dropped = partitions.dropExpired(60);
        assertTrue(dropped.containsAll(List.of("operation_p20010108", "bulk_status_delta_p20010108")), dropped.toString());
        assertTrue(!dropped.contains("operation_p20010101"), "the open bulk keeps its week: " + dropped);
        assertEquals(0, count("operation", finishedLater));
        assertEquals(2, count("operation", finished), "the finished neighbour of a kept bulk waits with it");
        assertEquals("0", one("SELECT count(*) FROM pg_class WHERE relname IN ('operation_p20010108', 'bulk_status_delta_p20010108')"));
        assertEquals("0", one("SELECT count(*) FROM storage_partition WHERE partition_name LIKE '%_p20010108'"));

        execute("UPDATE operation SET status = 1 WHERE bulk_uuid = '" + stillOpen + "'");
        expired.deleteFinished(60, 500);
        dropped = partitions.dropExpired(60);
        assertTrue(dropped.containsAll(List.of("operation_p20010101", "bulk_status_delta_p20010101")), dropped.toString());
        assertEquals(0, count("operation", finished) + count("operation", stillOpen));
        assertTrue(partitions.dropExpired(60).isEmpty(), "nothing left to drop");
    }

    @Test
    void aDetachACrashInterruptedIsFinishedByTheNextRun() throws Exception {
        one("SELECT storage_partitions_ensure('2002-01-07 00:00:00+00', '2002-01-14 00:00:00+00')");
        bulk("'2002-01-08 10:00:00+00'", 1);
        expired.deleteFinished(60, 500);
        // What a crash between the two transactions of DETACH ... CONCURRENTLY leaves (cancelled while waiting for
        // a reader of the partition, the detach stays pending).
        try (Connection reader = pg.getConnection(); Connection detacher = pg.getConnection()) {
            reader.setAutoCommit(false);
            try (Statement read = reader.createStatement()) {
                read.execute("SELECT count(*) FROM operation");
            }
            try (Statement detach = detacher.createStatement()) {
                detach.setQueryTimeout(2);
                assertThrows(SQLException.class, () -> detach.execute("ALTER TABLE operation DETACH PARTITION operation_p20020107 CONCURRENTLY"));
            }
            reader.rollback();
        }
        assertEquals("t", one("SELECT inhdetachpending FROM pg_inherits WHERE inhrelid = 'operation_p20020107'::regclass"));

        List<String> dropped = partitions.dropExpired(60);
        assertTrue(dropped.containsAll(List.of("operation_p20020107", "bulk_status_delta_p20020107")), dropped.toString());
        assertEquals("0", one("SELECT count(*) FROM pg_class WHERE relname = 'operation_p20020107'"));
    }

    /** A bulk started at {@code startTime} (SQL) with one operation per status, written as the services do. */
    private static UUID bulk(String startTime, int... statuses) throws SQLException {
        UUID uuid = UUID.randomUUID();
        try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, start_time, publish_lease_until)"
                    + " VALUES ('" + uuid + "', 1, 2, 'Topic " + TOPIC + "', " + statuses.length + ", " + startTime + ", now())");
            for (int id = 0; id < statuses.length; id++) {
                statement.execute("INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, status, bulk_start_time)"
                        + " SELECT uuid, " + id + ", '" + TOPIC + "', '{}', 1, 'implicit', " + statuses[id] + ", start_time FROM bulk"
                        + " WHERE uuid = '" + uuid + "'");
            }
            connection.commit();
        }
        return uuid;
    }

    private static long count(String table, UUID bulk) throws SQLException {
        return Long.parseLong(one("SELECT count(*) FROM " + table + " WHERE " + (table.equals("bulk") ? "uuid" : "bulk_uuid") + " = '" + bulk + "'"));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String one(String sql) throws SQLException {
        try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
