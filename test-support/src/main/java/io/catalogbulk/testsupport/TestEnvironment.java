package io.catalogbulk.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The real services of the machine, as tests use them: PostgreSQL (a test database created if missing),
 * RabbitMQ (an exchange and queue per test run, so runs never consume each other's messages) and a
 * token key pair generated once per JVM.
 */
public final class TestEnvironment {

    public static final String PG_HOST = env("TEST_PG_HOST", "127.0.0.1");
    public static final String PG_PORT = env("TEST_PG_PORT", "5432");
    public static final String PG_USER = env("TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = env("TEST_PG_PASSWORD", "");
    public static final String RABBIT_HOST = env("TEST_RABBITMQ_HOST", "127.0.0.1");
    public static final int RABBIT_PORT = Integer.parseInt(env("TEST_RABBITMQ_PORT", "5672"));
    public static final String RABBIT_USERNAME = env("TEST_RABBITMQ_USERNAME", "guest");
    public static final String RABBIT_PASSWORD = env("TEST_RABBITMQ_PASSWORD", "guest");

    private static KeyFiles keys;

    private TestEnvironment() {
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), PG_USER, PG_PASSWORD);
    }

    /** Drops and re-creates a database: for suites that must start from an empty schema. */
    public static void recreateDatabase(String database) {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            statement.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot re-create database " + database, e);
        }
    }

    /** Exchange and queue names of their own for one test run. */
    public static BrokerNames brokerNames(String prefix) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return new BrokerNames("test." + prefix + "." + suffix, "test." + prefix + ".operations." + suffix);
    }

    public record BrokerNames(String exchange, String queue) {

        /** The interactive queue the services derive from the queue's name (catalog-bulk.broker.interactive-queue). */
        public String interactiveQueue() {
            return queue + ".interactive";
        }

        /** Its exchange, derived from the exchange's name. */
        public String interactiveExchange() {
            return exchange + ".interactive";
        }
    }

    /** A connection to the test broker, named for the broker's connection list. */
    public static com.rabbitmq.client.Connection brokerConnection(String clientName)
            throws IOException, java.util.concurrent.TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RABBIT_HOST);
        factory.setPort(RABBIT_PORT);
        factory.setUsername(RABBIT_USERNAME);
        factory.setPassword(RABBIT_PASSWORD);
        return factory.newConnection(clientName);
    }

    /** Removes a test run's exchange and queue. */
    public static void deleteBrokerNames(BrokerNames names) {
        try (com.rabbitmq.client.Connection connection = brokerConnection("test cleanup");
                Channel channel = connection.createChannel()) {
            channel.queueDelete(names.queue());
            channel.queueDelete(names.queue() + ".dlq");
            channel.queueDelete(names.interactiveQueue());
            channel.exchangeDelete(names.exchange());
            channel.exchangeDelete(names.interactiveExchange());
        } catch (Exception e) {
            // Best effort: a leftover test queue holds no one's data.
        }
    }

    /** RSA key pair for signing and verifying tokens, as PEM files, generated once per JVM. */
    public static synchronized KeyFiles keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path dir = Files.createTempDirectory("catalog-bulk-keys");
                Path publicKey = dir.resolve("token-public.pem");
                Path privateKey = dir.resolve("token-private.pem");
                Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                keys = new KeyFiles(publicKey, privateKey, pair);
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("Cannot generate token keys", e);
            }
        }
        return keys;
    }

    public record KeyFiles(Path publicKey, Path privateKey, KeyPair pair) {
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
