package io.catalogbulk.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogbulk.testsupport.PgBouncer;
import io.catalogbulk.testsupport.TestEnvironment;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The three packaged services with their pools pointed at a PgBouncer in transaction pooling mode (a private one,
 * on a port of its own, with 4 server connections per database) and their migrations on a direct connection
 * ({@code DB_MIGRATION_URL}), as docs/deployment.md "Connection budget" describes: a bulk and an import followed from
 * POST to their final state with status reads, then PgBouncer's own counters show the work went through it and no
 * service logged a session-state failure (a prepared statement or setting missing on the server connection it got).
 */
class PgBouncerEndToEndIT {

    static final String DATABASE = RunningSystem.DATABASE + "_pgbouncer";
    static final String LOGS = "e2e-tests/target/e2e-logs-pgbouncer";
    static final int SERVER_CONNECTIONS = 4;
    static final String MIGRATION_APPLICATION = "catalog-bulk-migration";

    private static ConnectionSampler startup;
    /** Authenticated reads this test made: each checks its token in the database, a transaction of its own at least. */
    private static final AtomicInteger READS = new AtomicInteger();

    private static PgBouncer bouncer;
    private static RunningSystem system;
    private static String bearer;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("project.root", ".."));
        bouncer = PgBouncer.startTransactionMode(SERVER_CONNECTIONS, root.resolve(LOGS).resolve("pgbouncer.log"));
        // The migrations' connections carry an application name of their own, so they can be counted.
        try (ConnectionSampler sampler = new ConnectionSampler()) {
            system = RunningSystem.start(DATABASE, Map.of(
                    "DB_URL", bouncer.jdbcUrl(DATABASE),
                    "DB_MIGRATION_URL", TestEnvironment.jdbcUrl(DATABASE) + "?ApplicationName=" + MIGRATION_APPLICATION), LOGS);
            startup = sampler;
        }
        System.out.printf("[e2e] starting the three services through PgBouncer: at most %d direct migration connections"
                + " and %d connections in all to %s at once (%d of them not the migrations')%n", startup.maxMigration,
                startup.maxTotal, DATABASE, startup.maxOther);
        bearer = "Bearer " + given().baseUri(system.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "admin123"))
                .post("/rest/V1/integration/admin/token")
                .then().statusCode(200).extract().as(String.class);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (bouncer != null) {
            bouncer.close();
        }
    }

    @Test
    void bulkImportAndStatusReadsWorkThroughTransactionPooling() throws Exception {
        assertEquals("transaction", config("pool_mode"));
        long transactionsBefore = transactionsThroughBouncer();
        int readsBefore = READS.get();

        String prefix = "pgb-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add(Map.of("product", Map.of("sku", prefix + i, "name", "Pooled product " + i, "price", 10 + i,
                    "status", 1, "visibility", 4, "type_id", "simple", "attribute_set_id", 4)));
        }
        String bulkUuid = given().baseUri(system.baseUrl()).header("Authorization", bearer).contentType(ContentType.JSON)
                .body(items).post("/rest/async/bulk/V1/products")
                .then().statusCode(202).body("errors", equalTo(false)).extract().path("bulk_uuid");
        JsonPath status = awaitBulk(bulkUuid);
        assertEquals(2, status.getInt("extension_attributes.bulk_status"), "finished successfully");
        assertEquals(300, status.getInt("extension_attributes.counts.complete"));
        assertEquals("300", read("/rest/V1/bulk/" + bulkUuid + "/operation-status/1").asString());
        JsonPath detailed = read("/rest/V1/bulk/" + bulkUuid + "/detailed-status").jsonPath();
        assertEquals(prefix + "150", JsonPath.from(detailed.getString("operations_list[150].result_serialized_data")).getString("sku"));
        assertEquals(160, read("/rest/V1/products/" + prefix + "150").jsonPath().getInt("price"));

        String imported = importProducts(prefix + "imp-", 500);
        JsonPath importStatus = read("/rest/V1/import/" + imported).jsonPath();
        assertEquals("complete_with_errors", importStatus.getString("status"));
        assertEquals(490, importStatus.getInt("counts.complete"));
        assertEquals(10, importStatus.getInt("counts.failed"));
        assertEquals(50, importStatus.getInt("errors[0].row"));
        String failedRows = read("/rest/V1/import/" + imported + "/failed-rows").asString();
        assertEquals(11, failedRows.lines().count(), failedRows);
        assertEquals(790, countRows("SELECT count(*) FROM catalog_product WHERE sku LIKE ?", prefix + "%"));

        long transactions = transactionsThroughBouncer() - transactionsBefore;
        List<Map<String, String>> servers = bouncerRows("SERVERS");
        List<Map<String, String>> clients = bouncerRows("CLIENTS");
        System.out.printf("[e2e] through PgBouncer (transaction mode, %d server connections): %d transactions for a"
                + " 300-product bulk and a 500-row import (%d of the test's reads among them); %d client connections of the"
                + " three services, %d server connections%n", SERVER_CONNECTIONS, transactions, READS.get() - readsBefore,
                clients.size(), servers.size());
        // A lower bound that does not depend on how the worker batches: the reads alone were that many transactions.
        int reads = READS.get() - readsBefore;
        assertTrue(transactions >= reads, "the services' transactions went through PgBouncer: " + transactions
                + " for " + reads + " authenticated reads, besides the submits and the worker's batches");
        assertTrue(servers.size() <= SERVER_CONNECTIONS, "server connections " + servers);
        try (Connection pooled = DriverManager.getConnection(bouncer.jdbcUrl(DATABASE), TestEnvironment.PG_USER,
                TestEnvironment.PG_PASSWORD); ResultSet rs = pooled.createStatement().executeQuery("SHOW lock_timeout")) {
            rs.next();
            assertEquals("10s", rs.getString(1), "PgBouncer's connect_query gives every server connection the services' lock_timeout");
        }
        assertNoSessionStateErrors();
        assertTrue(startup.maxMigration >= 1, "the migrations ran on their direct connection");
        assertTrue(startup.maxOther <= SERVER_CONNECTIONS,
                "apart from the migrations, PostgreSQL saw only PgBouncer's server connections: " + startup.maxOther);
    }

    /**
     * Samples pg_stat_activity of the test database every 10 ms while the services start: the most connections at
     * once, and the most of them the migrations held (the figure docs/deployment.md's budget counts per starting pod).
     */
    static final class ConnectionSampler implements AutoCloseable {
        volatile int maxTotal;
        volatile int maxMigration;
        /** The most connections at once that were not the migrations' (PgBouncer's server connections). */
        volatile int maxOther;
        private volatile boolean running = true;
        private final Thread thread;

        ConnectionSampler() {
            thread = new Thread(() -> {
                try (Connection admin = TestEnvironment.connect("postgres");
                        PreparedStatement query = admin.prepareStatement("SELECT count(*), count(*) FILTER (WHERE"
                                + " application_name = ?) FROM pg_stat_activity WHERE datname = ?")) {
                    query.setString(1, MIGRATION_APPLICATION);
                    query.setString(2, DATABASE);
                    while (running) {
                        try (ResultSet rs = query.executeQuery()) {
                            rs.next();
                            maxTotal = Math.max(maxTotal, rs.getInt(1));
                            maxMigration = Math.max(maxMigration, rs.getInt(2));
                            maxOther = Math.max(maxOther, rs.getInt(1) - rs.getInt(2));
                        }
                        Thread.sleep(10);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("sampling pg_stat_activity", e);
                }
            }, "pg-connection-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }

    /** Uploads and starts a CSV import of {@code rows} products (every fiftieth row invalid); waits until it is done. */
    private static String importProducts(String skuPrefix, int rows) {
        StringBuilder csv = new StringBuilder("product.sku,product.name,product.price,product.status,product.visibility,"
                + "product.type_id,product.attribute_set_id\n");
        for (int row = 1; row <= rows; row++) {
            csv.append(skuPrefix).append(row).append(",Imported ").append(row).append(',')
                    .append(row % 50 == 0 ? "not-a-price" : String.valueOf(5 + row)).append(",1,4,simple,4\n");
        }
        String source = given().baseUri(system.baseUrl()).header("Authorization", bearer).contentType("text/csv")
                .queryParam("filename", "pooled.csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/rest/V1/import/sources")
                .then().statusCode(201).body("rows", equalTo(rows)).extract().path("uuid");
        String imported = given().baseUri(system.baseUrl()).header("Authorization", bearer).contentType(ContentType.JSON)
                .body("{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\"}}")
                .post("/rest/V1/import/sources/" + source + "/start")
                .then().statusCode(202).extract().path("import_uuid");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String state = read("/rest/V1/import/" + imported).jsonPath().getString("status");
            return state.startsWith("complete") || state.equals("failed");
        });
        return imported;
    }

    private static JsonPath awaitBulk(String bulkUuid) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = read("/rest/V1/bulk/" + bulkUuid + "/status").jsonPath();
            return last[0].getInt("extension_attributes.bulk_status") >= 2;
        });
        return last[0];
    }

    private static io.restassured.response.Response read(String path) {
        READS.incrementAndGet();
        return given().baseUri(system.baseUrl()).header("Authorization", bearer).get(path)
                .then().statusCode(200).extract().response();
    }

    private static String config(String key) throws Exception {
        return bouncer.show("CONFIG").stream().filter(row -> key.equals(row.get("key"))).findFirst()
                .orElseThrow().get("value");
    }

    private static long transactionsThroughBouncer() throws Exception {
        Thread.sleep(2_500); // PgBouncer refreshes its totals every stats_period (1 s here)
        return bouncer.show("STATS").stream().filter(row -> DATABASE.equals(row.get("database")))
                .mapToLong(row -> Long.parseLong(row.get("total_xact_count"))).sum();
    }

    private static List<Map<String, String>> bouncerRows(String listing) throws Exception {
        return bouncer.show(listing).stream().filter(row -> DATABASE.equals(row.get("database"))).toList();
    }

    /**
     * What transaction pooling breaks shows up as these PostgreSQL errors in a service's log: a server-side prepared
     * statement made on another server connection, or a cursor or temporary table that did not follow the client.
     */
    private static void assertNoSessionStateErrors() throws IOException {
        Path logs = Path.of(System.getProperty("project.root", "..")).resolve(LOGS);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(file -> !file.getFileName().toString().startsWith("pgbouncer")).toList()) {
                String text = Files.readString(log);
                for (String failure : List.of("prepared statement \"S_", "portal \"C_", "cursor \"C_")) {
                    assertFalse(text.contains(failure), log + " contains '" + failure + "'");
                }
            }
        }
    }

    private static long countRows(String sql, String parameter) throws Exception {
        try (Connection connection = TestEnvironment.connect(DATABASE);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
