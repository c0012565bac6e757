package io.catalogbulk.fault;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The system under fault: a private PostgreSQL, the machine's RabbitMQ behind a cuttable proxy (with an exchange
 * and queue of the run's own), and the three packaged services as separate processes configured by environment
 * variables only, as an operator runs them. Workers can be added, killed with SIGKILL and started again.
 * <p>
 * {@code FAULT_SERVICE_ENV} ("NAME=value;NAME2=value") adds environment variables to every service, e.g. to raise
 * per-client limits the suite's load would otherwise hit.
 * <p>
 * On a cluster ({@link #startOnCluster}) the services get the three nodes as RABBITMQ_ADDRESSES and quorum queues
 * (BROKER_QUEUE_TYPE=quorum), as a production deployment on a RabbitMQ cluster, with a private PostgreSQL of their own.
 */
final class FaultSystem implements AutoCloseable {

    /** OAUTH_SECRETS_KEY of the run (base64 of 32 random bytes): webhook secrets are sealed with it. */
    static final String SECRETS_KEY = java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));

    /** SHUTDOWN_TIMEOUT given to every service. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    /** A running service process. */
    static final class Service {
        final String name;
        final int port;
        Process process;

        Service(String name, int port) {
            this.name = name;
            this.port = port;
        }
    }

    final PrivatePostgres postgres;
    /** The RabbitMQ the services use: the machine's, or a private node (FAULT_BROKER=private), behind this proxy. */
    final TcpProxy broker;
    final PrivateRabbit privateRabbit;
    /** Instead of the proxy: a cluster the services reach directly, node by node (null otherwise). */
    final RabbitCluster cluster;
    final TestEnvironment.BrokerNames brokerNames;
    final Service ingest;
    final Service status;
    final List<Service> workers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    private String token;

    private FaultSystem(PrivatePostgres postgres, PrivateRabbit privateRabbit, TcpProxy broker, RabbitCluster cluster) throws IOException {
        this.postgres = postgres;
        this.privateRabbit = privateRabbit;
        this.broker = broker;
        this.cluster = cluster;
        this.brokerNames = TestEnvironment.brokerNames("fault");
        this.ingest = new Service("ingest", freePort());
        this.status = new Service("status", freePort());
    }

    static FaultSystem start(boolean privateBroker) throws Exception {
        PrivatePostgres postgres = PrivatePostgres.start();
        PrivateRabbit rabbit = null;
        if (privateBroker) {
            try {
                rabbit = PrivateRabbit.start();
            } catch (Exception | AssertionError e) {
                postgres.close();
                throw e;
            }
        }
        TcpProxy proxy = rabbit == null ? new TcpProxy(TestEnvironment.RABBIT_HOST, TestEnvironment.RABBIT_PORT)
                : new TcpProxy("127.0.0.1", rabbit.port);
        return launchAll(new FaultSystem(postgres, rabbit, proxy, null));
    }

    /** The three services on a private PostgreSQL of their own and on {@code cluster}, quorum queues. */
    static FaultSystem startOnCluster(RabbitCluster cluster) throws Exception {
        return launchAll(new FaultSystem(PrivatePostgres.start(), null, null, cluster));
    }

    private static FaultSystem launchAll(FaultSystem system) throws Exception {
        try {
            // Ingest first: its Flyway run creates the schema the other two then validate against.
            system.launch(system.ingest);
            system.awaitReady(system.ingest);
            system.launch(system.status);
            system.addWorker();
            system.awaitReady(system.status);
            return system;
        } catch (Exception | AssertionError e) {
            system.close();
            throw e;
        }
    }

    Service addWorker() throws Exception {
        Service worker = new Service("worker-" + (workers.size() + 1), freePort());
        workers.add(worker);
        launch(worker);
        awaitReady(worker);
        return worker;
    }

    /** kill -9: no shutdown hook, no acknowledgement, no clean disconnect. */
    void kill(Service service) throws InterruptedException {
        service.process.destroyForcibly();
        service.process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an orchestrator stops a service; returns how long the process took to exit. */
    Duration terminate(Service service) throws InterruptedException {
        Instant signalled = Instant.now();
        service.process.destroy();
        if (!service.process.waitFor(60, TimeUnit.SECONDS)) {
            service.process.destroyForcibly();
            service.process.waitFor(20, TimeUnit.SECONDS);
        }
        return Duration.between(signalled, Instant.now());
    }

    void restart(Service service) throws Exception {
        launch(service);
        awaitReady(service);
    }

    private void launch(Service service) throws IOException {
        String kind = service.name.startsWith("worker") ? "worker" : service.name;
        Path jar = root.resolve(kind + "-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify)");
        }
        Path logs = root.resolve("fault-tests/target/fault-logs");
        Files.createDirectories(logs);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar.toString());
        builder.environment().putAll(environment());
        builder.environment().put(kind.toUpperCase() + "_PORT", String.valueOf(service.port));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service.name + ".log").toFile()));
        service.process = builder.start();
    }

    private Map<String, String> environment() {
        TestEnvironment.KeyFiles keys = TestEnvironment.keys();
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", postgres.jdbcUrl());
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "");
        if (cluster != null) {
            env.put("RABBITMQ_ADDRESSES", cluster.addresses());
            env.put("BROKER_QUEUE_TYPE", "quorum");
        } else {
            env.put("RABBITMQ_HOST", "127.0.0.1");
            env.put("RABBITMQ_PORT", String.valueOf(broker.port));
        }
        env.put("BROKER_EXCHANGE", brokerNames.exchange());
        env.put("BROKER_QUEUE", brokerNames.queue());
        env.put("TOKEN_PUBLIC_KEY_LOCATION", keys.publicKey().toUri().toString());
        env.put("TOKEN_PRIVATE_KEY_LOCATION", keys.privateKey().toUri().toString());
        env.put("ADMIN_USERNAME", "admin");
        env.put("ADMIN_PASSWORD", "admin123");
        env.put("PASSWORD_HASH_COST", "4");
        // Recovery within the suite's patience: the relay takes over an unconfirmed bulk after 5 s.
        env.put("RELAY_INTERVAL", "1s");
        env.put("RELAY_LEASE", "5s");
        env.put("LOST_RELAY_INTERVAL", "5s");
        env.put("LOST_RELAY_LOST_AFTER", "60s");
        env.put("SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s");
        // An import whose splitter was killed is taken over after 5 s; chunks small enough to be killed between.
        env.put("IMPORT_SPLIT_LEASE", "5s");
        env.put("IMPORT_SPLIT_INTERVAL", "1s");
        env.put("IMPORT_SPLIT_CHUNK_ROWS", "200");
        // Completion webhooks (scenario 12): secrets sealed with the run's key; the suite's receiver is on 127.0.0.1
        // over http; retries and leases short enough for the suite's patience.
        env.put("OAUTH_SECRETS_KEY", SECRETS_KEY);
        env.put("WEBHOOKS_ALLOW_PRIVATE", "true");
        env.put("WEBHOOKS_ALLOW_HTTP", "true");
        env.put("WEBHOOKS_POLL_INTERVAL", "1s");
        env.put("WEBHOOKS_REQUEST_TIMEOUT", "2s");
        env.put("WEBHOOKS_FIRST_RETRY_DELAY", "500ms");
        env.put("WEBHOOKS_MAX_RETRY_DELAY", "2s");
        env.put("WEBHOOKS_LEASE", "5s");
        String extra = System.getenv("FAULT_SERVICE_ENV");
        if (extra != null) {
            for (String pair : extra.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return env;
    }

    private void awaitReady(Service service) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!service.process.isAlive()) {
                throw new IllegalStateException(service.name + " exited with " + service.process.exitValue()
                        + "; see fault-tests/target/fault-logs");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service.name + " not ready after 120 s; see fault-tests/target/fault-logs");
    }

    boolean ready(Service service) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** An HTTP answer. */
    record Answer(int status, String body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    synchronized String token() throws Exception {
        if (token == null) {
            Answer answer = send("POST", "/rest/V1/integration/admin/token", "application/json",
                    "{\"username\":\"admin\",\"password\":\"admin123\"}".getBytes(StandardCharsets.UTF_8), false);
            if (answer.status() != 200) {
                throw new IllegalStateException("token: " + answer.status() + " " + answer.body());
            }
            token = answer.body().replace("\"", "");
        }
        return token;
    }

    Answer send(String method, String path, String contentType, byte[] body, boolean authorized) throws Exception {
        return send(ingest, method, path, contentType, body, authorized);
    }

    Answer send(Service service, String method, String path, String contentType, byte[] body, boolean authorized)
            throws Exception {
        return send(service, method, path, contentType, body, authorized ? "Bearer " + token() : null);
    }

    /** With the Authorization header as given (null: none). */
    Answer send(Service service, String method, String path, String contentType, byte[] body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + path))
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response);
    }

    /** A connection to the broker the services use (through the proxy, or to a live node of the cluster). */
    com.rabbitmq.client.Connection brokerConnection(String name) throws Exception {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        if (cluster != null) {
            return factory.newConnection(cluster.nodes(), name);
        }
        factory.setHost("127.0.0.1");
        factory.setPort(broker.port);
        return factory.newConnection(name);
    }

    /** The broker disappears for the services: a real stop of the private node, or the proxy cut. */
    void brokerDown() throws Exception {
        if (privateRabbit != null) {
            privateRabbit.stopApp();
        } else {
            broker.cut();
        }
    }

    void brokerUp() throws Exception {
        if (privateRabbit != null) {
            privateRabbit.startApp();
        } else {
            broker.heal();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        List<Service> all = new ArrayList<>(workers);
        all.add(ingest);
        all.add(status);
        for (Service service : all) {
            if (service.process != null) {
                service.process.destroy();
            }
        }
        for (Service service : all) {
            try {
                if (service.process != null && !service.process.waitFor(20, TimeUnit.SECONDS)) {
                    service.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                service.process.destroyForcibly();
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (privateRabbit != null) {
            privateRabbit.close();
        } else if (cluster == null) {
            // A cluster goes with its queues: whoever started it removes it.
            TestEnvironment.deleteBrokerNames(brokerNames);
        }
        postgres.close();
    }
}
