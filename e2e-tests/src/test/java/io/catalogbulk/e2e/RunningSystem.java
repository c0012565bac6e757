package io.catalogbulk.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The three packaged services ({@code target/quarkus-app/quarkus-run.jar}) started as separate processes
 * against the real PostgreSQL and RabbitMQ, exactly as an operator runs them: configured by environment
 * variables only. A fresh database and broker names of the run's own keep the run independent of anything
 * else on the machine. Logs go to {@code e2e-tests/target/e2e-logs}.
 */
final class RunningSystem implements AutoCloseable {

    static final String DATABASE = TestEnvironment.env("TEST_E2E_DATABASE", "catalog_bulk_e2e");

    final int ingestPort;
    final int workerPort;
    final int statusPort;
    private final TestEnvironment.BrokerNames brokerNames;
    private final List<Process> processes = new ArrayList<>();

    private RunningSystem() throws IOException {
        ingestPort = freePort();
        workerPort = freePort();
        statusPort = freePort();
        brokerNames = TestEnvironment.brokerNames("e2e");
    }

    private static RunningSystem shared;

    /**
     * One running system for every end-to-end test class of the JVM: starting three services takes most of a
     * minute on a loaded machine, so test classes share it (each uses SKUs of its own). It stops when the JVM exits.
     */
    static synchronized RunningSystem shared() throws Exception {
        if (shared == null) {
            RunningSystem system = start();
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "e2e-system-stop"));
            shared = system;
        }
        return shared;
    }

    static RunningSystem start() throws Exception {
        TestEnvironment.recreateDatabase(DATABASE);
        RunningSystem system = new RunningSystem();
        try {
            // Ingest first: its Flyway run creates the schema the other two then validate against.
            system.launch("ingest", system.ingestPort);
            system.awaitReady("ingest", system.ingestPort);
            system.launch("worker", system.workerPort);
            system.launch("status", system.statusPort);
            system.awaitReady("worker", system.workerPort);
            system.awaitReady("status", system.statusPort);
            return system;
        } catch (Exception | AssertionError e) {
            system.close();
            throw e;
        }
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    String statusUrl() {
        return "http://127.0.0.1:" + statusPort;
    }

    private void launch(String service, int port) throws IOException {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify)");
        }
        Path logs = root.resolve("e2e-tests/target/e2e-logs");
        Files.createDirectories(logs);
        TestEnvironment.KeyFiles keys = TestEnvironment.keys();

        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        env.putAll(environment(keys));
        env.put(service.toUpperCase() + "_PORT", String.valueOf(port));
        builder.redirectErrorStream(true);
        builder.redirectOutput(logs.resolve(service + ".log").toFile());
        processes.add(builder.start());
    }

    private Map<String, String> environment(TestEnvironment.KeyFiles keys) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", TestEnvironment.jdbcUrl(DATABASE));
        env.put("DB_USER", TestEnvironment.PG_USER);
        env.put("DB_PASSWORD", TestEnvironment.PG_PASSWORD);
        env.put("RABBITMQ_HOST", TestEnvironment.RABBIT_HOST);
        env.put("RABBITMQ_PORT", String.valueOf(TestEnvironment.RABBIT_PORT));
        env.put("BROKER_EXCHANGE", brokerNames.exchange());
        env.put("BROKER_QUEUE", brokerNames.queue());
        env.put("TOKEN_PUBLIC_KEY_LOCATION", keys.publicKey().toUri().toString());
        env.put("TOKEN_PRIVATE_KEY_LOCATION", keys.privateKey().toUri().toString());
        env.put("ADMIN_USERNAME", "admin");
        env.put("ADMIN_PASSWORD", "admin123");
        // Customer password hashing dominates a customer bulk; the cost is a deployment choice, not behaviour.
        env.put("PASSWORD_HASH_COST", "6");
        return env;
    }

    private void awaitReady(String service, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a service exited with " + process.exitValue()
                            + " while " + service + "-service was starting; see e2e-tests/target/e2e-logs");
                }
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + "-service not ready after 90 s; see e2e-tests/target/e2e-logs");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        TestEnvironment.deleteBrokerNames(brokerNames);
    }
}
