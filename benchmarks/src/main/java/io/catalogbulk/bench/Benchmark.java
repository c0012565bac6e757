package io.catalogbulk.bench;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;

import io.catalogbulk.testsupport.TestEnvironment;

/**
 * bin/benchmark: one run measures, on this machine, sync vs async vs bulk, ingest acceptance, end-to-end
 * throughput with 1 and 2 workers, status latency, fairness, and the raw RabbitMQ and PostgreSQL baselines;
 * prints tables and writes results.md, results.json and benchmark.png. Figures are reported, never asserted.
 */
public final class Benchmark {

    private final BenchOptions options;
    private final Results results;
    private final BenchSystem system;
    private int run;

    private Benchmark(BenchOptions options, Results results, BenchSystem system) {
        this.options = options;
        this.results = results;
        this.system = system;
    }

    public static void main(String[] args) throws Exception {
        Path out = run(Path.of(System.getProperty("project.root", ".")), args);
        System.out.println("\nResults: " + out.resolve("results.md") + ", chart: " + out.resolve("benchmark.png"));
        System.exit(0);
    }

    /** Runs the benchmark; returns the directory the results were written to. */
    public static Path run(Path root, String... args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        Results results = new Results(("bin/benchmark " + String.join(" ", args)).trim());
        Path out = options.out().isAbsolute() ? options.out() : root.resolve(options.out());

        Baselines.Broker broker = null;
        Baselines.Database database = null;
        if (options.phases().contains("baselines")) {
            System.out.println("Baselines (this machine, same run)");
            broker = Baselines.broker(options.baselineTime());
            results.baselines.put("rabbitmq_publish_confirmed_per_s", broker.publishedPerSecond());
            results.baselines.put("rabbitmq_consume_acked_per_s", broker.consumedPerSecond());
            results.add("baseline", "RabbitMQ publish with confirms (perf-test, 1 producer + 1 consumer)", broker.publishedPerSecond(), "msg/s", null, null);
            results.add("baseline", "RabbitMQ consume with acks (same run)", broker.consumedPerSecond(), "msg/s", null, null);
            TestEnvironment.recreateDatabase(BenchSystem.DATABASE);
            database = Baselines.database(BenchSystem.DATABASE, options.baselineTime(), Math.max(1_000, options.largeBulk()));
            results.baselines.put("postgresql_copy_rows_per_s", database.copyRowsPerSecond());
            results.baselines.put("postgresql_single_row_tx_per_s", database.singleRowTransactionsPerSecond());
            results.add("baseline", "PostgreSQL COPY of operation-shaped rows", database.copyRowsPerSecond(), "rows/s", null, null);
            results.add("baseline", "PostgreSQL single-row INSERT transactions", database.singleRowTransactionsPerSecond(), "tx/s", null, null);
        }

        try (BenchSystem system = BenchSystem.start(root)) {
            Benchmark benchmark = new Benchmark(options, results, system);
            if (options.phases().contains("modes")) {
                benchmark.compareModes();
            }
            if (options.phases().contains("large")) {
                benchmark.largeBulks(broker, database);
            }
            if (options.phases().contains("fairness") && (options.queueTypes().isEmpty() || options.queueTypes().contains(queueType()))) {
                benchmark.fairness(options.largeBulk(), queueType());
            }
            if (options.phases().contains("contention")) {
                benchmark.contention();
            }
            if (options.phases().contains("import")) {
                system.scaleWorkers(1);
                new ImportPhase(system, results).run(options.importRows(), benchmark.prefix());
            }
        }
        if (options.phases().contains("fairness")) {
            for (String type : options.queueTypes()) {
                if (!type.equals(queueType())) {
                    // A queue's type cannot change: services of its own, on fresh queue names.
                    try (BenchSystem system = BenchSystem.start(root, Map.of("BROKER_QUEUE_TYPE", type))) {
                        new Benchmark(options, results, system).fairness(options.largeBulk(), type);
                    }
                }
            }
        }
        System.out.println("\n" + results.modeTable());
        results.write(out);
        if (!results.modes.isEmpty()) {
            Charts.write(results, out.resolve("benchmark.png"));
        }
        return out;
    }

