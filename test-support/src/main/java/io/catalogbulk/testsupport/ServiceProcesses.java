package io.catalogbulk.testsupport;

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

/**
 * Starts packaged services ({@code <service>-service/target/quarkus-app/quarkus-run.jar}) as separate processes,
 * configured by environment variables only, as an operator runs them. Used by suites that need the real
 * processes: to kill one, start a second worker, or read a process's peak memory.
 * <p>
 * {@code SERVICE_JAVA_OPTS} adds JVM options to every process; {@code {service}} in it is replaced by the
 * service name (e.g. {@code -XX:StartFlightRecording=filename=/tmp/{service}.jfr} to profile a run).
 */
public final class ServiceProcesses implements AutoCloseable {

    /** One started process of a service. */
    public record ServiceProcess(String service, int port, Process process) {

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        /** Highest resident set size of the process so far (Linux VmHWM), in bytes; -1 if unknown. */
        public long peakRssBytes() {
            Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException gone) {
                // the process ended or this is not Linux
            }
            return -1;
        }
    }

    private final Path root;
    private final Path logs;
    private final Map<String, String> environment;
    private final String heap;
    private final List<ServiceProcess> started = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param root        the project directory holding the service modules
     * @param logs        where each process writes {@code <service>[-n].log}
     * @param environment the configuration every process gets (database, broker, keys, ...)
     * @param heap        maximum heap of each process, e.g. {@code 512m}
     */
    public ServiceProcesses(Path root, Path logs, Map<String, String> environment, String heap) {
        this.root = root.toAbsolutePath().normalize();
        this.logs = logs;
        this.environment = Map.copyOf(environment);
        this.heap = heap;
        // A harness killed with Ctrl-C must not leave services running against its database.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(p -> p.process().destroyForcibly()),
                "stop-service-processes"));
    }

    /** Starts {@code <service>-service} on a free port and waits until it reports ready. */
    public ServiceProcess start(String service) throws Exception {
        return start(service, Map.of());
    }

    /** Like {@link #start(String)}, with extra environment variables for this process only. */
    public ServiceProcess start(String service, Map<String, String> extraEnvironment) throws Exception {
        ServiceProcess process = launch(service, extraEnvironment);
        awaitReady(process);
        return process;
    }

    /** Starts a process without waiting for it; call {@link #awaitReady(ServiceProcess)} later. */
    public ServiceProcess launch(String service, Map<String, String> extraEnvironment) throws IOException {
        return launch(service, extraEnvironment, freePort());
    }

    /**
     * Like {@link #launch(String, Map)} on a port chosen beforehand (from {@link #freePort()}), for a process whose
     * address another one must be given first (ingest forwards status routes to status-service's).
     */
    public ServiceProcess launch(String service, Map<String, String> extraEnvironment, int port) throws IOException {
        Path jar = root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        String javaOpts = System.getenv("SERVICE_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            for (String option : javaOpts.trim().split("\\s+")) {
                command.add(option.replace("{service}", service + "-" + port));
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.putAll(environment);
        env.putAll(extraEnvironment);
        env.put(service.toUpperCase() + "_PORT", String.valueOf(port));
        builder.redirectErrorStream(true);
        long sameService = started.stream().filter(p -> p.service().equals(service)).count();
        String logName = sameService == 0 ? service + ".log" : service + "-" + (sameService + 1) + ".log";
        builder.redirectOutput(logs.resolve(logName).toFile());
        ServiceProcess process = new ServiceProcess(service, port, builder.start());
        started.add(process);
        return process;
    }

    /** Waits until the process answers 200 on {@code /q/health/ready}; fails fast if any process exits. */
    public void awaitReady(ServiceProcess target) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(target.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            for (ServiceProcess process : started) {
                if (!process.process().isAlive()) {
                    throw new IllegalStateException(process.service() + "-service exited with " + process.process().exitValue()
                            + " while " + target.service() + "-service was starting; see " + logs);
                }
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(target.service() + "-service not ready after 120 s; see " + logs);
    }

    /** Stops one process the way an orchestrator does (SIGTERM, then SIGKILL after the grace period). */
    public void stop(ServiceProcess process, Duration grace) {
        process.process().destroy();
        try {
            if (!process.process().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.process().destroyForcibly();
        }
        started.remove(process);
    }

    public List<ServiceProcess> running() {
        return List.copyOf(started);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The environment a service needs to reach the test PostgreSQL and RabbitMQ with a run's own names. */
    public static Map<String, String> environment(String database, TestEnvironment.BrokerNames brokerNames) {
        TestEnvironment.KeyFiles keys = TestEnvironment.keys();
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", TestEnvironment.jdbcUrl(database));
        env.put("DB_USER", TestEnvironment.PG_USER);
        env.put("DB_PASSWORD", TestEnvironment.PG_PASSWORD);
        env.put("RABBITMQ_HOST", TestEnvironment.RABBIT_HOST);
        env.put("RABBITMQ_PORT", String.valueOf(TestEnvironment.RABBIT_PORT));
        env.put("RABBITMQ_USERNAME", TestEnvironment.RABBIT_USERNAME);
        env.put("RABBITMQ_PASSWORD", TestEnvironment.RABBIT_PASSWORD);
        env.put("BROKER_EXCHANGE", brokerNames.exchange());
        env.put("BROKER_QUEUE", brokerNames.queue());
        env.put("TOKEN_PUBLIC_KEY_LOCATION", keys.publicKey().toUri().toString());
        env.put("TOKEN_PRIVATE_KEY_LOCATION", keys.privateKey().toUri().toString());
        env.put("ADMIN_USERNAME", "admin");
        env.put("ADMIN_PASSWORD", "admin123");
        return env;
    }

    @Override
    public void close() {
        List<ServiceProcess> all = new ArrayList<>(started);
        for (ServiceProcess process : all) {
            process.process().destroy();
        }
        for (ServiceProcess process : all) {
            try {
                if (!process.process().waitFor(30, TimeUnit.SECONDS)) {
                    process.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.process().destroyForcibly();
            }
        }
        started.clear();
    }
}
