package io.catalogbulk.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of the suite's own, so a scenario can really stop and start the broker (stop_app/start_app)
 * without touching the machine's shared one: its own node name (registered in the shared epmd, which is how
 * Erlang nodes on one host coexist), AMQP and distribution ports, Mnesia and log directories, an empty plugin
 * list (no second management listener on 15672). Runs as the {@code rabbitmq} user when the suite runs as root,
 * as the packaged scripts do (and then uses that user's Erlang cookie, like the CLI). Booting takes 10-40 s, so only
 * the full profile uses it (FAULT_BROKER=private); the CI profile cuts the shared broker off behind a proxy.
 */
final class PrivateRabbit implements AutoCloseable {

    private static final Path SBIN = Path.of("/usr/lib/rabbitmq/bin");

    final int port;
    final String node;
    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private Process server;

    private PrivateRabbit(Path dir, int port) throws IOException {
        this.dir = dir;
        this.port = port;
        this.node = "catalogbulkfault" + UUID.randomUUID().toString().substring(0, 6) + "@localhost";
        int distPort = FaultSystem.freePort();
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", String.valueOf(port));
        env.put("RABBITMQ_DIST_PORT", String.valueOf(distPort));
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("plugins").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_FEATURE_FLAGS_FILE", dir.resolve("feature_flags").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("pid").toString());
    }

    static PrivateRabbit start() throws Exception {
        Path dir = Files.createTempDirectory("catalog-bulk-fault-rabbit");
        PrivateRabbit rabbit = new PrivateRabbit(dir, FaultSystem.freePort());
        Files.writeString(dir.resolve("plugins"), "[].\n");
        Files.writeString(dir.resolve("rabbitmq.conf"), "loopback_users = none\n");
        Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
        if (isRoot()) {
            run(List.of("chown", "-R", "rabbitmq:rabbitmq", dir.toString()));
            run(List.of("chmod", "755", dir.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(rabbit.command(SBIN.resolve("rabbitmq-server").toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile());
        builder.environment().putAll(rabbit.env);
        rabbit.server = builder.start();
        try {
            rabbit.awaitStartup();
        } catch (Exception e) {
            String out = "";
            try {
                out = Files.readString(dir.resolve("server.out"));
                out = out.substring(Math.max(0, out.length() - 2000));
            } catch (IOException ignored) {
                // no output
            }
            rabbit.close();
            throw new IllegalStateException(e.getMessage() + "\nserver output:\n" + out, e);
        }
        return rabbit;
    }

    /** The broker goes away as in a restart: listeners closed, every client connection dropped. */
    void stopApp() throws Exception {
        ctl("stop_app");
    }

    void startApp() throws Exception {
        ctl("start_app");
        awaitStartup();
    }

    /** await_startup fails at once while the node is not yet registered with epmd: ask again until it answers. */
    private void awaitStartup() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            try {
                ctl("await_startup", "--timeout", "120");
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline || server != null && !server.isAlive()) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private void ctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SBIN.resolve("rabbitmqctl").toString(), "-n", node));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command(command.toArray(String[]::new))).directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + new String(output));
        }
    }

    private List<String> command(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "rabbitmq", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() {
        try {
            ctl("stop");
        } catch (Exception e) {
            // not running
        }
        if (server != null) {
            try {
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