    private String prefix() {
        return "bench" + (++run) + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** 1. N products through N sync calls, N async calls, and one bulk call; each timed until all are saved. */
    private void compareModes() throws Exception {
        System.out.println("\nSync vs async vs bulk (median of repetitions; until every product is saved)");
        for (int size : options.sizes()) {
            int repetitions = options.repetitions(size);
            double[] sync = new double[repetitions];
            double[] async = new double[repetitions];
            double[] bulk = new double[repetitions];
            double[] accept = new double[repetitions];
            for (int r = 0; r < repetitions; r++) {
                sync[r] = sync(size);
                async[r] = async(size);
                double[] bulkTimes = bulk(size);
                bulk[r] = bulkTimes[0];
                accept[r] = bulkTimes[1];
            }
            Results.ModeRow row = new Results.ModeRow(size, median(sync), median(async), median(bulk), median(accept));
            results.modes.add(row);
            System.out.printf(Locale.ROOT, "  N=%-7d sync %10s ms  async %10s ms  bulk %10s ms  bulk/sync %6s  bulk/async %6s%n", size,
                    Results.format(row.syncMs()), Results.format(row.asyncMs()), Results.format(row.bulkMs()),
                    Results.percent(row.bulkShareOfSync()), Results.percent(row.bulkShareOfAsync()));
        }
    }

    private double sync(int size) throws Exception {
        List<String> skus = Products.skus(prefix(), size);
        long start = System.nanoTime();
        for (String sku : skus) {
            BenchSystem.expect(system.post("/V1/products", Products.item(sku).getBytes()), 200);
        }
        double elapsed = millisSince(start);
        verifySaved(skus);
        return elapsed;
    }

    private double async(int size) throws Exception {
        List<String> skus = Products.skus(prefix(), size);
        List<UUID> bulks = new ArrayList<>(size);
        long start = System.nanoTime();
        for (String sku : skus) {
            bulks.add(BenchSystem.bulkUuid(system.post("/async/V1/products", Products.item(sku).getBytes())));
        }
        system.awaitComplete(bulks, size, timeoutFor(size));
        double elapsed = millisSince(start);
        verifySaved(skus);
        return elapsed;
    }

    /** Total time and time until the 202. */
    private double[] bulk(int size) throws Exception {
        List<String> skus = Products.skus(prefix(), size);
        byte[] body = Products.bulk(skus);
        long start = System.nanoTime();
        UUID bulk = BenchSystem.bulkUuid(system.post("/async/bulk/V1/products", body));
        double accepted = millisSince(start);
        system.awaitComplete(List.of(bulk), size, timeoutFor(size));
        double elapsed = millisSince(start);
        verifySaved(skus);
        return new double[] { elapsed, accepted };
    }

    /** 2-4. Ingest acceptance, end to end with 1 and 2 workers, status latency. */
    private void largeBulks(Baselines.Broker broker, Baselines.Database database) throws Exception {
        int large = options.largeBulk();
        System.out.printf(Locale.ROOT, "%nIngest, end to end, status and fairness (%,d-product bulks)%n", large);
        system.quiesce();

        List<String> mediumSkus = Products.skus(prefix(), options.mediumBulk());
        double[] medium = submitAndComplete(mediumSkus);
        results.add("ingest", String.format(Locale.ROOT, "accept a %,d-product bulk (202)", mediumSkus.size()), medium[0], "ms", null, null);

        UUID statusBulk = null;
        for (int workers : options.workers()) {
            system.scaleWorkers(workers);
            system.quiesce();
            List<String> skus = Products.skus(prefix(), large);
            double[] times = submitAndComplete(skus);
            if (statusBulk == null) {
                statusBulk = lastBulk;
                double acceptRate = large / (times[0] / 1000);
                results.add("ingest", String.format(Locale.ROOT, "accept a %,d-product bulk (202)", large), times[0], "ms",
                        "≤ 5,000 ms", null);
                results.add("ingest", "accepted operations per second", acceptRate, "ops/s", null,
                        ratio(acceptRate, database == null ? null : database.copyRowsPerSecond(), "of PostgreSQL COPY"));
                results.add("ingest", "peak RSS of the ingest process (heap capped at " + TestEnvironment.env("BENCH_SERVICE_HEAP", "512m") + ")",
                        system.ingest.peakRssBytes() / 1024.0 / 1024.0, "MiB", null, null);
            }
            double rate = large / (times[1] / 1000);
            results.add("end to end", String.format(Locale.ROOT, "%,d-product bulk, %d worker process%s: POST to all complete", large,
                    workers, workers == 1 ? "" : "es"), rate, "ops/s", "≥ 5,000 ops/s",
                    ratio(rate, broker == null ? null : broker.consumedPerSecond(), "of RabbitMQ consume") + "; "
                            + ratio(rate, database == null ? null : database.singleRowTransactionsPerSecond(), "of PostgreSQL single-row tx"));
        }
        statusLatency(statusBulk, large);
    }

    /** The queue type the services of the main run use: what the environment gives them, else their default. */
    private static String queueType() {
        return TestEnvironment.env("BROKER_QUEUE_TYPE", "classic");
    }

    private UUID lastBulk;

    private static final int CONTENTION_BULKS = 10;

    /**
     * 6. Per-entity order (issue #18): ten price-update bulks sent back to back, on distinct SKUs (no two operations
     * on one product) and on the same SKUs (every bulk updates all of them, price 101 .. 110), executed by two worker
     * processes, with ORDERING_ENABLED on and off in the same run. End to end: first POST to all complete. Also how
     * many SKUs are not at the last bulk's price afterwards.
     */
    private void contention() throws Exception {
        int skus = options.contentionSkus();
        System.out.printf(Locale.ROOT, "%nContention: %d bulks x %d SKUs, 2 workers, ordering on vs off%n", CONTENTION_BULKS, skus);
        List<String> seeded = Products.skus(prefix(), skus * CONTENTION_BULKS);
        submitAndComplete(seeded);
        for (boolean ordering : new boolean[] { true, false }) {
            system.restartWorkers(2, Map.of("ORDERING_ENABLED", Boolean.toString(ordering)));
            system.quiesce();
            String label = "ordering " + (ordering ? "on" : "off");
            double distinct = priceBulks(seeded, skus, false);
            double same = priceBulks(seeded.subList(0, skus), skus, true);
            long wrong = system.notAtPrice(seeded.subList(0, skus), 100 + CONTENTION_BULKS);
            results.add("contention", String.format(Locale.ROOT, "%d bulks x %d distinct SKUs, 2 workers, %s", CONTENTION_BULKS, skus,
                    label), distinct, "ops/s", null, null);
            results.add("contention", String.format(Locale.ROOT, "%d bulks x the same %d SKUs, 2 workers, %s", CONTENTION_BULKS, skus,
                    label), same, "ops/s", null, Results.percent(same / distinct) + " of distinct SKUs");
            results.add("contention", String.format(Locale.ROOT, "SKUs not at the last bulk's price, %s", label), wrong, "SKUs",
                    ordering ? "0" : null, null);
            System.out.printf(Locale.ROOT, "  %s: distinct %.0f ops/s, same %.0f ops/s, %d of %d SKUs not at the last price%n", label,
                    distinct, same, wrong, skus);
        }
        system.restartWorkers(1, Map.of());
    }

    /**
     * Ten bulks of price updates back to back; {@code same}: every bulk updates all of {@code skus}, else bulk b updates
     * its own slice of them. Returns operations per second from the first POST until all are complete.
     */
    private double priceBulks(List<String> skus, int perBulk, boolean same) throws Exception {
        List<UUID> bulks = new ArrayList<>();
        long start = System.nanoTime();
        for (int b = 1; b <= CONTENTION_BULKS; b++) {
            List<String> slice = same ? skus : skus.subList((b - 1) * perBulk, b * perBulk);
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < slice.size(); i++) {
                body.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(slice.get(i)).append("\",\"product\":{\"price\":")
                        .append(100 + b).append("}}");
            }
            bulks.add(BenchSystem.bulkUuid(system.put("/async/bulk/V1/products/bySku",
                    body.append(']').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        long operations = (long) CONTENTION_BULKS * perBulk;
        system.awaitComplete(bulks, operations, timeoutFor((int) operations));
        return operations / (millisSince(start) / 1000);
    }

    /** Accept time and total time of one bulk of these SKUs. */
    private double[] submitAndComplete(List<String> skus) throws Exception {
        byte[] body = Products.bulk(skus);
        long start = System.nanoTime();
        lastBulk = BenchSystem.bulkUuid(system.post("/async/bulk/V1/products", body));
        double accepted = millisSince(start);
        system.awaitComplete(List.of(lastBulk), skus.size(), timeoutFor(skus.size()));
        double total = millisSince(start);
        verifySaved(skus);
        return new double[] { accepted, total };
    }

    private void statusLatency(UUID bulk, int size) throws Exception {
        String label = String.format(Locale.ROOT, "%,d-operation bulk", size);
        latency("operation count (GET /V1/bulk/:uuid/operation-status/1), " + label, "/V1/bulk/" + bulk + "/operation-status/1", 200,
                "p99 ≤ 20 ms");
        latency("short status (GET /V1/bulk/:uuid/status), " + label, "/V1/bulk/" + bulk + "/status", 50, "≤ 1,000 ms");
        latency("detailed status (GET /V1/bulk/:uuid/detailed-status), " + label, "/V1/bulk/" + bulk + "/detailed-status", 5, null);
    }

    private void latency(String name, String path, int samples, String target) throws Exception {
        // Warm up: the first requests of a route run interpreted (JIT) and measure the service's start, not its
        // steady state, which is what an integration polling a bulk's status sees.
        long warmUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        for (int i = 0; i < 200 && System.nanoTime() < warmUntil; i++) {
            BenchSystem.expect(system.getStatus(path), 200);
        }
        double[] times = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = system.getStatus(path);
            times[i] = millisSince(start);
            BenchSystem.expect(response, 200);
        }
        Arrays.sort(times);
        results.add("status", name + ": p50", percentile(times, 50), "ms", null, null);
        results.add("status", name + ": p99", percentile(times, 99), "ms", target, samples + " samples");
    }

    /**
     * 5. One async request submitted right behind a large bulk: time until its product is saved, and how many of the
     * bulk's operations were still open then (the request did not wait for them).
     */
    private void fairness(int large, String queueType) throws Exception {
        System.out.printf(Locale.ROOT, "%nFairness on %s queues (%,d-product bulk)%n", queueType, large);
        system.quiesce();
        List<String> skus = Products.skus(prefix(), large);
        byte[] body = Products.bulk(skus);
        UUID bulk = BenchSystem.bulkUuid(system.post("/async/bulk/V1/products", body));
        String single = prefix() + "-single";
        long start = System.nanoTime();
        UUID request = BenchSystem.bulkUuid(system.post("/async/V1/products", Products.item(single).getBytes()));
        system.awaitComplete(List.of(request), 1, Duration.ofMinutes(10));
        double elapsed = millisSince(start);
        long open = system.openOperations(bulk);
        results.add("fairness", String.format(Locale.ROOT, "one async request behind a %,d-operation bulk, %s queues: POST to saved", large,
                queueType), elapsed, "ms", "≤ 2,000 ms", String.format(Locale.ROOT, "%,d of the bulk's operations still open then", open));
        System.out.printf(Locale.ROOT, "  %s queues: POST to saved %.0f ms, %,d of %,d bulk operations still open then%n", queueType, elapsed,
                open, large);
        double[] timeline = system.requestTimeline(request);
        String where = String.format(Locale.ROOT, "after acceptance: published (broker confirm) %.0f ms, worker started %.0f ms,"
                + " saved %.0f ms", timeline[0], timeline[1], timeline[2]);
        results.add("fairness", "the same request, " + queueType + " queues: acceptance to saved", timeline[2], "ms", null, where);
        System.out.printf(Locale.ROOT, "  %s queues: %s%n", queueType, where);
        system.awaitComplete(List.of(bulk), large, timeoutFor(large));
        verifySaved(List.of(single));
    }

    private void verifySaved(List<String> skus) throws Exception {
        long saved = system.savedProducts(skus);
        if (saved != skus.size()) {
            throw new IllegalStateException(saved + " of " + skus.size() + " products saved");
        }
    }

    private static Duration timeoutFor(int size) {
        return Duration.ofSeconds(60 + size / 100);
    }

    /** Our figure as a share of a baseline of the same run; empty when the baselines were not measured. */
    private static String ratio(double ours, Double baseline, String of) {
        return baseline == null ? "" : Results.percent(ours / baseline) + " " + of;
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double percentile(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
