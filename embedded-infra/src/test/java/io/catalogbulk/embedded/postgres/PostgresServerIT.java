package io.catalogbulk.embedded.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real PostgreSQL server of the embedded infrastructure: a password, the project's locale, data across restarts. */
class PostgresServerIT {

    private static final String PASSWORD = "postgres-test-password";

    @TempDir
    Path directory;

    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void reachableForTheServerAccount() throws Exception {
        // As root the server runs as nobody, which must reach the directory (JUnit makes it owner-only).
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void keepsCommittedDataAcrossARestartAndAsksForThePassword() throws Exception {
        int port = freePort();
        try (PostgresServer server = new PostgresServer(directory, port, PASSWORD, log::add)) {
            server.start();
            server.createDatabase("catalog_bulk");
            server.createDatabase("catalog_bulk"); // idempotent
            try (Connection connection = server.connect("catalog_bulk"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (sku text PRIMARY KEY)");
                statement.execute("INSERT INTO kept VALUES ('MS-Champ-S')");
                assertEquals("15", single(statement, "SELECT current_setting('server_version_num')::int / 10000"));
                // The locale of the PostgreSQL the project is tested on: Unicode case mapping for lower(sku).
                assertEquals("C.UTF-8", single(statement, "SELECT datcollate FROM pg_database WHERE datname = 'catalog_bulk'"));
                assertEquals("élan", single(statement, "SELECT lower('ÉLAN')"));
            }
            assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl("catalog_bulk"), "postgres", ""));
            assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl("catalog_bulk"), "postgres", "wrong"));
        }

        try (PostgresServer again = new PostgresServer(directory, port, PASSWORD, log::add)) {
            again.start();
            try (Connection connection = again.connect("catalog_bulk"); Statement statement = connection.createStatement()) {
                assertEquals("MS-Champ-S", single(statement, "SELECT sku FROM kept"));
            }
        }
        assertTrue(log.stream().anyMatch(line -> line.startsWith("creating a PostgreSQL cluster")), log.toString());
    }

    @Test
    void stopsAServerLeftRunningByAnEarlierProcess() throws Exception {
        int port = freePort();
        PostgresServer first = new PostgresServer(directory, port, PASSWORD, log::add);
        first.start();
        // The process that started it goes away without stopping it (kill -9): the next start takes over.
        int otherPort = freePort();
        try (PostgresServer second = new PostgresServer(directory, otherPort, PASSWORD, log::add)) {
            second.start();
            try (Connection connection = second.connect("postgres"); Statement statement = connection.createStatement()) {
                assertEquals(String.valueOf(otherPort), single(statement, "SELECT current_setting('port')"));
            }
        }
        assertTrue(log.stream().anyMatch(line -> line.startsWith("stopping a PostgreSQL server left running")), log.toString());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(first.jdbcUrl("postgres"), "postgres", PASSWORD));
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
