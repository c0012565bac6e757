package io.catalogbulk.fault;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.rabbitmq.client.Address;

/**
 * A 3-node RabbitMQ cluster of the suite's own, run with {@code bin/rabbit-cluster} (the script operators use for
 * trials): node names {@code cbfault<random>N@localhost} and free ports of its own (CLUSTER_NAME, CLUSTER_PORTS), so
 * it never touches the machine's broker on 5672 or a cluster someone started with the script's defaults. Started and
 * removed by the scenario that uses it.
 */
final class RabbitCluster implements AutoCloseable {

    private final Path root;
    private final Path log;
    private final String name;
    private final List<Integer> ports;

    private RabbitCluster(Path root, String name, List<Integer> ports) throws IOException {
        this.root = root;
        this.name = name;
        this.ports = ports;
        this.log = root.resolve("fault-tests/target/fault-logs/rabbit-cluster.log");
        Files.createDirectories(log.getParent());
    }

    static RabbitCluster start(Path root) throws Exception {
        RabbitCluster cluster = new RabbitCluster(root, "cbfault" + UUID.randomUUID().toString().substring(0, 6), freePorts());
        try {
            cluster.script(240, "start");
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** RABBITMQ_ADDRESSES of the three nodes. */
    String addresses() {
        return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    List<Address> nodes() {
        return ports.stream().map(port -> new Address("127.0.0.1", port)).toList();
    }

    /** The node (1..3) whose member leads quorum queue {@code queue}. */
    int leaderOf(String queue) throws Exception {
        return Integer.parseInt(script(60, "leader", queue).trim());
    }

    /** stop_app: the node leaves, its clients are disconnected, its queue members stop. */
    void stopNode(int node) throws Exception {
        script(120, "stop-node", String.valueOf(node));
    }

    void startNode(int node) throws Exception {
        script(180, "start-node", String.valueOf(node));
    }

    /** Runs bin/rabbit-cluster with this cluster's name and ports; returns its standard output. */
    private String script(int timeoutSeconds, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/rabbit-cluster").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
        builder.environment().put("CLUSTER_NAME", name);
        builder.environment().put("CLUSTER_PORTS", ports.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/rabbit-cluster " + String.join(" ", arguments) + " took over " + timeoutSeconds + " s");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        Files.writeString(log, "$ bin/rabbit-cluster " + String.join(" ", arguments) + "\n" + output,
                java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bin/rabbit-cluster " + String.join(" ", arguments) + " exited with " + process.exitValue()
                    + "; see " + log);
        }
        return output;
    }

    /**
     * Three AMQP ports whose distribution ports (AMQP + 20000, as the script derives them) are free too, below the
     * ephemeral range so that the sum stays a valid port.
     */
    private static List<Integer> freePorts() throws IOException {
        List<Integer> found = new ArrayList<>();
        for (int port = 20_000 + (int) (Math.random() * 20_000); found.size() < 3 && port < 45_000; port++) {
            if (free(port) && free(port + 20_000)) {
                found.add(port);
                port += 1;
            }
        }
        if (found.size() < 3) {
            throw new IllegalStateException("no three free port pairs for the cluster");
        }
        return found;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            script(120, "stop");
        } catch (Exception e) {
            System.err.println("Stopping the fault suite's RabbitMQ cluster: " + e.getMessage());
        }
    }
}
