package io.catalogbulk.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.catalogbulk.embedded.broker.AmqpBroker;
import io.catalogbulk.embedded.postgres.PostgresServer;

/**
 * PostgreSQL and an AMQP 0-9-1 broker for the three services where neither is installed: {@code bin/start --embedded}
 * and the embedded end-to-end tests use it. For trying the API, not for production (docs/embedded.md).
 * <pre>
 *   java -jar embedded-infra.jar start [options]   start both in the background; returns once they accept logins
 *   java -jar embedded-infra.jar stop  [options]   stop them (the data stays)
 *   java -jar embedded-infra.jar run   [options]   run both in the foreground until stopped (SIGTERM, Ctrl-C)
 * </pre>
 * Options: {@value InfraSettings#USAGE} (see {@link InfraSettings}). While both run, {@code DIR/infra.env} holds the
 * settings for the services; the log is {@code DIR/infra.log}.
 */
public final class EmbeddedInfra {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    /**
     * The background process's JVM. The quick compiler only: the broker started in 4-8 s instead of 17-20 s on a
     * busy 2-core machine, where the optimizing compiler's threads competed with the start for the cores.
     */
    private static final String DEFAULT_JAVA_OPTIONS =
            "-Xmx256m -XX:MaxDirectMemorySize=256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private EmbeddedInfra() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("start", "stop", "run").contains(args[0])) {
            System.err.println("usage: embedded-infra start|stop|run " + InfraSettings.USAGE);
            System.exit(2);
        }
        InfraSettings settings;
        try {
            settings = InfraSettings.parse(Arrays.asList(args).subList(1, args.length), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("embedded-infra: " + e.getMessage());
            System.exit(2);
            return;
        }
        int exit = switch (args[0]) {
            case "start" -> start(settings);
            case "stop" -> stop(settings);
            default -> run(settings);
        };
        System.exit(exit);
    }

    private static String seconds(long sinceNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - sinceNanos) / 1e9);
    }

    private static void say(String message) {
        System.out.println("[embedded] " + message);
    }

    // --- run: both servers in this process -------------------------------------------------------------------

    private static int run(InfraSettings settings) throws Exception {
        Files.createDirectories(settings.directory());
        try (FileChannel lockChannel = FileChannel.open(settings.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                System.err.println("[embedded] another process already runs the embedded infrastructure in " + settings.directory());
                return 1;
            }
            Files.deleteIfExists(settings.environmentFile());
            Files.writeString(settings.pidFile(), ProcessHandle.current().pid() + "\n");
            String password = Credentials.password(settings, System.getenv());
            PostgresServer postgres = new PostgresServer(settings.postgresDirectory(), settings.postgresPort(), password,
                    EmbeddedInfra::say);
            AmqpBroker broker = new AmqpBroker(settings.brokerDirectory(), settings.amqpPort(), ServiceSettings.BROKER_USER,
                    password);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shutDown(settings, broker, postgres);
                stopped.countDown();
            }, "embedded-infra-stop"));
            try {
                long began = System.nanoTime();
                postgres.start();
                postgres.createDatabase(settings.database());
                say("PostgreSQL is up on 127.0.0.1:" + settings.postgresPort() + " (database " + settings.database() + ") after "
                        + seconds(began));
                began = System.nanoTime();
                broker.start();
                say("AMQP 0-9-1 broker is up on 127.0.0.1:" + settings.amqpPort() + " (user " + ServiceSettings.BROKER_USER
                        + ") after " + seconds(began));
                ServiceSettings.write(settings.environmentFile(), ServiceSettings.of(settings, password));
            } catch (Exception e) {
                System.err.println("[embedded] could not start: " + e.getMessage());
                e.printStackTrace();
                return 1; // the shutdown hook stops whatever did start
            }
            say("ready; settings for the services in " + settings.environmentFile());
            stopped.await();
            return 0;
        }
    }

    /** Broker first (it may still be writing its store), then PostgreSQL; the files that say "running" last. */
    private static void shutDown(InfraSettings settings, AmqpBroker broker, PostgresServer postgres) {
        try {
            Files.deleteIfExists(settings.environmentFile());
        } catch (IOException e) {
            System.err.println("[embedded] " + e.getMessage());
        }
        try {
            broker.close();
        } catch (RuntimeException e) {
            System.err.println("[embedded] stopping the broker: " + e.getMessage());
        }
        try {
            postgres.close();
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("[embedded] stopping PostgreSQL: " + e.getMessage());
        }
        try {
            Files.deleteIfExists(settings.pidFile());
        } catch (IOException e) {
            System.err.println("[embedded] " + e.getMessage());
        }
        say("stopped");
    }

    // --- start: run in a background process ------------------------------------------------------------------

    private static int start(InfraSettings settings) throws Exception {
        Files.createDirectories(settings.directory());
        Optional<ProcessHandle> running = runningProcess(settings);
        Process child = null;
        if (running.isPresent()) {
            say("already running (pid " + running.get().pid() + ") in " + settings.directory());
        } else {
            Files.deleteIfExists(settings.environmentFile());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            String javaOptions = System.getenv().getOrDefault("EMBEDDED_JAVA_OPTS", DEFAULT_JAVA_OPTIONS);
            command.addAll(Arrays.asList(javaOptions.trim().split("\\s+")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), EmbeddedInfra.class.getName(), "run"));
            command.addAll(settings.asArguments());
            child = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            say("starting PostgreSQL and the AMQP broker in " + settings.directory() + " (log " + settings.logFile() + ")");
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.isRegularFile(settings.environmentFile())) {
            boolean alive = child != null ? child.isAlive() : running.get().isAlive();
            if (!alive || Instant.now().isAfter(deadline)) {
                System.err.println("[embedded] did not start; the end of " + settings.logFile() + ":");
                tail(settings.logFile(), 30).forEach(line -> System.err.println("  " + line));
                if (child != null) {
                    child.destroy();
                }
                return 1;
            }
            Thread.sleep(200);
        }
        say("PostgreSQL on 127.0.0.1:" + settings.postgresPort() + ", AMQP 0-9-1 on 127.0.0.1:" + settings.amqpPort()
                + "; settings for the services in " + settings.environmentFile());
        return 0;
    }

    // --- stop -----------------------------------------------------------------------------------------------

    private static int stop(InfraSettings settings) throws Exception {
        if (!Files.isDirectory(settings.directory())) {
            return 0;
        }
        Optional<ProcessHandle> running = runningProcess(settings);
        if (running.isPresent()) {
            ProcessHandle process = running.get();
            process.destroy();
            Instant deadline = Instant.now().plus(STOP_TIMEOUT);
            while (process.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            if (process.isAlive()) {
                System.err.println("[embedded] pid " + process.pid() + " did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s; killing it");
                process.destroyForcibly();
            }
            say("stopped (pid " + process.pid() + ")");
        }
        // A run killed earlier (kill -9, a crash) leaves its PostgreSQL server behind.
        PostgresServer.stopLeftover(settings.postgresDirectory(), EmbeddedInfra::say);
        Files.deleteIfExists(settings.environmentFile());
        Files.deleteIfExists(settings.pidFile());
        return 0;
    }

    /**
     * The process running the embedded infrastructure in this directory, if any. The lock it holds is what counts:
     * a pid file can outlive its process, and the pid be reused.
     */
    private static Optional<ProcessHandle> runningProcess(InfraSettings settings) throws IOException {
        if (!Files.isRegularFile(settings.lockFile())) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(settings.lockFile(), StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock != null) {
                return Optional.empty();
            }
        }
        if (!Files.isRegularFile(settings.pidFile())) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readString(settings.pidFile()).trim());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read it: " + e.getMessage() + ")");
        }
    }
}
