package io.catalogbulk.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The packaged command ({@code java -jar target/embedded-infra.jar start|stop}) as bin/start and the embedded
 * end-to-end tests run it: a background process that hands the services their settings, survives being killed
 * without losing what the broker confirmed or PostgreSQL committed, and stops completely.
 */
class EmbeddedInfraIT {

    /** One directory for all tests: each starts from the data the previous left (unpacking and initdb happen once). */
    @TempDir
    static Path directory;

    private static int postgresPort;
    private static int amqpPort;

    @BeforeAll
    static void ports() throws IOException {
        // As root PostgreSQL runs as nobody, which must reach the directory (JUnit makes it owner-only).
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        postgresPort = freePort();
        amqpPort = freePort();
    }

    @AfterEach
    void stopEverything() throws Exception {
        command("stop");
    }

    @Test
    void startsOnceHandsOutSettingsAndStopsCompletely() throws Exception {
        Result started = command("start");
        assertEquals(0, started.exit(), started.output());
        Properties settings = settings();
        assertEquals("jdbc:postgresql://127.0.0.1:" + postgresPort + "/catalog_bulk", settings.getProperty("DB_URL"));
        assertEquals(String.valueOf(amqpPort), settings.getProperty("RABBITMQ_PORT"));
        assertEquals("0", settings.getProperty("BROKER_MAX_PRIORITY"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("infra.env"))));
        try (Connection connection = DriverManager.getConnection(settings.getProperty("DB_URL"), settings.getProperty("DB_USER"),
                settings.getProperty("DB_PASSWORD"))) {
            assertTrue(connection.isValid(5));
        }
        try (var connection = broker(settings).newConnection("EmbeddedInfraIT")) {
            assertTrue(connection.isOpen());
        }

        Result again = command("start");
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("already running"), again.output());

        Result stopped = command("stop");
        assertEquals(0, stopped.exit(), stopped.output());
        assertFalse(Files.exists(directory.resolve("infra.env")));
        assertFalse(listening(postgresPort), "PostgreSQL still listens");
        assertFalse(listening(amqpPort), "the broker still listens");
    }

    @Test
    void losesNothingConfirmedOrCommittedWhenKilled() throws Exception {
        assertEquals(0, command("start").exit());
        Properties settings = settings();
        try (Connection connection = DriverManager.getConnection(settings.getProperty("DB_URL"), settings.getProperty("DB_USER"),
                settings.getProperty("DB_PASSWORD")); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS kept (id int)");
            statement.execute("INSERT INTO kept VALUES (1)");
        }
        try (var connection = broker(settings).newConnection("EmbeddedInfraIT")) {
            Channel channel = connection.createChannel();
            channel.queueDeclare("kept", true, false, false, null);
            channel.confirmSelect();
            for (int i = 0; i < 100; i++) {
                channel.basicPublish("", "kept", new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        ("operation " + i).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(10_000);
        }

        // kill -9: no shutdown hook runs; the PostgreSQL server it started is left behind, and stop stops it.
        long pid = Long.parseLong(Files.readString(directory.resolve("infra.pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        assertTrue(listening(postgresPort), "PostgreSQL outlives the killed process");
        Result stopped = command("stop");
        assertEquals(0, stopped.exit(), stopped.output());
        assertFalse(listening(postgresPort), "PostgreSQL still listens");

        Result restarted = command("start");
        assertEquals(0, restarted.exit(), restarted.output());
        Properties after = settings();
        try (Connection connection = DriverManager.getConnection(after.getProperty("DB_URL"), after.getProperty("DB_USER"),
                after.getProperty("DB_PASSWORD")); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM kept")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
        try (var connection = broker(after).newConnection("EmbeddedInfraIT")) {
            assertEquals(100, connection.createChannel().queueDeclarePassive("kept").getMessageCount());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result command(String command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("embedded.infra.jar"), command, "--dir", directory.toString(),
                "--postgres-port", String.valueOf(postgresPort), "--amqp-port", String.valueOf(amqpPort)));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(6, TimeUnit.MINUTES));
        return new Result(process.exitValue(), output);
    }

    private static Properties settings() throws IOException {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(directory.resolve("infra.env"))) {
            settings.load(reader);
        }
        return settings;
    }

    private static ConnectionFactory broker(Properties settings) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.getProperty("RABBITMQ_HOST"));
        factory.setPort(Integer.parseInt(settings.getProperty("RABBITMQ_PORT")));
        factory.setUsername(settings.getProperty("RABBITMQ_USERNAME"));
        factory.setPassword(settings.getProperty("RABBITMQ_PASSWORD"));
        return factory;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
