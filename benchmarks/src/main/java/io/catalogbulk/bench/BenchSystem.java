package io.catalogbulk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.testsupport.ServiceProcesses;
import io.catalogbulk.testsupport.ServiceProcesses.ServiceProcess;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The system under test: the three packaged services started as processes on a fresh database and broker
 * names of the run's own, an HTTP client with an admin token, and a database connection to see when
 * operations are finished (the benchmark measures until the data is saved, not until a status poll notices).
 */
final class BenchSystem implements AutoCloseable {

    static final String DATABASE = TestEnvironment.env("BENCH_DATABASE", "catalog_bulk_bench");
    private static final int OPEN = OperationStatus.OPEN.code();
    private static final String FAILED = OperationStatus.RETRIABLY_FAILED.code() + ", " + OperationStatus.NOT_RETRIABLY_FAILED.code()
            + ", " + OperationStatus.REJECTED.code();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceProcesses processes;
    private final TestEnvironment.BrokerNames brokerNames;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Connection db;
    final ServiceProcess ingest;
    final ServiceProcess status;
    private final String token;
    private final AutoAnalyze autoAnalyze;

    private BenchSystem(ServiceProcesses processes, TestEnvironment.BrokerNames brokerNames, ServiceProcess ingest,
            ServiceProcess status, Connection db) throws Exception {
        this.autoAnalyze = AutoAnalyze.whenAutovacuumIsOff(DATABASE);
        if (autoAnalyze.active()) {
            System.out.println("PostgreSQL runs with autovacuum = off: the benchmark analyzes tables when autovacuum would (AutoAnalyze)");
        }
        this.processes = processes;
        this.brokerNames = brokerNames;
        this.ingest = ingest;
        this.status = status;
        this.db = db;
        this.token = adminToken();
    }

    static BenchSystem start(Path root) throws Exception {
        return start(root, Map.of());
    }

    /** Services with these settings on top (the fairness phase on another queue type); fresh database and names. */
    static BenchSystem start(Path root, Map<String, String> settings) throws Exception {
        TestEnvironment.recreateDatabase(DATABASE);
        TestEnvironment.BrokerNames names = TestEnvironment.brokerNames("bench");
        Map<String, String> environment = new java.util.HashMap<>(ServiceProcesses.environment(DATABASE, names));
        environment.putAll(settings);
        ServiceProcesses processes = new ServiceProcesses(root, root.resolve("benchmarks/target/service-logs"), environment,
                TestEnvironment.env("BENCH_SERVICE_HEAP", "512m"));
        try {
            // Ingest first: its Flyway run creates the schema the others validate.
            ServiceProcess ingest = processes.start("ingest");
            processes.start("worker");
            ServiceProcess status = processes.start("status");
            return new BenchSystem(processes, names, ingest, status, TestEnvironment.connect(DATABASE));
        } catch (Exception | Error e) {
            processes.close();
            throw e;
        }
    }

    /** Every service process the system runs (ingest, workers, status). */
    List<ServiceProcess> processes() {
        return processes.running();
    }

    /** The bearer token the benchmark calls with (the load generator sends the same). */
    String token() {
        return token;
    }

