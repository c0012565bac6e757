package io.catalogbulk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The deployment's migration strategy (every replica runs Flyway at start, no hook Job) holds only if
 * replicas that start together do not trip over each other. Six "replicas" migrate a fresh database at the
 * same instant with the project's real migrations, on the real PostgreSQL: all succeed, each migration is
 * applied exactly once, and the schema ends at the latest version.
 */
class MigrationConcurrencyTests {

    static final int REPLICAS = 6;

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    static final String PORT = env("TEST_PG_PORT", "5432");
    static final String USER = env("TEST_PG_USER", "postgres");
    static final String PASSWORD = env("TEST_PG_PASSWORD", "");
    static final String DATABASE = env("TEST_PG_DATABASE", "catalog_bulk_test") + "_migrate";

    static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    @Test
    void replicasStartingTogetherApplyEachMigrationOnce() throws Exception {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        String location = "filesystem:" + Project.file("schema/src/main/resources/db/migration");
        CyclicBarrier start = new CyclicBarrier(REPLICAS);
        ExecutorService pool = Executors.newFixedThreadPool(REPLICAS);
        List<Future<MigrateResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < REPLICAS; i++) {
                results.add(pool.submit(() -> {
                    Flyway flyway = Flyway.configure().dataSource(url(DATABASE), USER, PASSWORD).locations(location).load();
                    start.await();
                    return flyway.migrate();
                }));
            }
            int applied = 0;
            for (Future<MigrateResult> result : results) {
                MigrateResult migrate = result.get(120, TimeUnit.SECONDS);
                assertEquals(true, migrate.success);
                applied += migrate.migrationsExecuted;
            }
            int migrations = migrationFiles();
            assertEquals(migrations, applied, "every migration applied once across all replicas");
            try (Connection c = DriverManager.getConnection(url(DATABASE), USER, PASSWORD);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*), count(distinct version), bool_and(success)"
                            + " from flyway_schema_history where version is not null")) {
                rs.next();
                assertEquals(migrations, rs.getInt(1), "one history row per migration");
                assertEquals(migrations, rs.getInt(2));
                assertEquals(true, rs.getBoolean(3));
            }
        } finally {
            pool.shutdownNow();
            dropQuietly();
        }
    }

    static int migrationFiles() throws Exception {
        try (var files = java.nio.file.Files.list(Project.file("schema/src/main/resources/db/migration"))) {
            return (int) files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+(_\\d+)*__.*\\.sql"))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)).size();
        }
    }

    static void dropQuietly() {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        } catch (SQLException e) {
            // Left for the next run, which drops it first.
        }
    }
}
