package io.catalogbulk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Everything one run measured, printed as tables and written as results.md and results.json. */
final class Results {

    /** Seed figures (Magento, "Asynchronous Bulk API Performance Test"): bulk time as a share of sync and async. */
    static final Map<Integer, double[]> SEED_BULK_SHARE = Map.of(100, new double[] { 0.70, 0.585 }, 1_000, new double[] { 0.16, 0.20 });

    /** Total time of N products through each mode, in milliseconds (median of the repetitions). */
    record ModeRow(int size, double syncMs, double asyncMs, double bulkMs, double bulkAcceptMs) {
        double bulkShareOfSync() {
            return bulkMs / syncMs;
        }

        double bulkShareOfAsync() {
            return bulkMs / asyncMs;
        }
    }

    /** One figure: what, how much, of what unit, the target and a ratio to a baseline if any. */
    record Figure(String section, String name, double value, String unit, String target, String comparison) {
    }

    final List<ModeRow> modes = new ArrayList<>();
    final List<Figure> figures = new ArrayList<>();
    final Map<String, Double> baselines = new LinkedHashMap<>();
    final String command;
    final String machine;
    /** Service settings the run overrode through the environment (the services inherit it). */
    final Map<String, String> settings = new java.util.TreeMap<>();

    Results(String command) {
        this.command = command;
        this.machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("BROKER_") || name.startsWith("WORKER_") || name.startsWith("INGEST_") || name.startsWith("BENCH_")
                    || name.equals("SERVICE_JAVA_OPTS")) {
                settings.put(name, value);
            }
        });
    }

    Figure add(String section, String name, double value, String unit, String target, String comparison) {
        Figure figure = new Figure(section, name, value, unit, target, comparison);
        figures.add(figure);
        System.out.printf(Locale.ROOT, "  %-58s %12s %-6s %s%n", name, format(value), unit, comparison == null ? "" : comparison);
        return figure;
    }

    static String format(double value) {
        if (value >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    String modeTable() {
        StringBuilder table = new StringBuilder();
        table.append("| N | sync | async | bulk (202 after) | bulk / sync | bulk / async | seed bulk / sync | seed bulk / async | bulk per 1,000 items |\n");
        table.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ModeRow row : modes) {
            double[] seed = SEED_BULK_SHARE.get(row.size());
            table.append(String.format(Locale.ROOT, "| %,d | %s ms | %s ms | %s ms (%s ms) | %s | %s | %s | %s | %s ms |%n", row.size(),
                    format(row.syncMs()), format(row.asyncMs()), format(row.bulkMs()), format(row.bulkAcceptMs()),
                    percent(row.bulkShareOfSync()), percent(row.bulkShareOfAsync()),
                    seed == null ? (row.size() == 1 ? "sync cheaper" : "-") : percent(seed[0]),
                    seed == null ? "-" : percent(seed[1]), format(row.bulkMs() / row.size() * 1000)));
        }
        return table.toString();
    }

    String figureTable() {
        StringBuilder table = new StringBuilder();
        table.append("| section | measurement | value | target | compared with |\n|---|---|---:|---|---|\n");
        for (Figure figure : figures) {
            table.append("| ").append(figure.section()).append(" | ").append(figure.name()).append(" | ")
                    .append(format(figure.value())).append(' ').append(figure.unit()).append(" | ")
                    .append(figure.target() == null ? "" : figure.target()).append(" | ")
                    .append(figure.comparison() == null ? "" : figure.comparison()).append(" |\n");
        }
        return table.toString();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        String markdown = "# Benchmark results\n\nCommand: `" + command + "`  \nMachine: " + machine + "  \nSettings: " + (settings.isEmpty() ? "defaults" : settings) + "  \nRun: "
                + java.time.Instant.now() + "\n\n## Sync vs async vs bulk (total time until every product is saved)\n\n"
                + modeTable() + "\n## Ingest, end to end, status, fairness, baselines\n\n" + figureTable();
        Files.writeString(directory.resolve("results.md"), markdown);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("machine", machine);
        json.put("settings", settings);
        json.put("modes", modes);
        json.put("figures", figures);
        json.put("baselines", baselines);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("results.json").toFile(), json);
    }
}