    /** How many operations the database holds in total, and how many of them are in this status. */
    long operations(OperationStatus status) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("SELECT count(*) FROM operation"
                + (status == null ? "" : " WHERE status = " + status.code()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The operations queue of the run (its depth is what the soak samples). */
    String queue() {
        return brokerNames.queue();
    }

    int workerCount() {
        return (int) processes.running().stream().filter(p -> p.service().equals("worker")).count();
    }

    /** Starts worker processes until {@code count} run (the end-to-end measurement with 1 and 2 workers). */
    void scaleWorkers(int count) throws Exception {
        while (workerCount() < count) {
            processes.start("worker");
        }
        while (workerCount() > count) {
            ServiceProcess last = processes.running().stream().filter(p -> p.service().equals("worker"))
                    .reduce((a, b) -> b).orElseThrow();
            processes.stop(last, Duration.ofSeconds(30));
        }
    }

    /**
     * Replaces every worker process by {@code count} new ones with these extra settings (the contention measurement
     * runs the same workload with ORDERING_ENABLED on and off).
     */
    void restartWorkers(int count, Map<String, String> environment) throws Exception {
        for (ServiceProcess worker : processes.running().stream().filter(p -> p.service().equals("worker")).toList()) {
            processes.stop(worker, Duration.ofSeconds(30));
        }
        for (int i = 0; i < count; i++) {
            processes.start("worker", environment);
        }
    }

    HttpResponse<String> put(String path, byte[] body) throws Exception {
        return send("PUT", ingest.url() + "/rest" + path, body, true);
    }

    /** Of these SKUs, how many do not show {@code price} in the default store view (where PUT writes it). */
    long notAtPrice(List<String> skus, int price) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT count(*) FROM unnest(?::text[]) AS s(sku)"
                + " LEFT JOIN catalog_product p ON lower(p.sku) = lower(s.sku)"
                + " LEFT JOIN catalog_product_store_value v ON v.product_id = p.id AND v.store_id = 1"
                + " WHERE v.price IS DISTINCT FROM ?")) {
            query.setArray(1, db.createArrayOf("text", skus.toArray()));
            query.setBigDecimal(2, java.math.BigDecimal.valueOf(price));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String adminToken() throws Exception {
        HttpResponse<String> response = send("POST", ingest.url() + "/rest/V1/integration/admin/token",
                "{\"username\":\"admin\",\"password\":\"admin123\"}".getBytes(StandardCharsets.UTF_8), false);
        expect(response, 200);
        return JSON.readValue(response.body(), String.class);
    }

    HttpResponse<String> post(String path, byte[] body) throws Exception {
        return send("POST", ingest.url() + "/rest" + path, body, true);
    }

    /** Streams a file as the request body (the import upload): the benchmark never holds the file in memory. */
    HttpResponse<String> upload(String path, Path file, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingest.url() + "/rest" + path)).timeout(Duration.ofMinutes(30))
                .header("Content-Type", contentType).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request to a store's scope ({@code /rest/<store>/...}), e.g. the store-view PUTs of the import comparison. */
    HttpResponse<String> postInStore(String store, String path, String method, String body) throws Exception {
        return send(method, ingest.url() + "/rest/" + store + path, body.getBytes(StandardCharsets.UTF_8), true);
    }

