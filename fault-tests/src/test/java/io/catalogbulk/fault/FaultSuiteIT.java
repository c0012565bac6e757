package io.catalogbulk.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The fault-injection suite. Each scenario submits work through the real API, injects a fault, heals it, and
 * checks the invariants: every accepted operation reaches exactly one final status (lost = 0), no operation's
 * effect is applied twice (executed twice = 0), and entities hold what the operations wrote. Sizes come from
 * FAULT_PROFILE: {@code ci} (default, part of bin/test) or {@code full} (bin/fault-suite --full).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final boolean FULL = "full".equalsIgnoreCase(TestEnvironment.env("FAULT_PROFILE", "ci"));
    /** private: a RabbitMQ node of the suite's own that scenario 3 really stops; proxy: the shared one, cut off. */
    static final boolean PRIVATE_BROKER = "private".equalsIgnoreCase(TestEnvironment.env("FAULT_BROKER", FULL ? "private" : "proxy"));
    static final Duration SETTLE = Duration.ofMinutes(FULL ? 15 : 3);

    static FaultSystem system;
    static Ledger ledger;
    static Report report;

    @BeforeAll
    static void start() throws Exception {
        report = new Report((FULL ? "full" : "ci") + ", broker " + (PRIVATE_BROKER ? "private node (stop_app/start_app)" : "shared, behind a cut proxy"));
        system = FaultSystem.start(PRIVATE_BROKER);
        ledger = new Ledger(system.postgres);
        ledger.install();
    }

    @AfterAll
    static void stop() throws Exception {
        if (report != null) {
            report.write(Path.of(System.getProperty("project.root", "..")).resolve("fault-tests/target/fault-report.md"));
        }
        if (system != null) {
            system.close();
        }
    }

    // --- requests -----------------------------------------------------------------------------------------------

    /** A product create whose price identifies the operation (no other operation of the suite writes it). */
    static Map<String, Object> product(String sku, double price) {
        Map<String, Object> product = new HashMap<>();
        product.put("sku", sku);
        product.put("name", "Fault " + sku);
        product.put("price", price);
        product.put("status", 1);
        product.put("visibility", 4);
        product.put("type_id", "simple");
        product.put("attribute_set_id", 4);
        product.put("weight", 1);
        return Map.of("product", product);
    }

    /** Price of item i of scenario s: unique across the suite, so a price written twice is an effect applied twice. */
    static double price(int scenario, long i) {
        return scenario * 1_000_000L + i + 0.25;
    }

    static List<Map<String, Object>> products(String prefix, int scenario, int count) {
        List<Map<String, Object>> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(product(prefix + i, price(scenario, i)));
        }
        return items;
    }

    /** Posts a bulk; returns the answer (202 carries bulk_uuid). */
    static FaultSystem.Answer postBulk(String path, Object items) throws Exception {
        return system.send("POST", path, "application/json", JSON.writeValueAsBytes(items), true);
    }

    static UUID accepted(FaultSystem.Answer answer) throws Exception {
        assertEquals(202, answer.status(), answer.body());
        return UUID.fromString(JSON.readTree(answer.body()).get("bulk_uuid").asText());
    }

    static String prefix(int scenario) {
        return "F" + scenario + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    }

    /** Products of the prefix whose global price is not what their operation wrote (corrupted or missing). */
    static long wrongEntities(String prefix, int scenario) throws Exception {
        return ledger.scalar("SELECT count(*) FROM catalog_product p LEFT JOIN catalog_product_store_value v"
                + " ON v.product_id = p.id AND v.store_id = 0 WHERE p.sku LIKE ? AND (v.price IS NULL OR v.price <>"
                + " ? + substring(p.sku FROM ?)::int + 0.25)", prefix + "%", (long) scenario * 1_000_000L, prefix.length() + 1);
    }

    static long products(String prefix) throws Exception {
        return ledger.scalar("SELECT count(*) FROM catalog_product WHERE sku LIKE ?", prefix + "%");
    }

    /** Adds the scenario's row and checks its invariants. */
    static void record(String scenario, int number, String prefix, List<UUID> bulks, long accepted, Instant faultAt,
            String notes) throws Exception {
        Ledger.Counts counts = ledger.awaitSettled(bulks, accepted, SETTLE);
        Duration recovery = faultAt == null ? null : Duration.between(faultAt, Instant.now());
        long twice = ledger.writtenTwice((long) number * 1_000_000L, (long) (number + 1) * 1_000_000L) + counts.attemptsAboveOne();
        long lost = accepted - counts.complete() - counts.failed();
        long wrong = prefix == null ? 0 : wrongEntities(prefix, number);
        long created = prefix == null ? counts.complete() : products(prefix);
        report.add(new Report.Row(scenario, accepted, counts.complete(), counts.failed(), lost, twice, recovery,
                notes + (wrong > 0 ? "; " + wrong + " product(s) with a wrong price" : "")));
        assertEquals(0, lost, scenario + ": operations lost " + counts);
        assertEquals(0, twice, scenario + ": effects applied twice");
        assertEquals(0, wrong, scenario + ": products whose price is not what their operation wrote");
        assertEquals(counts.complete(), created, scenario + ": one product per completed create");
    }

    // --- 1. kill -9 a worker mid-bulk -----------------------------------------------------------------------------

    @Test
    @Order(1)
    void killedWorkerLosesNothing() throws Exception {
        int size = FULL ? 20_000 : 1_000;
        String prefix = prefix(1);
        UUID bulk = accepted(postBulk("/rest/async/bulk/V1/products", products(prefix, 1, size)));
        ledger.awaitComplete(List.of(bulk), size / 5, SETTLE);

        FaultSystem.Service worker = system.workers.get(0);
        Instant killed = Instant.now();
        system.kill(worker);
        long atKill = ledger.counts(List.of(bulk)).complete();
        system.restart(worker);

        record("1. kill -9 worker mid-bulk, restart", 1, prefix, List.of(bulk), size, killed,
                "killed at " + atKill + "/" + size + " complete");
    }

    // --- 2. two workers, overlapping redeliveries, every message twice -----------------------------------------------

    @Test
    @Order(2)
    void competingWorkersWithDuplicatesExecuteOnce() throws Exception {
        int size = FULL ? 20_000 : 1_000;
        String prefix = prefix(2);
        FaultSystem.Service second = system.workers.size() > 1 ? system.workers.get(1) : system.addWorker();
        UUID bulk = accepted(postBulk("/rest/async/bulk/V1/products", products(prefix, 2, size)));

        // Every operation's message a second time, straight into the queue both workers consume.
        try (var connection = system.brokerConnection("fault duplicate publisher"); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json").build();
            for (int i = 0; i < size; i++) {
                String body = "{\"bulk_uuid\":\"" + bulk + "\",\"id\":" + i + ",\"topic_name\":\"async.magento.catalog.api.productrepositoryinterface.save.post\","
                        + "\"store_id\":1,\"user_id\":1,\"user_type\":2}";
                channel.basicPublish(system.brokerNames.exchange(), "async.magento.catalog.api.productrepositoryinterface.save.post", persistent,
                        body.getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(60_000);
        }
        // Kill one of the two mid-run: its unacknowledged prefetch is redelivered to the other, which holds duplicates too.
        ledger.awaitComplete(List.of(bulk), size / 3, SETTLE);
        Instant killed = Instant.now();
        system.kill(second);
        system.restart(second);

        record("2. two workers, every message twice, one killed", 2, prefix, List.of(bulk), size, killed,
                "2 workers; " + size + " duplicate messages");
    }

    // --- 3. broker outage during a stream of submissions ------------------------------------------------------------

    @Test
    @Order(3)
    void brokerOutageRefusesWith503AndLosesNothingAccepted() throws Exception {
        int clients = 4;
        int perBulk = 25;
        Duration stream = Duration.ofSeconds(FULL ? 45 : 12);
        String prefix = prefix(3);
        List<UUID> bulks = Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        Set<String> unexpectedAnswers = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (running.get()) {
                    long first = sequence.getAndAdd(perBulk);
                    List<Map<String, Object>> items = new ArrayList<>();
                    for (long i = first; i < first + perBulk; i++) {
                        items.add(product(prefix + i, price(3, i)));
                    }
                    FaultSystem.Answer answer = postBulk("/rest/async/bulk/V1/products", items);
                    if (answer.status() == 202) {
                        bulks.add(UUID.fromString(JSON.readTree(answer.body()).get("bulk_uuid").asText()));
                    } else if (answer.status() == 503 && answer.header("Retry-After") != null
                            && JSON.readTree(answer.body()).hasNonNull("message")) {
                        refused.incrementAndGet();
                        Thread.sleep(200);
                    } else {
                        unexpected.incrementAndGet();
                        unexpectedAnswers.add(answer.status() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        Thread.sleep(stream.toMillis() / 3);
        Instant cut = Instant.now();
        system.brokerDown();
        Thread.sleep(stream.toMillis() / 6);
        boolean readyDuringOutage = system.ready(system.ingest);
        Thread.sleep(stream.toMillis() / 6);
        system.brokerUp();
        Thread.sleep(stream.toMillis() / 3);
        running.set(false);
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        List<UUID> acceptedBulks = List.copyOf(bulks);
        long storedBulks = ledger.scalar("SELECT count(DISTINCT bulk_uuid) FROM operation WHERE serialized_data LIKE ?",
                "%" + prefix + "%");
        record(PRIVATE_BROKER ? "3. RabbitMQ stopped during submissions" : "3. RabbitMQ unreachable during submissions", 3, prefix, acceptedBulks, (long) acceptedBulks.size() * perBulk, cut,
                refused.get() + " requests refused with 503 + Retry-After; ingest ready during outage: " + readyDuringOutage);
        assertEquals(0, unexpected.get(), "only 202 or 503: " + unexpectedAnswers);
        assertTrue(refused.get() > 0, "the outage was noticed");
        assertEquals(acceptedBulks.size(), storedBulks, "a refused request stored nothing");
        assertTrue(!readyDuringOutage, "ingest not ready while the broker is unreachable");
    }

    // --- 4. PostgreSQL restart while workers execute ------------------------------------------------------------------

    @Test
    @Order(4)
    void databaseRestartLosesNothing() throws Exception {
        int size = FULL ? 20_000 : 1_000;
        String prefix = prefix(4);
        UUID bulk = accepted(postBulk("/rest/async/bulk/V1/products", products(prefix, 4, size)));
        ledger.awaitComplete(List.of(bulk), size / 5, SETTLE);

        Instant crashed = Instant.now();
        system.postgres.crash();
        FaultSystem.Answer duringOutage = postBulk("/rest/async/bulk/V1/products", products(prefix(4), 4, 1));
        Thread.sleep(3_000);
        system.postgres.startServer();

        record("4. PostgreSQL crash + restart mid-bulk", 4, prefix, List.of(bulk), size, crashed,
                "a submission during the outage got " + duringOutage.status()
                        + (duringOutage.header("Retry-After") != null ? " + Retry-After" : ""));
        assertEquals(503, duringOutage.status(), duringOutage.body());
        assertTrue(duringOutage.header("Retry-After") != null);
    }

    // --- 5. 8 clients updating the same 100 SKUs -----------------------------------------------------------------

    @Test
    @Order(5)
    void contendedSkusEndWithTheLastCommittedWrite() throws Exception {
        int clients = 8;
        int rounds = FULL ? 10 : 2;
        int skus = 100;
        String prefix = prefix(5);
        UUID seeded = accepted(postBulk("/rest/async/bulk/V1/products", products(prefix, 9, skus)));
        ledger.awaitSettled(List.of(seeded), skus, SETTLE);

        List<UUID> bulks = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        Instant started = Instant.now();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (int round = 0; round < rounds; round++) {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < skus; i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order);
                    List<Map<String, Object>> items = new ArrayList<>();
                    for (int i : order) {
                        long op = ((long) round * clients + client) * skus + i;
                        items.add(Map.of("sku", prefix + i, "product", Map.of("price", price(5, op))));
                    }
                    bulks.add(accepted(system.send("PUT", "/rest/async/bulk/V1/products/bySku", "application/json",
                            JSON.writeValueAsBytes(items), true)));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        long accepted = (long) clients * rounds * skus;
        Ledger.Counts counts = ledger.awaitSettled(bulks, accepted, SETTLE);

        // The last committed write per SKU: row locks serialize writers of one product, so the completed operation
        // that finished last is the one whose price must remain.
        Map<String, Double> expected = new HashMap<>();
        try (Connection c = system.postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT ON (serialized_data::jsonb->>'sku') serialized_data::jsonb->>'sku',"
                        + " (serialized_data::jsonb->'product'->>'price')::numeric FROM operation WHERE bulk_uuid = ANY (?) AND status = " + Ledger.COMPLETE
                        + " ORDER BY serialized_data::jsonb->>'sku', finished_at DESC")) {
            s.setArray(1, Ledger.uuids(c, bulks));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    expected.put(rs.getString(1), rs.getDouble(2));
                }
            }
        }
        long mismatched = 0;
        for (Map.Entry<String, Double> entry : expected.entrySet()) {
            FaultSystem.Answer answer = system.send("GET", "/rest/V1/products/" + entry.getKey(), null, null, true);
            JsonNode product = JSON.readTree(answer.body());
            if (answer.status() != 200 || Math.abs(product.path("price").asDouble() - entry.getValue()) > 0.001) {
                mismatched++;
            }
        }
        report.add(new Report.Row("5. 8 clients x same 100 SKUs", accepted, counts.complete(), counts.failed(),
                accepted - counts.complete() - counts.failed(), ledger.writtenTwice(5_000_000L, 6_000_000L) + counts.attemptsAboveOne(),
                Duration.between(started, Instant.now()),
                mismatched + " SKU(s) differ from the last committed write; time = all " + accepted + " settled"));
        assertEquals(0, accepted - counts.complete() - counts.failed(), "lost " + counts);
        assertEquals(0, ledger.writtenTwice(5_000_000L, 6_000_000L) + counts.attemptsAboveOne(), "executed twice");
        assertEquals(skus, expected.size(), "every SKU has a completed write");
        assertEquals(0, mismatched, "final price = last committed write per SKU");
    }

    // --- 6. malformed input corpus ---------------------------------------------------------------------------------

    @Test
    @Order(6)
    void malformedRequestsAreAll4xxInMagentoShapeAndStoreNothing() throws Exception {
        long bulksBefore = ledger.scalar("SELECT count(*) FROM bulk");
        long productsBefore = ledger.scalar("SELECT count(*) FROM catalog_product");
        JsonNode openApi = JSON.readTree(system.send("GET", "/q/openapi?format=json", null, null, false).body());
        List<MalformedCorpus.Request> corpus = MalformedCorpus.generate(openApi);
        assertTrue(corpus.size() >= 1_000, "corpus of " + corpus.size());

        Map<String, Integer> statuses = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        Instant started = Instant.now();
        for (MalformedCorpus.Request request : corpus) {
            String authorization = switch (request.auth()) {
                case ADMIN -> "Bearer " + system.token();
                case NONE -> null;
                case FORGED -> "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.Zm9yZ2Vk";
            };
            FaultSystem.Answer answer = system.send(system.ingest, request.method(), request.path(), request.contentType(),
                    request.body(), authorization);
            statuses.merge(String.valueOf(answer.status()), 1, Integer::sum);
            boolean shaped;
            try {
                JsonNode body = JSON.readTree(answer.body());
                shaped = body != null && body.path("message").isTextual();
            } catch (Exception e) {
                shaped = false;
            }
            if (answer.status() < 400 || answer.status() >= 500 || !shaped) {
                bad.add(request.kind() + " " + request.method() + " " + request.path() + " -> " + answer.status() + " "
                        + answer.body().substring(0, Math.min(200, answer.body().length())));
            }
        }
        long bulksAfter = ledger.scalar("SELECT count(*) FROM bulk");
        long productsAfter = ledger.scalar("SELECT count(*) FROM catalog_product");
        // Still up: every process alive, and each ready again within 30 s (a health probe right after 100,000-item
        // bodies can time out on a loaded 2-core machine; that is slowness, not a crash).
        boolean up = system.ingest.process.isAlive() && system.status.process.isAlive()
                && system.workers.stream().allMatch(w -> w.process.isAlive());
        Instant readyBy = Instant.now().plusSeconds(30);
        while (up && !(system.ready(system.ingest) && system.ready(system.status) && system.ready(system.workers.get(0)))) {
            if (Instant.now().isAfter(readyBy)) {
                up = false;
            }
            Thread.sleep(500);
        }
        report.add(new Report.Row("6. malformed requests", 0, 0, 0, 0, 0, Duration.between(started, Instant.now()),
                corpus.size() + " requests, answers " + statuses + ", " + bad.size() + " not a 4xx in Magento's shape; stored "
                        + (bulksAfter - bulksBefore) + " bulks; services up: " + up));
        assertEquals(List.of(), bad.subList(0, Math.min(25, bad.size())), bad.size() + " answers were not a 4xx in Magento's shape");
        assertEquals(bulksBefore, bulksAfter, "nothing stored");
        assertEquals(productsBefore, productsAfter, "nothing created");
        assertTrue(up, "services still up");
    }
}
