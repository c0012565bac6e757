package io.catalogbulk.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the embedded infrastructure keeps its data and which ports it listens on. Each setting comes from a
 * command-line option, else an environment variable, else its default:
 * <pre>
 *   --dir DIR              EMBEDDED_DIR             .run/embedded
 *   --postgres-port PORT   EMBEDDED_POSTGRES_PORT   55432
 *   --amqp-port PORT       EMBEDDED_AMQP_PORT       55672
 *   --database NAME        EMBEDDED_DATABASE        catalog_bulk   (created for the services)
 * </pre>
 * The ports differ from PostgreSQL's and RabbitMQ's own (5432, 5672), so the embedded pair runs beside them.
 */
record InfraSettings(Path directory, int postgresPort, int amqpPort, String database) {

    static final String USAGE = "[--dir DIR] [--postgres-port PORT] [--amqp-port PORT] [--database NAME]";

    InfraSettings {
        directory = directory.toAbsolutePath().normalize();
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be letters, digits and _: " + database);
        }
    }

    static InfraSettings parse(List<String> arguments, Map<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < arguments.size(); i++) {
            String name = arguments.get(i);
            if (!List.of("--dir", "--postgres-port", "--amqp-port", "--database").contains(name) || i + 1 == arguments.size()) {
                throw new IllegalArgumentException("unknown option or missing value: " + name);
            }
            options.put(name, arguments.get(++i));
        }
        return new InfraSettings(
                Path.of(value(options, "--dir", environment, "EMBEDDED_DIR", ".run/embedded")),
                port(value(options, "--postgres-port", environment, "EMBEDDED_POSTGRES_PORT", "55432")),
                port(value(options, "--amqp-port", environment, "EMBEDDED_AMQP_PORT", "55672")),
                value(options, "--database", environment, "EMBEDDED_DATABASE", "catalog_bulk"));
    }

    /** The same settings as command-line options, for the process that runs the servers. */
    List<String> asArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.addAll(List.of("--dir", directory.toString()));
        arguments.addAll(List.of("--postgres-port", String.valueOf(postgresPort)));
        arguments.addAll(List.of("--amqp-port", String.valueOf(amqpPort)));
        arguments.addAll(List.of("--database", database));
        return arguments;
    }

    /** The settings the services read (bin/start exports them), written once both servers are up. */
    Path environmentFile() {
        return directory.resolve("infra.env");
    }

    Path pidFile() {
        return directory.resolve("infra.pid");
    }

    /** Held by the running process for its lifetime: tells whether one runs, even after a stale pid file. */
    Path lockFile() {
        return directory.resolve("infra.lock");
    }

    Path logFile() {
        return directory.resolve("infra.log");
    }

    Path passwordFile() {
        return directory.resolve("password");
    }

    Path postgresDirectory() {
        return directory.resolve("postgres");
    }

    Path brokerDirectory() {
        return directory.resolve("broker");
    }

    private static String value(Map<String, String> options, String option, Map<String, String> environment, String variable,
            String fallback) {
        String value = options.get(option);
        if (value == null || value.isBlank()) {
            value = environment.get(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(String value) {
        int port = Integer.parseInt(value);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + value);
        }
        return port;
    }
}
