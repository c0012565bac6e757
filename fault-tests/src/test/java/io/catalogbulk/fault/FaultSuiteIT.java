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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import io.catalogbulk.testsupport.WebhookReceiver;

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
        return products(prefix, scenario, 0, count, 0);
    }

    /** Items first .. first + count - 1 of a prefix; item i is priced as item priceOffset + i of the scenario. */
    static List<Map<String, Object>> products(String prefix, int scenario, long first, int count, long priceOffset) {
        List<Map<String, Object>> items = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            items.add(product(prefix + i, price(scenario, priceOffset + i)));
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

    /**
     * One answer of a submission stream while a dependency goes down: the bulk it accepted (202), or null after counting
     * a refusal as the API promises it (503, Retry-After, Magento's message; the client then pauses) or anything else.
     */
    static UUID acceptedOrCounted(FaultSystem.Answer answer, AtomicLong refused, AtomicLong unexpected, Set<String> unexpectedAnswers)
            throws Exception {
        if (answer.status() == 202) {
            return UUID.fromString(JSON.readTree(answer.body()).get("bulk_uuid").asText());
        }
        if (answer.status() == 503 && answer.header("Retry-After") != null && JSON.readTree(answer.body()).hasNonNull("message")) {
            refused.incrementAndGet();
            Thread.sleep(200);
        } else {
            unexpected.incrementAndGet();
            unexpectedAnswers.add(answer.status() + " " + answer.body());
        }
        return null;
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
        assertEquals(0, twice, scenario + ": effects applied twice (" + ledger.writtenTwice((long) number * 1_000_000L,
                (long) (number + 1) * 1_000_000L) + " prices written twice, " + counts.attemptsAboveOne()
                + " operations recorded more than once; e.g. " + ledger.twiceExamples(bulks) + ")");
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
                    FaultSystem.Answer answer = postBulk("/rest/async/bulk/V1/products", products(prefix, 3, first, perBulk, 0));
                    UUID accepted = acceptedOrCounted(answer, refused, unexpected, unexpectedAnswers);
                    if (accepted != null) {
                        bulks.add(accepted);
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
        // The very first requests after the restart, on pools full of connections the crash killed: each service
        // must hand out a live connection (validated on borrow), not answer 503 once more.
        // Item 900,000 of the scenario: a price no other operation writes, checked with the bulk's products.
        FaultSystem.Answer firstIngest = postBulk("/rest/async/bulk/V1/products", List.of(product(prefix + 900_000, price(4, 900_000))));
        FaultSystem.Answer firstStatus = system.send(system.status, "GET", "/rest/V1/bulk/" + bulk + "/status", null, null, true);
        List<UUID> bulks = new ArrayList<>(List.of(bulk));
        if (firstIngest.status() == 202) {
            bulks.add(accepted(firstIngest));
        }

        record("4. PostgreSQL crash + restart mid-bulk", 4, prefix, bulks, size + (bulks.size() - 1), crashed,
                "a submission during the outage got " + duringOutage.status()
                        + (duringOutage.header("Retry-After") != null ? " + Retry-After" : "")
                        + "; first requests after the restart: ingest " + firstIngest.status() + ", status " + firstStatus.status());
        assertEquals(503, duringOutage.status(), duringOutage.body());
        assertTrue(duringOutage.header("Retry-After") != null);
        assertEquals(202, firstIngest.status(), "first ingest request after the restart: " + firstIngest.body());
        assertEquals(200, firstStatus.status(), "first status request after the restart: " + firstStatus.body());
        assertEquals(0, ledger.counts(bulks).failed(), "the workers went on without a failed operation");
    }

    // --- 5. 8 clients updating the same 100 SKUs -----------------------------------------------------------------

    @Test
    @Order(5)
    void contendedSkusEndWithTheLastCommittedWrite() throws Exception {
        int clients = 8;
        int rounds = FULL ? 10 : 2;
        int skus = 100;
        String prefix = prefix(5);
        // Seeded at prices of this scenario's own range, above every update's (each scenario's writes are told apart by
        // their price range: seeding at scenario 9's prices read as scenario 9's import writing 99 prices twice).
        UUID seeded = accepted(postBulk("/rest/async/bulk/V1/products", products(prefix, 5, 0, skus, 900_000)));
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
        int uploads = 0;
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
            boolean storedAsFile = false;
            try {
                JsonNode body = JSON.readTree(answer.body());
                shaped = body != null && body.path("message").isTextual();
                // The upload route takes any bytes as a file: a malformed body is stored and reported by its check
                // (201, status "invalid", or "uploaded" when the bytes happen to be a valid file). That is its answer.
                storedAsFile = answer.status() == 201 && request.method().equals("POST")
                        && request.path().matches("/rest(/[^/]+)?/V1/import/sources") && body != null
                        && body.path("uuid").isTextual() && body.path("status").asText().matches("invalid|uploaded");
            } catch (Exception e) {
                shaped = false;
            }
            if (storedAsFile) {
                uploads++;
            } else if (answer.status() < 400 || answer.status() >= 500 || !shaped) {
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
                corpus.size() + " requests, answers " + statuses + ", " + bad.size() + " not a 4xx in Magento's shape ("
                        + uploads + " bodies sent to the upload route stored as files and reported by their check); stored "
                        + (bulksAfter - bulksBefore) + " bulks; services up: " + up));
        assertEquals(List.of(), bad.subList(0, Math.min(25, bad.size())), bad.size() + " answers were not a 4xx in Magento's shape");
        assertEquals(bulksBefore, bulksAfter, "nothing stored");
        assertEquals(productsBefore, productsAfter, "nothing created");
        assertTrue(up, "services still up");
    }

    // --- 7. graceful shutdown: SIGTERM to a worker mid-bulk, and to ingest mid-upload --------------------------------

    /** SHUTDOWN_TIMEOUT the suite gives the services, plus the JVM's own start of shutdown and exit. */
    static final Duration GRACE = Duration.ofSeconds(10 + 10);

    @Test
    @Order(7)
    void sigtermHandsBackInFlightWorkAndFinishesAcceptedUploads() throws Exception {
        // Large enough that the worker cannot finish it within its grace period: what it holds is handed back.
        int size = 20_000;
        String prefix = prefix(7);
        UUID bulk = accepted(postBulk("/rest/async/bulk/V1/products", products(prefix, 7, size)));
        ledger.awaitComplete(List.of(bulk), 100, SETTLE);
        FaultSystem.Service worker = system.workers.get(0);
        Instant stopped = Instant.now();
        Duration workerExit = system.terminate(worker);
        Ledger.Counts atExit = ledger.counts(List.of(bulk));
        system.restart(worker);

        // Ingest: 4 clients upload 500-operation bulks; SIGTERM while they do. Every upload that was under way well
        // before the signal is answered 202 and stored whole; once the shutdown started, new ones are answered 503
        // with Retry-After in Magento's shape (or find the port closed once ingest is gone) and nothing of them is
        // stored; ingest exits within its grace period.
        int clients = 4;
        int perBulk = 500;
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        // {started millis, status (-1: no answer), finished millis, first item, 1 if a 503 with Retry-After and a message}
        List<long[]> uploads = Collections.synchronizedList(new ArrayList<>());
        List<UUID> acceptedBulks = Collections.synchronizedList(new ArrayList<>());
        String uploadPrefix = prefix(7);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (running.get()) {
                    long first = sequence.getAndAdd(perBulk);
                    byte[] body = JSON.writeValueAsBytes(products(uploadPrefix, 7, first, perBulk, 100_000));
                    long started = System.currentTimeMillis();
                    int status;
                    long refusal = 0;
                    try {
                        FaultSystem.Answer answer = system.send(system.ingest, "POST", "/rest/async/bulk/V1/products", "application/json",
                                body, "Bearer " + system.token());
                        status = answer.status();
                        if (status == 202) {
                            acceptedBulks.add(UUID.fromString(JSON.readTree(answer.body()).get("bulk_uuid").asText()));
                        } else if (status == 503 && answer.header("Retry-After") != null
                                && JSON.readTree(answer.body()).path("message").isTextual()) {
                            refusal = 1;
                        }
                    } catch (java.io.IOException refusedConnection) {
                        status = -1;
                        Thread.sleep(50);
                    }
                    uploads.add(new long[] {started, status, System.currentTimeMillis(), first, refusal});
                }
                return null;
            }));
        }
        Thread.sleep(4_000);
        long signalled = System.currentTimeMillis();
        Duration ingestExit = system.terminate(system.ingest);
        Thread.sleep(500);
        running.set(false);
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        system.restart(system.ingest);

        long inFlightAnswered = uploads.stream().filter(u -> u[0] < signalled - 300 && u[1] == 202).count();
        List<String> cut = uploads.stream().filter(u -> u[0] < signalled - 300 && u[1] != 202)
                .map(u -> (signalled - u[0]) + " ms before the signal: " + u[1]).toList();
        // Every answer but a 202 is a 503 with Retry-After in Magento's shape; -1 is the port closed (ingest gone).
        List<String> otherAnswers = uploads.stream().filter(u -> u[1] != 202 && u[1] != -1 && u[4] == 0)
                .map(u -> "answer " + u[1] + ", sent " + (u[0] - signalled) + " ms after the signal").toList();
        long refused = uploads.stream().filter(u -> u[4] == 1).count();
        // Uploads sent a second after the signal (time enough for the JVM to start its shutdown) must not be taken.
        List<String> takenAfterSignal = uploads.stream().filter(u -> u[0] >= signalled + 1_000 && u[1] == 202)
                .map(u -> "sent " + (u[0] - signalled) + " ms after the signal, answered 202").toList();
        Map<Long, Long> aroundSignal = new TreeMap<>();
        uploads.stream().filter(u -> u[0] >= signalled - 300).forEach(u -> aroundSignal.merge(u[1], 1L, Long::sum));
        long storedBulks = ledger.scalar("SELECT count(DISTINCT bulk_uuid) FROM operation WHERE serialized_data LIKE ?", "%" + uploadPrefix + "%");
        // Uploads stored although their client got no 202: which ones, and when they ran against the signal.
        List<String> storedUnanswered = new ArrayList<>();
        try (Connection c = system.postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT DISTINCT substring(serialized_data FROM ? || '([0-9]+)')::bigint"
                        + " FROM operation WHERE id = 0 AND serialized_data LIKE ?")) {
            s.setString(1, uploadPrefix);
            s.setString(2, "%" + uploadPrefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long first = rs.getLong(1);
                    uploads.stream().filter(u -> u[3] == first && u[1] != 202).forEach(u -> {
                        storedUnanswered.add("answer " + u[1] + ", sent " + (u[0] - signalled) + " ms and answered " + (u[2] - signalled)
                                + " ms after the signal");
                    });
                }
            }
        }
        List<UUID> all = new ArrayList<>(acceptedBulks);
        all.add(bulk);
        record("7. SIGTERM to a worker mid-bulk and to ingest mid-upload", 7, null, all, size + (long) acceptedBulks.size() * perBulk,
                stopped, "worker exited in " + seconds(workerExit) + " with " + atExit.complete() + "/" + size + " complete, "
                        + atExit.failed() + " failed, " + atExit.open() + " still open (its unacknowledged ones handed back); ingest exited in " + seconds(ingestExit) + ", "
                        + inFlightAnswered + " uploads in flight at the signal answered 202, " + cut.size() + " cut, answers to uploads"
                        + " sent from 300 ms before the signal on " + aroundSignal + " (-1: no answer), " + refused
                        + " refused with 503 + Retry-After, " + acceptedBulks.size() + " accepted, "
                        + storedBulks + " stored" + (storedUnanswered.isEmpty() ? "" : "; stored without a 202: " + storedUnanswered));
        assertTrue(workerExit.compareTo(GRACE) < 0, "worker exit within its grace period: " + workerExit);
        // Within SHUTDOWN_TIMEOUT itself: refused requests must not hold the shutdown until its timeout.
        assertTrue(ingestExit.compareTo(FaultSystem.SHUTDOWN_TIMEOUT) < 0, "ingest exit within SHUTDOWN_TIMEOUT: " + ingestExit);
        assertEquals(0, atExit.failed(), "nothing failed because the worker stopped");
        assertEquals(List.of(), cut, "uploads under way before the signal were finished");
        assertEquals(List.of(), takenAfterSignal, "uploads taken after the shutdown started");
        assertEquals(List.of(), otherAnswers, "refused uploads are answered 503 with Retry-After and a message");
        assertEquals(acceptedBulks.size(), storedBulks, "every 202 stored, nothing else");
        assertEquals(List.of(), storedUnanswered, "uploads stored without a 202");
        assertEquals(0, ledger.counts(all).failed(), "no operation failed");
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    // --- 8. schema-driven fuzzing of every route form ------------------------------------------------------------

    /** Where a refused request could have left something: text columns that take a request's marker. */
    private static final List<String> MARKED_COLUMNS = List.of("SELECT serialized_data FROM operation", "SELECT sku FROM catalog_product",
            "SELECT email FROM customer", "SELECT code FROM store", "SELECT attribute_code FROM catalog_attribute",
            "SELECT identifier FROM cms_page", "SELECT identifier FROM cms_block", "SELECT username FROM admin_user",
            "SELECT name FROM integration", "SELECT source_code FROM inventory_source");
    private static final Pattern MARKER = Pattern.compile("fz(\\d+)q");

    @Test
    @Order(8)
    void schemaFuzzingNeverAnswers5xxAndStoresNothingRefused() throws Exception {
        int count = Integer.parseInt(TestEnvironment.env("FUZZ_REQUESTS", FULL ? "50000" : "20000"));
        long seed = Long.parseLong(TestEnvironment.env("FUZZ_SEED", String.valueOf(System.nanoTime())));
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("ingest", JSON.readTree(system.send(system.ingest, "GET", "/q/openapi?format=json", null, null, false).body()));
        documents.put("status", JSON.readTree(system.send(system.status, "GET", "/q/openapi?format=json", null, null, false).body()));
        List<SchemaFuzzer.Request> requests = new SchemaFuzzer(documents, seed).generate(count);
        long bulksBefore = ledger.scalar("SELECT count(*) FROM bulk");

        Map<String, Map<Integer, AtomicLong>> table = new ConcurrentHashMap<>();
        Set<Long> refused = ConcurrentHashMap.newKeySet();
        List<UUID> acceptedBulks = Collections.synchronizedList(new ArrayList<>());
        AtomicLong acceptedOperations = new AtomicLong();
        List<String> bad = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        String token = system.token();
        Instant started = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(pool.submit(() -> {
                Random random = new Random(seed + next.get());
                for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                    SchemaFuzzer.Request request = requests.get(i);
                    String path = request.path();
                    if (path.contains(SchemaFuzzer.KNOWN_BULK)) {
                        UUID known = acceptedBulks.isEmpty() ? UUID.randomUUID() : acceptedBulks.get(random.nextInt(acceptedBulks.size()));
                        path = path.replace(SchemaFuzzer.KNOWN_BULK, known.toString());
                    }
                    FaultSystem.Service service = request.service().equals("status") ? system.status : system.ingest;
                    FaultSystem.Answer answer = system.send(service, request.method(), path, request.contentType(), request.body(),
                            request.authorized() ? "Bearer " + token : null);
                    table.computeIfAbsent(request.family(), f -> new ConcurrentHashMap<>())
                            .computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
                    String problem = fuzzProblem(answer);
                    if (problem != null) {
                        bad.add(problem + ": " + request.method() + " " + path + " -> " + answer.status() + " "
                                + answer.body().substring(0, Math.min(300, answer.body().length())));
                    }
                    if (answer.status() >= 400) {
                        Matcher marker = MARKER.matcher(request.marker());
                        if (marker.matches()) {
                            refused.add(Long.parseLong(marker.group(1)));
                        }
                    } else if (answer.status() == 202) {
                        JsonNode accepted = JSON.readTree(answer.body());
                        acceptedBulks.add(UUID.fromString(accepted.get("bulk_uuid").asText()));
                        accepted.path("request_items").forEach(item -> {
                            if (item.path("status").asText().equals("accepted")) {
                                acceptedOperations.incrementAndGet();
                            }
                        });
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
        Duration sending = Duration.between(started, Instant.now());

        long storedBulks = ledger.scalar("SELECT count(*) FROM bulk") - bulksBefore;
        Ledger.Counts counts = ledger.awaitSettled(acceptedBulks, acceptedOperations.get(), SETTLE);
        List<String> storedForRefused = new ArrayList<>();
        try (Connection c = system.postgres.connect()) {
            for (String select : MARKED_COLUMNS) {
                try (PreparedStatement s = c.prepareStatement(select + " WHERE " + select.split(" ")[1] + " LIKE '%fz%'");
                        ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Matcher marker = MARKER.matcher(rs.getString(1));
                        while (marker.find()) {
                            if (refused.contains(Long.parseLong(marker.group(1)))) {
                                storedForRefused.add(select + ": " + marker.group());
                            }
                        }
                    }
                }
            }
        }
        boolean up = system.ingest.process.isAlive() && system.status.process.isAlive()
                && system.workers.stream().allMatch(w -> w.process.isAlive())
                && system.ready(system.ingest) && system.ready(system.status) && system.ready(system.workers.get(0));

        String answers = fuzzTable(table);
        report.addSection("Schema fuzzing: " + requests.size() + " requests (seed " + seed + ", " + String.format("%.1f", sending.toMillis() / 1000.0)
                + " s), by route family and answer code", answers);
        report.add(new Report.Row("8. schema-driven fuzzing", acceptedOperations.get(), counts.complete(), counts.failed(),
                acceptedOperations.get() - counts.complete() - counts.failed(), 0, Duration.between(started, Instant.now()),
                requests.size() + " requests (seed " + seed + "), " + bad.size() + " answers not as required; " + acceptedBulks.size()
                        + " accepted bulks, " + storedBulks + " stored; " + storedForRefused.size() + " refused requests stored something;"
                        + " services up: " + up));
        assertEquals(List.of(), bad.subList(0, Math.min(25, bad.size())), bad.size() + " answers were a 5xx or a 4xx not in Magento's shape");
        assertEquals(acceptedBulks.size(), storedBulks, "a bulk is stored exactly for each 202");
        assertEquals(List.of(), storedForRefused.subList(0, Math.min(25, storedForRefused.size())), "nothing stored for a refused request");
        assertEquals(0, counts.open(), "every accepted operation reached a final status: " + counts);
        assertEquals(acceptedOperations.get(), counts.stored(), "every accepted operation stored");
        assertTrue(up, "services up and ready after the run");
    }

    // --- 9. kill -9 the splitting ingest-service, then a worker, during an import --------------------------------------

    /** A Magento product CSV: row i (1-based) creates {@code prefix + i}, priced as item i of scenario 9. */
    static byte[] importCsv(String prefix, int rows) {
        StringBuilder csv = new StringBuilder(rows * 80).append("sku,attribute_set_code,product_type,product_websites,name,price,weight\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(prefix).append(i).append(",Default,simple,base,Import ").append(i).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", price(9, i))).append(",1\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Order(9)
    void importSplitterAndWorkerKilledLoseNothing() throws Exception {
        int rows = FULL ? 200_000 : 3_000;
        String prefix = prefix(9);
        FaultSystem.Answer uploaded = system.send("POST", "/rest/V1/import/sources?filename=products.csv", "text/csv", importCsv(prefix, rows), true);
        assertEquals(201, uploaded.status(), uploaded.body());
        String source = JSON.readTree(uploaded.body()).get("uuid").asText();
        FaultSystem.Answer started = system.send("POST", "/rest/V1/import/sources/" + source + "/start", "application/json",
                "{\"import\":{\"importType\":\"catalog_product\",\"validationStrategy\":\"skip-errors\"}}".getBytes(StandardCharsets.UTF_8), true);
        assertEquals(202, started.status(), started.body());
        UUID importUuid = UUID.fromString(JSON.readTree(started.body()).get("import_uuid").asText());
        UUID bulk = UUID.fromString(JSON.readTree(started.body()).get("bulk_uuid").asText());

        // kill -9 the ingest-service while it splits: once some chunks are committed, before the last.
        Instant deadline = Instant.now().plus(SETTLE);
        long atKill;
        while (true) {
            atKill = ledger.scalar("SELECT CASE WHEN state = 'splitting' THEN split_position ELSE -1 END FROM import_job WHERE uuid = ?", importUuid);
            if (atKill > 0 || atKill < 0 || Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(10);
        }
        Instant killed = Instant.now();
        system.kill(system.ingest);
        long writtenAtKill = ledger.scalar("SELECT count(*) FROM operation WHERE bulk_uuid = ?", bulk);
        assertTrue(atKill > 0 && writtenAtKill < rows, "the splitter was killed mid-split (split_position " + atKill + ", "
                + writtenAtKill + " of " + rows + " rows written)");
        system.restart(system.ingest);

        // kill -9 a worker while it executes the import's rows.
        ledger.awaitComplete(List.of(bulk), rows / 4, SETTLE);
        FaultSystem.Service worker = system.workers.get(0);
        system.kill(worker);
        long completeAtWorkerKill = ledger.counts(List.of(bulk)).complete();
        system.restart(worker);

        record("9. kill -9 the splitting ingest-service, then a worker, during a " + rows + "-row product import", 9, prefix, List.of(bulk),
                rows, killed, "split killed at row " + atKill + " (" + writtenAtKill + " operations written), worker killed at "
                        + completeAtWorkerKill + "/" + rows + " complete");
        assertEquals(rows, ledger.scalar("SELECT count(*) FROM operation WHERE bulk_uuid = ?", bulk), "one operation per row");
        assertEquals(rows, ledger.scalar("SELECT count(DISTINCT serialized_data::jsonb -> 'row' ->> 'number') FROM operation WHERE bulk_uuid = ?", bulk),
                "every row once");
        assertEquals(rows, ledger.counts(List.of(bulk)).complete(), "every row applied");
        FaultSystem.Answer status = system.send("GET", "/rest/V1/import/" + importUuid, null, null, true);
        assertEquals("complete", JSON.readTree(status.body()).path("status").asText(), status.body());
    }

    // --- 10. PostgreSQL restart during an upload ------------------------------------------------------------------------

    /** The body of a slow upload: {@code rows} CSV rows, a pause every {@code pauseEvery} rows, so the upload spans the fault. */
    static java.io.InputStream slowCsv(String prefix, int rows, int pauseEvery, long pauseMillis) {
        return new java.io.InputStream() {
            private int row;
            private byte[] current = "sku,name\n".getBytes(StandardCharsets.UTF_8);
            private int at;

            @Override
            public int read() throws java.io.IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                if (at == current.length) {
                    if (row == rows) {
                        return -1;
                    }
                    row++;
                    if (row % pauseEvery == 0) {
                        try {
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException();
                        }
                    }
                    current = (prefix + row + ",Upload " + row + "\n").getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                int n = Math.min(length, current.length - at);
                System.arraycopy(current, at, buffer, offset, n);
                at += n;
                return n;
            }
        };
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    @Order(10)
    void importUploadDuringADatabaseRestartIsWholeOrRefused() throws Exception {
        int rows = FULL ? 400_000 : 60_000;
        String prefix = prefix(10);
        byte[] whole = slowCsv(prefix, rows, Integer.MAX_VALUE, 0).readAllBytes();
        String expectedSha = sha256(whole);
        long sourcesBefore = ledger.scalar("SELECT count(*) FROM import_source");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        // About 6 s of upload; the database is crashed 2 s in and back 3 s later.
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + system.ingest.port + "/rest/V1/import/sources?filename=slow.csv"))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "text/csv").header("Authorization", "Bearer " + system.token())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> slowCsv(prefix, rows, rows / 60, 100))).build();
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> upload = http.sendAsync(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        Thread.sleep(2_000);
        Instant crashed = Instant.now();
        system.postgres.crash();
        Thread.sleep(3_000);
        system.postgres.startServer();
        int answer;
        String body;
        try {
            java.net.http.HttpResponse<String> response = upload.get(2, java.util.concurrent.TimeUnit.MINUTES);
            answer = response.statusCode();
            body = response.body();
        } catch (java.util.concurrent.ExecutionException e) {
            // The server closed the connection on the refused upload before the client finished sending.
            answer = -1;
            body = String.valueOf(e.getCause());
        }
        Duration recovery = Duration.between(crashed, Instant.now());

        // Whatever the answer: a source stored as uploaded is the whole file, and nothing half-stored can be started.
        long stored = ledger.scalar("SELECT count(*) FROM import_source") - sourcesBefore;
        long brokenUsable = ledger.scalar("SELECT count(*) FROM import_source WHERE filename = 'slow.csv' AND status = 'uploaded'"
                + " AND (rows <> ? OR sha256 <> ?)", (long) rows, expectedSha);
        if (answer == 201) {
            JsonNode source = JSON.readTree(body);
            assertEquals(rows, source.path("rows").asLong(), body);
            assertEquals(expectedSha, source.path("sha256").asText(), body);
        } else if (answer > 0) {
            assertTrue(answer >= 400 && answer < 500 || answer == 503, "a refused upload is a clear 4xx or 503: " + answer + " " + body);
            assertTrue(JSON.readTree(body).path("message").isTextual(), body);
        }
        assertEquals(0, brokenUsable, "no half-stored source is usable");
        assertEquals(answer == 201 ? 1 : 0, stored, "a source is stored exactly when the upload was answered 201");

        // The services are fully available right after: a new upload and its import start succeed at once.
        FaultSystem.Answer again = system.send("POST", "/rest/V1/import/sources?filename=after.csv", "text/csv", whole, true);
        FaultSystem.Answer started = again.status() == 201 ? system.send("POST", "/rest/V1/import/sources/"
                + JSON.readTree(again.body()).get("uuid").asText() + "/start", "application/json",
                "{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\"}}"
                        .getBytes(StandardCharsets.UTF_8), true) : again;
        UUID importUuid = started.status() == 202 ? UUID.fromString(JSON.readTree(started.body()).get("import_uuid").asText()) : null;
        FaultSystem.Answer cancelled = importUuid == null ? started
                : system.send("POST", "/rest/V1/import/" + importUuid + "/cancel", null, null, true);
        FaultSystem.Answer statusService = system.send(system.status, "GET", "/rest/V1/bulk?searchCriteria[pageSize]=1", null, null, true);
        report.add(new Report.Row("10. PostgreSQL crash + restart during a " + rows + "-row upload", 0, 0, 0, 0, 0, recovery,
                "the upload got " + answer + (answer == 201 ? " (whole: rows and sha256 right)" : "") + "; " + stored + " source stored, "
                        + brokenUsable + " half-stored usable; next upload " + again.status() + ", start " + started.status()
                        + ", status-service " + statusService.status()));
        assertEquals(201, again.status(), again.body());
        assertEquals(rows, JSON.readTree(again.body()).path("rows").asLong());
        assertEquals(202, started.status(), started.body());
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals(200, statusService.status(), statusService.body());
    }

    // --- 12. kill -9 status-service while webhook deliveries are pending ------------------------------------------

    /**
     * A subscriber's receiver is down (500) while bulks finish, then hangs with deliveries in flight, and
     * status-service (which delivers) is killed with SIGKILL; after the restart every finished bulk's event reaches
     * the receiver, signed (verified with the Standard Webhooks algorithm), at least once.
     */
    @Test
    @Order(12)
    void killedWebhookDelivererDeliversEveryEventAfterRestart() throws Exception {
        int bulks = FULL ? 100 : 20;
        int perBulk = FULL ? 50 : 10;
        String prefix = prefix(12);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String path = "/fault-12";
            receiver.behave(path, WebhookReceiver.Behaviour.FAIL);
            FaultSystem.Answer subscribed = system.send(system.status, "POST", "/rest/V1/bulk/webhooks", "application/json",
                    JSON.writeValueAsBytes(Map.of("webhook", Map.of("url", receiver.url(path), "events", List.of("bulk.finished")))), true);
            assertEquals(200, subscribed.status(), subscribed.body());
            JsonNode subscription = JSON.readTree(subscribed.body());
            receiver.secret(path, subscription.get("secret").asText());

            List<UUID> uuids = new ArrayList<>();
            for (int b = 0; b < bulks; b++) {
                uuids.add(accepted(postBulk("/rest/async/bulk/V1/products", products(prefix, 12, (long) b * perBulk, perBulk, 0))));
            }
            ledger.awaitSettled(uuids, (long) bulks * perBulk, SETTLE);
            String mine = "bulk_uuid IN (" + String.join(",", Collections.nCopies(uuids.size(), "?::uuid")) + ")";
            Object[] params = uuids.stream().map(UUID::toString).toArray();
            assertEquals(bulks, ledger.scalar("SELECT count(*) FROM webhook_event WHERE " + mine, params),
                    "one event recorded per finished bulk");
            waitFor(() -> receiver.deliveries(path).size() >= 3, Duration.ofSeconds(60));
            long answered500 = receiver.deliveries(path).stream().filter(d -> d.answeredWith() == WebhookReceiver.Behaviour.FAIL).count();

            // In flight when the deliverer dies: the receiver now holds every request open.
            receiver.behave(path, WebhookReceiver.Behaviour.HANG);
            int before = receiver.deliveries(path).size();
            waitFor(() -> receiver.deliveries(path).size() > before, Duration.ofSeconds(30));
            long pendingAtKill = ledger.scalar("SELECT count(*) FROM webhook_event WHERE state = 'pending' AND " + mine, params);
            Instant killed = Instant.now();
            system.kill(system.status);
            receiver.behave(path, WebhookReceiver.Behaviour.ACCEPT);
            system.restart(system.status);

            Set<String> expected = new TreeSet<>(uuids.stream().map(UUID::toString).toList());
            Duration recovered = Duration.ofMillis(waitFor(() -> acceptedBulks(receiver, path).containsAll(expected), SETTLE));
            // The receiver has answered; the deliverer records the answer right after.
            String deliveredSql = "SELECT count(*) FROM webhook_event WHERE state = 'delivered' AND " + mine;
            waitFor(() -> {
                try {
                    return ledger.scalar(deliveredSql, params) == bulks;
                } catch (java.sql.SQLException e) {
                    return false;
                }
            }, Duration.ofSeconds(30));
            long delivered = ledger.scalar(deliveredSql, params);
            Map<String, Long> acceptedPerEvent = new HashMap<>();
            for (WebhookReceiver.Delivery delivery : receiver.deliveries(path)) {
                if (delivery.answeredWith() == WebhookReceiver.Behaviour.ACCEPT) {
                    acceptedPerEvent.merge(delivery.id(), 1L, Long::sum);
                }
            }
            long unverified = receiver.deliveries(path).stream().filter(d -> !d.verified()).count();
            system.send(system.status, "DELETE", "/rest/V1/bulk/webhooks/" + subscription.get("id").asText(), null, null, true);
            record("12. kill -9 status-service with webhook deliveries pending", 12, prefix, uuids, (long) bulks * perBulk, killed,
                    bulks + " bulk.finished events, " + pendingAtKill + " pending at the kill (after " + answered500
                            + " answers 500); all " + expected.size() + " received signed, the last "
                            + recovered.toMillis() + " ms after status-service was ready again; " + acceptedPerEvent.values().stream().filter(n -> n > 1).count()
                            + " delivered more than once; " + unverified + " failed verification");
            assertEquals(0, unverified, "every request verifies with the Standard Webhooks algorithm");
            assertEquals(bulks, delivered, "every event marked delivered");
        }
    }

    /** The bulks whose event the receiver accepted (verified and answered 2xx). */
    static Set<String> acceptedBulks(WebhookReceiver receiver, String path) {
        Set<String> out = new TreeSet<>();
        for (WebhookReceiver.Delivery delivery : receiver.deliveries(path)) {
            if (delivery.verified() && delivery.answeredWith() == WebhookReceiver.Behaviour.ACCEPT) {
                try {
                    out.add(JSON.readTree(delivery.body()).at("/data/bulk_uuid").asText());
                } catch (Exception e) {
                    // not an event body: ignored
                }
            }
        }
        return out;
    }

    /** Polls until the condition holds; how long that took (ms). Fails after the timeout. */
    static long waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    // --- 11. per-entity order while a worker is killed --------------------------------------------------------------

    /**
     * Bulks sent back to back, each setting the same SKUs to a higher price, executed by two workers; one is killed
     * with -9 mid-run (its batches roll back, its unacknowledged messages go to the other, hand-overs it had not yet
     * published are left to the sweep) and restarted. Every SKU must end at the price of the last bulk, and on every
     * SKU the operations must have finished in acceptance order.
     */
    @Test
    @Order(11)
    void orderHoldsWhenAWorkerIsKilled() throws Exception {
        int skus = FULL ? 500 : 200;
        int rounds = FULL ? 10 : 5;
        String prefix = prefix(11);
        List<Map<String, Object>> seed = new ArrayList<>();
        for (int i = 0; i < skus; i++) {
            seed.add(product(prefix + i, price(11, 900_000 + i)));
        }
        UUID seeded = accepted(postBulk("/rest/async/bulk/V1/products", seed));
        ledger.awaitSettled(List.of(seeded), skus, SETTLE);
        FaultSystem.Service second = system.workers.size() > 1 ? system.workers.get(1) : system.addWorker();

        List<UUID> bulks = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < skus; i++) {
                items.add(Map.of("sku", prefix + i, "product", Map.of("price", price(11, (long) round * skus + i))));
            }
            // One after the other: each bulk is accepted before the next is sent, as an ERP sends them.
            bulks.add(accepted(system.send("PUT", "/rest/async/bulk/V1/products/bySku", "application/json",
                    JSON.writeValueAsBytes(items), true)));
        }
        long accepted = (long) rounds * skus;
        ledger.awaitComplete(bulks, accepted / 3, SETTLE);
        Instant killed = Instant.now();
        system.kill(second);
        long atKill = ledger.counts(bulks).complete();
        system.restart(second);

        Ledger.Counts counts = ledger.awaitSettled(bulks, accepted, SETTLE);
        long lastRound = (long) (rounds - 1) * skus;
        long notLast = 0;
        for (int i = 0; i < skus; i++) {
            FaultSystem.Answer answer = system.send("GET", "/rest/V1/products/" + prefix + i, null, null, true);
            if (answer.status() != 200 || Math.abs(JSON.readTree(answer.body()).path("price").asDouble() - price(11, lastRound + i)) > 0.001) {
                notLast++;
            }
        }
        // Per SKU, finish times in acceptance order (a later operation finishing first is an order violation).
        long outOfOrder = ledger.scalar("SELECT count(*) FROM (SELECT finished_at, lag(finished_at) OVER (PARTITION BY entity_key"
                + " ORDER BY accepted_seq) AS before FROM operation WHERE bulk_uuid = ANY (?::uuid[])) o WHERE o.before > o.finished_at",
                (Object) bulks.stream().map(UUID::toString).toArray(String[]::new));
        record("11. " + rounds + " bulks x same " + skus + " SKUs, 2 workers, one killed", 11, null, bulks, accepted, killed,
                "killed at " + atKill + "/" + accepted + " complete; " + notLast + " SKU(s) not at the last price, "
                        + outOfOrder + " operation(s) finished before an earlier one on their SKU");
        assertEquals(0, notLast, "every SKU ends at the price of the last bulk");
        assertEquals(0, outOfOrder, "operations on one SKU finished in acceptance order");
        assertEquals(accepted, counts.complete(), "every update completed");
    }

    // --- 13, 14. RabbitMQ cluster, quorum queues: the leader's node stopped mid-bulk, then a second one briefly -------

    /**
     * A 3-node cluster of the scenario's own (bin/rabbit-cluster) and the three services on it with RABBITMQ_ADDRESSES
     * and BROKER_QUEUE_TYPE=quorum, on a private PostgreSQL of their own. Mid-bulk the node leading the operations queue
     * is stopped; a few seconds later a second node too, so the quorum queues lose their majority for a while; then
     * both come back. Meanwhile clients keep submitting single async calls and small bulks (scenario 14): each answer is
     * 202 or 503 with Retry-After, and every accepted operation completes exactly once, as every operation of the bulk.
     */
    @Test
    @Order(13)
    void clusterNodesStoppedLoseNothing() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        try (RabbitCluster cluster = RabbitCluster.start(root); FaultSystem onCluster = FaultSystem.startOnCluster(cluster)) {
            Ledger clusterLedger = new Ledger(onCluster.postgres);
            clusterLedger.install();
            // postBulk, record and the entity checks use the suite's system and ledger: this scenario's for its duration.
            FaultSystem suiteSystem = system;
            Ledger suiteLedger = ledger;
            system = onCluster;
            ledger = clusterLedger;
            try {
                stopClusterNodes(cluster);
            } finally {
                system = suiteSystem;
                ledger = suiteLedger;
            }
        }
    }

    private static void stopClusterNodes(RabbitCluster cluster) throws Exception {
        int size = FULL ? 50_000 : 20_000;
        Duration outage = Duration.ofSeconds(FULL ? 15 : 5);
        String prefix = prefix(13);
        // Asked before the bulk is sent (the services declared the queue at start): rabbitmqctl takes seconds, in which
        // the workers would finish a bulk of this size, and the node must stop mid-bulk.
        int leader = cluster.leaderOf(system.brokerNames.queue());
        int second = leader % 3 + 1;
        UUID bulk = accepted(postBulk("/rest/async/bulk/V1/products", products(prefix, 13, size)));
        ledger.awaitComplete(List.of(bulk), size / 20, SETTLE);

        try (Submissions submissions = new Submissions(prefix(14), 14)) {
            Instant stopped = Instant.now();
            long atStop = ledger.counts(List.of(bulk)).complete();
            cluster.stopNode(leader);
            long afterStop = ledger.counts(List.of(bulk)).complete();
            Thread.sleep(outage.toMillis());
            cluster.stopNode(second);
            Thread.sleep(outage.toMillis() / 2);
            cluster.startNode(second);
            cluster.startNode(leader);
            Thread.sleep(outage.toMillis());
            submissions.stop();

            record("13. cluster, quorum: leader's node stopped mid-bulk, a 2nd node briefly, both restarted", 13, prefix,
                    List.of(bulk), size, stopped, "node " + leader + " (leader) stopped at " + atStop + "/" + size
                            + " complete (" + afterStop + " once stop_app returned), then node " + second + " for " + outage.toSeconds() / 2.0 + " s");
            record("14. cluster, quorum: submissions during those outages", 14, submissions.prefix, submissions.accepted(),
                    submissions.acceptedOperations(), stopped, submissions.refused.get() + " requests refused with 503 + Retry-After, "
                            + submissions.acceptedOperations() + " operations accepted");
            assertEquals(0, submissions.unexpected.get(), "only 202 or 503: " + submissions.unexpectedAnswers);
        }
    }

    /**
     * Two clients submitting until stopped, a request every 100 ms each: one single async calls (the interactive
     * queue), one bulks of 10 (the operations queue). Counts what was accepted and refused; anything but 202 and 503 +
     * Retry-After is unexpected. Paced, because at full speed they add tens of thousands of operations that only
     * measure this machine's throughput.
     */
    static final class Submissions implements AutoCloseable {
        static final int BULK = 10;
        final String prefix;
        final AtomicLong refused = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();
        final Set<String> unexpectedAnswers = ConcurrentHashMap.newKeySet();
        private final int scenario;
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<UUID, Integer> accepted = new ConcurrentHashMap<>();
        private final ExecutorService pool = Executors.newFixedThreadPool(2);
        private final List<Future<?>> clients = new ArrayList<>();

        Submissions(String prefix, int scenario) {
            this.prefix = prefix;
            this.scenario = scenario;
            clients.add(pool.submit(() -> submitUntilStopped(1)));
            clients.add(pool.submit(() -> submitUntilStopped(BULK)));
        }

        private Void submitUntilStopped(int count) throws Exception {
            while (running.get()) {
                long first = sequence.getAndAdd(count);
                FaultSystem.Answer answer = count == 1
                        ? system.send("POST", "/rest/async/V1/products", "application/json",
                                JSON.writeValueAsBytes(product(prefix + first, price(scenario, first))), true)
                        : postBulk("/rest/async/bulk/V1/products", products(prefix, scenario, first, count, 0));
                UUID bulk = acceptedOrCounted(answer, refused, unexpected, unexpectedAnswers);
                if (bulk != null) {
                    accepted.put(bulk, count);
                    Thread.sleep(100);
                }
            }
            return null;
        }

        List<UUID> accepted() {
            return List.copyOf(accepted.keySet());
        }

        long acceptedOperations() {
            return accepted.values().stream().mapToLong(Integer::longValue).sum();
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> client : clients) {
                client.get();
            }
        }

        @Override
        public void close() {
            running.set(false);
            pool.shutdownNow();
        }
    }

    /** Null when an answer is as required: not a 5xx, and a 4xx carries Magento's {"message", ...}. */
    static String fuzzProblem(FaultSystem.Answer answer) {
        if (answer.status() >= 500) {
            return "5xx";
        }
        if (answer.status() >= 400) {
            try {
                JsonNode body = JSON.readTree(answer.body());
                if (body == null || !body.path("message").isTextual() || body.path("message").asText().isEmpty()) {
                    return "4xx without a message";
                }
            } catch (Exception e) {
                return "4xx not JSON";
            }
        }
        return null;
    }

    static String fuzzTable(Map<String, Map<Integer, AtomicLong>> table) {
        TreeSet<Integer> codes = new TreeSet<>();
        table.values().forEach(row -> codes.addAll(row.keySet()));
        StringBuilder out = new StringBuilder("| route family |");
        codes.forEach(code -> out.append(' ').append(code).append(" |"));
        out.append(" total |\n|---|");
        codes.forEach(code -> out.append("---:|"));
        out.append("---:|\n");
        new TreeMap<>(table).forEach((family, row) -> {
            out.append("| ").append(family).append(" |");
            long total = 0;
            for (int code : codes) {
                long n = row.containsKey(code) ? row.get(code).get() : 0;
                total += n;
                out.append(' ').append(n == 0 ? "" : String.format("%,d", n)).append(" |");
            }
            out.append(String.format(" %,d |\n", total));
        });
        return out.toString();
    }
}
