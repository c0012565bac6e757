package io.catalogbulk.embedded.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * An AMQP 0-9-1 broker inside this JVM: Apache Qpid Broker-J, configured by {@code embedded-broker.json}.
 * <ul>
 * <li>One virtual host, reached as {@code /} (RabbitMQ's default, which the services use), whose queues, exchanges,
 * bindings and persistent messages live in a Derby database under the work directory: a message the broker
 * confirmed survives a stop, a crash (kill -9) and a restart, as on RabbitMQ. Unacknowledged messages are
 * delivered again after a restart.</li>
 * <li>One user with a password, PLAIN over plain TCP (Qpid refuses that by default; the port listens on
 * 127.0.0.1 only).</li>
 * <li>Queue arguments Qpid does not know ({@code x-queue-type}, {@code x-max-priority}) are logged and ignored
 * instead of refused: every service declares the operations queue with {@code x-queue-type: classic}. The
 * broker has no priority queue, so the services run with {@code BROKER_MAX_PRIORITY=0} against it.</li>
 * </ul>
 * No HTTP management and no broker-side dead-lettering; docs/embedded.md lists what differs from RabbitMQ.
 */
public final class AmqpBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDirectory;
    private final int port;
    private final String username;
    private final String password;
    private SystemLauncher launcher;

    /**
     * @param workDirectory where the broker keeps its store ({@code store/}) and log
     * @param port          AMQP port on 127.0.0.1
     */
    public AmqpBroker(Path workDirectory, int port, String username, String password) {
        this.workDirectory = workDirectory.toAbsolutePath();
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** Starts the broker and returns once it accepts a login on its port. */
    public void start() throws Exception {
        Files.createDirectories(workDirectory);
        // Derby writes its own log next to the store, not into the directory the process was started from.
        System.setProperty("derby.stream.error.file", workDirectory.resolve("derby.log").toString());

        AtomicReference<RuntimeException> startupError = new AtomicReference<>();
        launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void errorOnStartup(RuntimeException e) {
                startupError.set(e);
            }
        });
        Map<String, String> context = new HashMap<>();
        context.put("qpid.work_dir", workDirectory.toString());
        context.put("catalogbulk.broker.port", String.valueOf(port));
        context.put("catalogbulk.broker.username", username);
        context.put("catalogbulk.broker.password", password);
        Map<String, Object> attributes = new HashMap<>();
        // The broker's own configuration is rebuilt from embedded-broker.json at every start (port and password
        // may change); the virtual host node keeps its queues and messages in its Derby store across starts.
        attributes.put(SystemConfig.TYPE, "Memory");
        attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION,
                AmqpBroker.class.getResource("/embedded-broker.json").toExternalForm());
        attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
        attributes.put(SystemConfig.CONTEXT, context);
        launcher.startup(attributes);
        if (startupError.get() != null) {
            throw new IllegalStateException("The AMQP broker did not start: " + startupError.get().getMessage(),
                    startupError.get());
        }
        awaitLogin();
    }

    private void awaitLogin() throws InterruptedException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setConnectionTimeout(2_000);
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = factory.newConnection("embedded-infra readiness")) {
                return;
            } catch (IOException | TimeoutException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("The AMQP broker did not accept a login on 127.0.0.1:" + port + " within "
                + READY_TIMEOUT.toSeconds() + " s", last);
    }

    /** Stops the broker: connections are closed, the store is closed cleanly. */
    @Override
    public void close() {
        if (launcher != null) {
            launcher.shutdown();
            launcher = null;
        }
    }
}
