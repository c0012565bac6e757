package io.catalogbulk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.catalogbulk.core.operation.OperationStatus;

/**
 * The load test (bin/load-test, issue #20): the three packaged services ({@link BenchSystem}) under {@code --clients}
 * concurrent Gatling clients ({@link LoadSimulation}) for {@code --duration}, once per worker count of
 * {@code --workers}. Gatling runs in a JVM of its own with a modest heap ({@code --gatling-heap}) so its memory does
 * not come out of the services' on a 2-core machine. After each run it waits until no operation is open and checks in
 * the database that the operations stored since the run started are exactly the accepted ones, all complete. The
 * raw RabbitMQ and PostgreSQL rates of {@link Baselines} are measured in the same run and printed beside the scaling.
 * Options: --workers=1,2,4 --clients=200 --duration=2m --baseline=10s --gatling-heap=512m --out=benchmarks/target/load-test.
 */
public final class LoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KINDS = List.of("async single", "async bulk 100", "async bulk 1000", "status poll");

    /** One request kind's figures in one run, from Gatling's stats.json. */
    record KindStats(String kind, long requests, long errors, long limited, double perSecond, double p50, double p95, double p99) {
    }

    /** One run with {@code workers} worker processes. */
    record Run(int workers, List<KindStats> kinds, long accepted, long stored, long completed, long open, double loadSeconds,
            double drainSeconds) {
        double acceptedPerSecond() {
            return accepted / loadSeconds;
        }

        /** Accepted operations over the time until the last one completed: what the workers held. */
        double endToEndPerSecond() {
            return accepted / (loadSeconds + drainSeconds);
        }

        long errors() {
            return kinds.stream().mapToLong(KindStats::errors).sum();
        }

        boolean exactlyOnce() {
            return stored == accepted && completed == accepted && open == 0;
        }
    }

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        String report = run(root, args);
        System.out.println(report);
    }

    /** Runs the load test and returns the markdown report (also written to --out/load-test.md); throws if a check fails. */
    static String run(Path root, String... args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("workers", "1,2,4", "clients", "200", "duration", "2m",
                "baseline", "10s", "gatling-heap", "512m", "out", "benchmarks/target/load-test"));
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (!options.containsKey(pair[0]) || pair.length < 2) {
                throw new IllegalArgumentException("Unknown option " + arg + " (use " + options.keySet().stream().map(k -> "--" + k + "=")
                        .toList() + ")");
            }
            options.put(pair[0], pair[1]);
        }
        List<Integer> workers = Arrays.stream(options.get("workers").split(",")).map(String::trim).map(Integer::valueOf).toList();
        int clients = Integer.parseInt(options.get("clients"));
        Duration duration = Soak.duration(options.get("duration"));
        int baselineSeconds = (int) Soak.duration(options.get("baseline")).toSeconds();
        Path out = root.resolve(options.get("out"));
        Files.createDirectories(out);

        List<Run> runs = new ArrayList<>();
        Baselines.Broker broker;
        Baselines.Database database;
        try (BenchSystem system = BenchSystem.start(root)) {
            broker = Baselines.broker(baselineSeconds);
            database = Baselines.database(BenchSystem.DATABASE, baselineSeconds, 20_000);
            for (int count : workers) {
                system.scaleWorkers(count);
                runs.add(once(system, count, clients, duration, options.get("gatling-heap"), out));
            }
        }
        String report = report(runs, broker, database, clients, duration);
        Files.writeString(out.resolve("load-test.md"), report);
        for (Run run : runs) {
            if (run.errors() > 0 || !run.exactlyOnce()) {
                throw new IllegalStateException("Load test failed with " + run.workers() + " worker(s):\n" + report);
            }
        }
        return report;
    }

    private static Run once(BenchSystem system, int workers, int clients, Duration duration, String heap, Path out) throws Exception {
        long storedBefore = system.operations(null);
        long completedBefore = system.operations(OperationStatus.COMPLETE);
        Path results = out.resolve("gatling-" + workers + "w");
        Path counts = out.resolve("counts-" + workers + "w.json");
        Files.createDirectories(results);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                // Plain HTTP on NIO: the native transports and OpenSSL are not on the classpath (benchmarks/pom.xml).
                "-Dgatling.netty.useNativeTransport=false", "-Dgatling.ssl.useOpenSsl=false",
                "-Dgatling.charting.indicators.percentile1=50", "-Dgatling.charting.indicators.percentile2=75",
                "-Dgatling.charting.indicators.percentile3=95", "-Dgatling.charting.indicators.percentile4=99",
                "-Dload.clients=" + clients, "-Dload.seconds=" + duration.toSeconds(), "-Dload.prefix=lt" + workers + "w",
                "-Dload.token=" + system.token(), "-Dload.ingest=" + system.ingest.url(), "-Dload.status=" + system.status.url(),
                "-Dload.counts=" + counts, "io.gatling.app.Gatling", "-s", LoadSimulation.class.getName(), "-rf", results.toString()));
        System.out.printf(Locale.ROOT, "[load-test] %d worker(s): %d clients for %d s%n", workers, clients, duration.toSeconds());
        Process gatling = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("gatling-" + workers + "w.log").toFile()).start();
        int exit = gatling.waitFor();
        // The load's own length, not the process's: Gatling's JVM start and report writing take seconds of their own.
        double loadSeconds = duration.toMillis() / 1000.0;
        if (!Files.exists(counts)) {
            throw new IllegalStateException("Gatling ended with " + exit + " and no counts; see " + out.resolve("gatling-" + workers + "w.log"));
        }
        long drainStart = System.nanoTime();
        // 200 clients for 2 minutes accepted 305,000-367,000 operations here, drained 55-105 s after the load by
        // 1-4 workers; the bound is generous, and a stuck backlog still fails the run.
        system.quiesce(Duration.ofMinutes(25));
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

        JsonNode countsJson = JSON.readTree(counts.toFile());
        long accepted = 0;
        for (Iterator<JsonNode> it = countsJson.elements(); it.hasNext();) {
            accepted += it.next().path("operations").asLong();
        }
        List<KindStats> kinds = stats(latestStats(results), countsJson);
        return new Run(workers, kinds, accepted, system.operations(null) - storedBefore,
                system.operations(OperationStatus.COMPLETE) - completedBefore, system.operations(OperationStatus.OPEN), loadSeconds,
                drainSeconds);
    }

    private static Path latestStats(Path results) throws IOException {
        try (Stream<Path> files = Files.walk(results)) {
            return files.filter(p -> p.getFileName().toString().equals("stats.json") && p.getParent().getFileName().toString().equals("js"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("No Gatling stats.json under " + results));
        }
    }

    private static List<KindStats> stats(Path statsJson, JsonNode counts) throws IOException {
        JsonNode contents = JSON.readTree(statsJson.toFile()).path("contents");
        List<KindStats> kinds = new ArrayList<>();
        for (String kind : KINDS) {
            for (JsonNode request : contents) {
                if (request.path("name").asText().equals(kind)) {
                    JsonNode stats = request.path("stats");
                    kinds.add(new KindStats(kind, stats.path("numberOfRequests").path("total").asLong(),
                            stats.path("numberOfRequests").path("ko").asLong(), counts.path(kind).path("limited").asLong(),
                            stats.path("meanNumberOfRequestsPerSecond").path("total").asDouble(), stats.path("percentiles1").path("total").asDouble(),
                            stats.path("percentiles3").path("total").asDouble(), stats.path("percentiles4").path("total").asDouble()));
                }
            }
        }
        return kinds;
    }

    static String report(List<Run> runs, Baselines.Broker broker, Baselines.Database database, int clients, Duration duration) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Load test: %d concurrent clients for %d s per worker count (Gatling %s).%n%n", clients,
                duration.toSeconds(), "3.11.5"));
        md.append("| workers | request kind | requests | req/s | p50 ms | p95 ms | p99 ms | errors | 429 |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            for (KindStats k : run.kinds()) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %,d | %.1f | %.0f | %.0f | %.0f | %d | %d |%n", run.workers(), k.kind(),
                        k.requests(), k.perSecond(), k.p50(), k.p95(), k.p99(), k.errors(), k.limited()));
            }
        }
        md.append("\n| workers | operations accepted | accepted ops/s | drain after load | end-to-end ops/s | scaling vs 1 worker |"
                + " stored / completed / open | exactly once |\n|---|---|---|---|---|---|---|---|\n");
        double first = runs.isEmpty() ? 0 : runs.get(0).endToEndPerSecond();
        for (Run run : runs) {
            md.append(String.format(Locale.ROOT, "| %d | %,d | %,.0f | %.1f s | %,.0f | %.2f | %,d / %,d / %d | %s |%n", run.workers(),
                    run.accepted(), run.acceptedPerSecond(), run.drainSeconds(), run.endToEndPerSecond(),
                    first == 0 ? 0 : run.endToEndPerSecond() / first, run.stored(), run.completed(), run.open(),
                    run.exactlyOnce() ? "yes" : "NO"));
        }
        md.append(String.format(Locale.ROOT, "%nLimits measured in the same run: RabbitMQ (perf-test, 1 producer with confirms, 1 consumer) "
                + "%,.0f msg/s published, %,.0f msg/s consumed; PostgreSQL %,.0f single-row transactions/s, COPY %,.0f rows/s.%n",
                broker.publishedPerSecond(), broker.consumedPerSecond(), database.singleRowTransactionsPerSecond(), database.copyRowsPerSecond()));
        for (Run run : runs) {
            md.append(String.format(Locale.ROOT, "- %d worker(s): end to end %.1f%% of the broker's consume rate, %.1f%% of PostgreSQL's "
                    + "single-row transaction rate.%n", run.workers(), 100 * run.endToEndPerSecond() / broker.consumedPerSecond(),
                    100 * run.endToEndPerSecond() / database.singleRowTransactionsPerSecond()));
        }
        return md.toString();
    }
}
