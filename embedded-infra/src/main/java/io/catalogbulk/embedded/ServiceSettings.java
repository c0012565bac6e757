package io.catalogbulk.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.catalogbulk.embedded.postgres.PostgresServer;

/**
 * What the three services need to run against the embedded pair, as the environment variables they read
 * (README "Configuration"). bin/start exports them; the embedded end-to-end tests pass them to the services.
 */
final class ServiceSettings {

    /** The broker user the services sign in as. */
    static final String BROKER_USER = "catalog-bulk";

    private ServiceSettings() {
    }

    static Map<String, String> of(InfraSettings settings, String password) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", String.valueOf(settings.postgresPort()));
        env.put("DB_NAME", settings.database());
        env.put("DB_URL", "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/" + settings.database());
        env.put("DB_USER", PostgresServer.SUPERUSER);
        env.put("DB_PASSWORD", password);
        // The embedded server asks for a password: a JVM's first SCRAM-SHA-256 login derives the key in cold code
        // (1.2-1.9 s on a busy 2-core machine, against 0.6 s without a password), and three services starting at
        // once went past the 5 s default of waiting for a new connection.
        env.put("DB_ACQUISITION_TIMEOUT", "30S");
        env.put("RABBITMQ_HOST", "127.0.0.1");
        env.put("RABBITMQ_PORT", String.valueOf(settings.amqpPort()));
        env.put("RABBITMQ_USERNAME", BROKER_USER);
        env.put("RABBITMQ_PASSWORD", password);
        env.put("RABBITMQ_VHOST", "/");
        // The embedded broker has no priority queues and no quorum queues (docs/embedded.md).
        env.put("BROKER_MAX_PRIORITY", "0");
        env.put("BROKER_QUEUE_TYPE", "classic");
        return env;
    }

    /** Writes the settings as KEY=VALUE lines a shell can source, readable by the owner only (it holds the password). */
    static void write(Path file, Map<String, String> env) throws IOException {
        StringBuilder text = new StringBuilder("# Written by embedded-infra while it runs: the settings the services need.\n");
        env.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Credentials.writePrivate(file, text.toString());
    }
}
