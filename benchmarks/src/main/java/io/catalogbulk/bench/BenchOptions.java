package io.catalogbulk.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run measures. The default is the full run of issue #6; {@code --quick} is a shorter run
 * for a development loop, {@code --smoke} the tiny run the build uses to prove the harness works.
 *
 * @param sizes        N of the sync / async / bulk comparison
 * @param largeBulk    operations of the large bulk (ingest, end to end, status, fairness)
 * @param mediumBulk   operations of the smaller ingest measurement
 * @param baselineTime seconds each raw baseline (RabbitMQ, PostgreSQL) runs
 * @param workers      worker process counts of the end-to-end measurement
 * @param out          where results.md, results.json and benchmark.png go
 * @param phases       what to measure: baselines, modes, large (ingest, end to end, status), fairness, contention
 *                     (per-entity order: bulks on distinct vs the same SKUs, ordering on vs off), import
 * @param queueTypes   BROKER_QUEUE_TYPE values the fairness phase runs with, each on services of its own; empty: once,
 *                     on the services of the other phases (the type the environment gives, classic by default)
 * @param contentionSkus SKUs each bulk of the contention measurement updates (10 bulks back to back)
 * @param importRows   rows of the generated Magento product CSV of the import phase
 */
record BenchOptions(List<Integer> sizes, int largeBulk, int mediumBulk, int baselineTime, List<Integer> workers, Path out,
        Set<String> phases, int contentionSkus, int importRows, List<String> queueTypes) {

    static final Set<String> ALL_PHASES = Set.of("baselines", "modes", "large", "fairness", "contention", "import");
    static final Set<String> QUEUE_TYPES = Set.of("classic", "quorum");

    static BenchOptions parse(String... args) {
        List<Integer> sizes = List.of(1, 100, 1_000, 10_000);
        int large = 100_000;
        int medium = 10_000;
        int baselineTime = 10;
        List<Integer> workers = List.of(1, 2);
        Path out = Path.of("benchmarks", "target", "results");
        Set<String> phases = ALL_PHASES;
        int contentionSkus = 500;
        int importRows = 1_000_000;
        List<String> queueTypes = List.of();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                sizes = List.of(1, 100, 1_000);
                large = 20_000;
                medium = 5_000;
                baselineTime = 5;
                importRows = 50_000;
            } else if (arg.equals("--smoke")) {
                sizes = List.of(1, 10);
                large = 300;
                medium = 100;
                baselineTime = 1;
                contentionSkus = 20;
                importRows = 200;
            } else if (arg.startsWith("--sizes=")) {
                sizes = Arrays.stream(arg.substring(8).split(",")).map(String::trim).map(Integer::valueOf).toList();
            } else if (arg.startsWith("--large=")) {
                large = Integer.parseInt(arg.substring(8));
            } else if (arg.startsWith("--workers=")) {
                workers = Arrays.stream(arg.substring(10).split(",")).map(String::trim).map(Integer::valueOf).toList();
            } else if (arg.startsWith("--phases=")) {
                phases = Set.copyOf(Arrays.asList(arg.substring(9).split(",")));
                if (!ALL_PHASES.containsAll(phases)) {
                    throw new IllegalArgumentException("--phases takes " + ALL_PHASES);
                }
            } else if (arg.startsWith("--contention-skus=")) {
                contentionSkus = Integer.parseInt(arg.substring(18));
            } else if (arg.startsWith("--import-rows=")) {
                importRows = Integer.parseInt(arg.substring(14));
            } else if (arg.startsWith("--queue-types=")) {
                queueTypes = Arrays.stream(arg.substring(14).split(",")).map(String::trim).toList();
                if (!QUEUE_TYPES.containsAll(queueTypes)) {
                    throw new IllegalArgumentException("--queue-types takes " + QUEUE_TYPES);
                }
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            } else {
                throw new IllegalArgumentException("Unknown option " + arg
                        + " (use --quick, --smoke, --sizes=1,100, --large=N, --workers=1,2, --phases=baselines,modes,large,fairness,contention,import,"
                        + " --contention-skus=N, --import-rows=N, --queue-types=classic,quorum, --out=DIR)");
            }
        }
        return new BenchOptions(sizes, large, medium, baselineTime, workers, out, phases, contentionSkus, importRows, queueTypes);
    }

    /** Repetitions of one comparison size: tiny runs are noisy, so they are repeated and the median is kept. */
    int repetitions(int size) {
        if (size <= 1) {
            return 15;
        }
        return size <= 100 ? 3 : 1;
    }
}
