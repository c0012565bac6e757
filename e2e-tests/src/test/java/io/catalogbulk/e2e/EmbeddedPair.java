package io.catalogbulk.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The embedded PostgreSQL and AMQP broker (module embedded-infra) as a test starts and stops them: through the
 * packaged command, as bin/start does. Active in the {@code embedded-e2e} profile, which names the jar in the
 * system property {@code embedded.infra.jar}.
 */
final class EmbeddedPair {

    private final Path directory;
    private final int postgresPort;
    private final int amqpPort;
    private final String password;

    /**
     * @param directory    where the pair keeps its data (kept between starts)
     * @param postgresPort PostgreSQL port on 127.0.0.1
     * @param amqpPort     AMQP port on 127.0.0.1
     * @param password     of the PostgreSQL superuser and the broker user
     */
    EmbeddedPair(Path directory, int postgresPort, int amqpPort, String password) {
        this.directory = directory;
        this.postgresPort = postgresPort;
        this.amqpPort = amqpPort;
        this.password = password;
    }

    /**
     * The pair the embedded profile's test environment points at: the ports of TEST_PG_PORT and TEST_RABBITMQ_PORT,
     * the one password of TEST_PG_PASSWORD and TEST_RABBITMQ_PASSWORD, the directory of {@code embedded.infra.dir}.
     */
    static EmbeddedPair ofTestEnvironment() {
        if (!TestEnvironment.PG_PASSWORD.equals(TestEnvironment.RABBIT_PASSWORD)) {
            throw new IllegalStateException("The embedded pair has one password: TEST_PG_PASSWORD and TEST_RABBITMQ_PASSWORD differ");
        }
        return new EmbeddedPair(Path.of(System.getProperty("embedded.infra.dir")), Integer.parseInt(TestEnvironment.PG_PORT),
                TestEnvironment.RABBIT_PORT, TestEnvironment.PG_PASSWORD);
    }

    /** Whether this test run is the embedded profile's. */
    static boolean requested() {
        String jar = System.getProperty("embedded.infra.jar");
        return jar != null && !jar.isBlank();
    }

    /** Starts the pair (or finds it running) and returns once both accept logins. */
    void start() throws IOException, InterruptedException {
        run("start");
    }

    /** Starts the pair on an empty directory: whatever an earlier run left there is stopped and deleted first. */
    void startFresh() throws IOException, InterruptedException {
        run("stop");
        if (Files.exists(directory)) {
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        run("start");
    }

    /** Stops the pair; its data stays in the directory. */
    void stop() throws IOException, InterruptedException {
        run("stop");
    }

    /** The settings the services need against the pair (DB_URL, RABBITMQ_*, BROKER_MAX_PRIORITY, ...), from its infra.env. */
    Map<String, String> serviceSettings() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(directory.resolve("infra.env"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }

    private void run(String command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("embedded.infra.jar"), command, "--dir", directory.toString(),
                "--postgres-port", String.valueOf(postgresPort), "--amqp-port", String.valueOf(amqpPort)));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("EMBEDDED_PASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(6, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("embedded-infra " + command + " failed:\n" + output);
        }
        System.out.print(output);
    }
}