    /** The ids of the categories a product is in, lowest first. */
    long[] categoryIdsOf(String sku) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT l.category_id FROM catalog_category_product l "
                + "JOIN catalog_product p ON p.id = l.product_id WHERE lower(p.sku) = lower(?) ORDER BY l.category_id")) {
            query.setString(1, sku);
            try (ResultSet rs = query.executeQuery()) {
                List<Long> ids = new java.util.ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                return ids.stream().mapToLong(Long::longValue).toArray();
            }
        }
    }

    HttpResponse<String> getStatus(String path) throws Exception {
        return send("GET", status.url() + "/rest" + path, null, true);
    }

    private HttpResponse<String> send(String method, String url, byte[] body, boolean authorized) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (authorized) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(HttpResponse<String> response, int status) {
        expect(response, status, status);
    }

    static void expect(HttpResponse<String> response, int status, int alternative) {
        if (response.statusCode() != status && response.statusCode() != alternative) {
            String body = response.body();
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + status + "): "
                    + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
        }
    }

    /** The bulk_uuid of a 202 answer. */
    static UUID bulkUuid(HttpResponse<String> accepted) throws Exception {
        expect(accepted, 202);
        JsonNode node = JSON.readTree(accepted.body());
        if (node.path("errors").asBoolean(false)) {
            throw new IllegalStateException("The bulk was accepted with errors: " + accepted.body().substring(0, 300));
        }
        return UUID.fromString(node.path("bulk_uuid").asText());
    }

    /**
     * Waits until every operation of the given bulks is complete (Magento's status 1; 4 is open); fails if one did
     * not complete. Polls the database with an interval that grows with the time waited, so a short wait is
     * measured to a few ms. A poll only asks whether any operation is still open, which the (bulk, status, id)
     * index answers at its first entry; counting the open ones on every poll took database CPU, growing with the
     * bulk, from the system being measured (docs/benchmarks.md, step 12). The finished operations are counted
     * once, at the end, to check that none failed.
     */
    void awaitComplete(List<UUID> bulks, long operations, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (PreparedStatement anyOpen = db.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM operation WHERE bulk_uuid = ANY(?) AND status = " + OPEN + " LIMIT 1)");
                PreparedStatement failed = db.prepareStatement(
                        "SELECT count(*) FROM operation WHERE bulk_uuid = ANY(?) AND status IN (" + FAILED + ")");
                PreparedStatement total = db.prepareStatement("SELECT count(*) FROM operation WHERE bulk_uuid = ANY(?)")) {
            Array uuids = db.createArrayOf("uuid", bulks.toArray());
            anyOpen.setArray(1, uuids);
            failed.setArray(1, uuids);
            total.setArray(1, uuids);
            try (ResultSet rs = total.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != operations) {
                    throw new IllegalStateException(rs.getLong(1) + " operations stored, " + operations + " expected");
                }
            }
            while (true) {
                try (ResultSet rs = anyOpen.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        break;
                    }
                }
                long waited = System.nanoTime() - start;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Operations still open after " + timeout);
                }
                // At most every 200 ms: a 0.2% error on a 100,000-operation bulk.
                Thread.sleep(Math.max(2, Math.min(200, waited / 1_000_000 / 100)));
            }
            try (ResultSet rs = failed.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException(rs.getLong(1) + " operations failed; see benchmarks/target/service-logs");
                }
            }
        }
    }

    /** How an import ended: its rows that failed, and the first failure's message. */
    record ImportOutcome(long failed, String firstError) {
    }

    /**
     * Waits until an import is split (its job left {@code queued} and {@code splitting}) and no operation of its bulk is
     * open. Its failed rows are counted and reported, not thrown: a benchmark row that fails is a figure to show.
     */
    ImportOutcome awaitImport(UUID importUuid, UUID bulk, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (PreparedStatement state = db.prepareStatement("SELECT state FROM import_job WHERE uuid = ?");
                PreparedStatement anyOpen = db.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM operation WHERE bulk_uuid = ? AND status = " + OPEN + " LIMIT 1)");
                PreparedStatement failed = db.prepareStatement("SELECT count(*), min(result_message) FROM operation "
                        + "WHERE bulk_uuid = ? AND status IN (" + FAILED + ")")) {
            state.setObject(1, importUuid);
            anyOpen.setObject(1, bulk);
            failed.setObject(1, bulk);
            while (true) {
                String current;
                try (ResultSet rs = state.executeQuery()) {
                    rs.next();
                    current = rs.getString(1);
                }
                if (current.equals("failed")) {
                    throw new IllegalStateException("The import failed; see benchmarks/target/service-logs");
                }
                if (!current.equals("queued") && !current.equals("splitting")) {
                    try (ResultSet rs = anyOpen.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            break;
                        }
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Import still running after " + timeout);
                }
                Thread.sleep(Math.max(2, Math.min(200, (System.nanoTime() - start) / 1_000_000 / 100)));
            }
            try (ResultSet rs = failed.executeQuery()) {
                rs.next();
                return new ImportOutcome(rs.getLong(1), rs.getString(2));
            }
        }
    }

    /** The highest peak RSS of the worker processes running now. */
    long peakWorkerRssBytes() {
        return processes.running().stream().filter(p -> p.service().equals("worker")).mapToLong(ServiceProcess::peakRssBytes).max()
                .orElse(0);
    }

    /** How many of these SKUs exist as products: the benchmark checks the data, not only the statuses. */
    long savedProducts(List<String> skus) throws SQLException {
        // A join on the SKU index: "lower(sku) = ANY(?)" with 100,000 SKUs compares every row with every SKU.
        try (PreparedStatement query = db.prepareStatement(
                "SELECT count(*) FROM unnest(?::text[]) AS s(sku) JOIN catalog_product p ON lower(p.sku) = s.sku")) {
            query.setArray(1, db.createArrayOf("text", skus.stream().map(String::toLowerCase).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Operations of the bulk still open (status 4). */
    long openOperations(UUID bulk) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND status = " + OPEN)) {
            query.setObject(1, bulk);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Where a one-operation request's time went, from the rows it left: accepted (the bulk's start, its transaction) to
     * marked published (after the broker's confirm), to the worker's transaction start, to its outcome; in ms.
     */
    double[] requestTimeline(UUID bulk) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT extract(epoch FROM b.published_at - b.start_time) * 1000,"
                + " extract(epoch FROM o.started_at - b.start_time) * 1000, extract(epoch FROM o.finished_at - b.start_time) * 1000"
                + " FROM bulk b JOIN operation o ON o.bulk_uuid = b.uuid WHERE b.uuid = ?")) {
            query.setObject(1, bulk);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
            }
        }
    }

    /**
     * Waits until no operation is open, so one measurement does not pay for the previous one's backlog, then
     * vacuums and analyzes every table: otherwise autovacuum of the previous phase's rows runs during the next one.
     */
    void quiesce() throws Exception {
        quiesce(Duration.ofMinutes(10));
    }

    /** As {@link #quiesce()}, waiting at most {@code limit} for the backlog to drain. */
    void quiesce(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Statement statement = db.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM operation WHERE status = " + OPEN)) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        statement.execute("VACUUM ANALYZE");
                        return;
                    }
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Operations still open after " + limit);
    }

    @Override
    public void close() {
        autoAnalyze.close();
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        processes.close();
        TestEnvironment.deleteBrokerNames(brokerNames);
    }
}
