package io.catalogbulk.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.catalogbulk.testsupport.ServiceProcesses;
import io.catalogbulk.testsupport.ServiceProcesses.ServiceProcess;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The three packaged services ({@code target/quarkus-app/quarkus-run.jar}) started as separate processes
 * against the real PostgreSQL and RabbitMQ, exactly as an operator runs them: configured by environment
 * variables only. A fresh database and broker names of the run's own keep the run independent of anything
 * else on the machine. Logs go to {@code e2e-tests/target/e2e-logs}.
 * <p>
 * In the {@code embedded-e2e} profile the PostgreSQL and broker are the embedded pair (module embedded-infra),
 * started here on the ports the test environment names, and the services get the settings the pair hands out
 * (as bin/start --embedded does).
 */
final class RunningSystem implements AutoCloseable {

    static final String DATABASE = TestEnvironment.env("TEST_E2E_DATABASE", "catalog_bulk_e2e");

    final int ingestPort;
    final int workerPort;
    final int statusPort;
    private final TestEnvironment.BrokerNames brokerNames;
    private final ServiceProcesses processes;
    private final EmbeddedPair embedded;

    private RunningSystem(TestEnvironment.BrokerNames brokerNames, ServiceProcesses processes, EmbeddedPair embedded,
            ServiceProcess ingest, ServiceProcess worker, ServiceProcess status) {
        this.brokerNames = brokerNames;
        this.processes = processes;
        this.embedded = embedded;
        this.ingestPort = ingest.port();
        this.workerPort = worker.port();
        this.statusPort = status.port();
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
        return start(DATABASE, Map.of(), System.getProperty("e2e.logs", "e2e-tests/target/e2e-logs"));
    }

    /**
     * Like {@link #start()} on a database of the caller's, with settings that replace the standard ones (for example
     * {@code DB_URL} pointed at a connection pooler) and logs in a directory of the caller's (relative to the project).
     */
    static RunningSystem start(String database, Map<String, String> overrides, String logDirectory) throws Exception {
        Map<String, String> environment = new HashMap<>();
        EmbeddedPair embedded = EmbeddedPair.requested() ? EmbeddedPair.ofTestEnvironment() : null;
        if (embedded != null) {
            embedded.startFresh();
            environment.putAll(embedded.serviceSettings());
        }
        TestEnvironment.BrokerNames brokerNames = null;
        ServiceProcesses processes = null;
        try {
            TestEnvironment.recreateDatabase(database);
            brokerNames = TestEnvironment.brokerNames("e2e");
            environment.putAll(ServiceProcesses.environment(database, brokerNames));
            environment.putAll(overrides);
            // Customer password hashing dominates a customer bulk; the cost is a deployment choice, not behaviour.
            environment.put("PASSWORD_HASH_COST", "6");
            Path root = Path.of(System.getProperty("project.root", ".."));
            Path logs = root.resolve(logDirectory);
            processes = new ServiceProcesses(root, logs, environment, "512m");
            // Ingest first: its Flyway run creates the schema the other two then validate against. It forwards the
            // status routes to status-service, as bin/start runs it, so every test uses one base URL.
            int statusPort = ServiceProcesses.freePort();
            ServiceProcess ingest = processes.start("ingest", Map.of("STATUS_FORWARD_URL", "http://127.0.0.1:" + statusPort));
            ServiceProcess worker = processes.launch("worker", Map.of());
            // The console's import pages forward to ingest-service.
            ServiceProcess status = processes.launch("status", Map.of("INGEST_URL", "http://127.0.0.1:" + ingest.port()), statusPort);
            processes.awaitReady(worker);
            processes.awaitReady(status);
            return new RunningSystem(brokerNames, processes, embedded, ingest, worker, status);
        } catch (Exception | AssertionError e) {
            if (processes != null) {
                processes.close();
            }
            if (brokerNames != null) {
                TestEnvironment.deleteBrokerNames(brokerNames);
            }
            if (embedded != null) {
                embedded.stop();
            }
            throw e;
        }
    }

    /**
     * The one base URL of every route, as a Magento client is configured (bin/start's address): ingest-service, which
     * forwards the status routes to status-service by the shared routing table.
     */
    String baseUrl() {
        return ingestUrl();
    }

    /** ingest-service's own address. */
    String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    /** status-service's own address (tests go through {@link #baseUrl()}, as clients do). */
    String statusUrl() {
        return "http://127.0.0.1:" + statusPort;
    }

    /** One more worker process on the same database and broker (its own settings added), ready when this returns. */
    ServiceProcess startWorker(Map<String, String> extraEnvironment) throws Exception {
        return processes.start("worker", extraEnvironment);
    }

    /** Stops a process started by {@link #startWorker} (SIGTERM, then SIGKILL after the grace period). */
    void stop(ServiceProcess process) {
        processes.stop(process, java.time.Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        processes.close();
        TestEnvironment.deleteBrokerNames(brokerNames);
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("[e2e] stopping the embedded pair: " + e.getMessage());
            }
        }
    }
}
