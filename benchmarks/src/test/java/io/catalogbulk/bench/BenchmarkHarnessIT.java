package io.catalogbulk.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The harness itself works: a smoke run (tiny sizes, one-second baselines) against the real services,
 * PostgreSQL and RabbitMQ produces every table row, positive figures, and a PNG chart. It checks that the
 * benchmark measures, not how fast the system is: figures are for bin/benchmark, never asserted.
 */
class BenchmarkHarnessIT {

    @Test
    void smokeRunMeasuresEveryFigureAndDrawsTheChart() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Path out = Benchmark.run(root, "--smoke", "--out=benchmarks/target/smoke-results");

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(2, results.path("modes").size(), "one row per comparison size");
        for (JsonNode mode : results.path("modes")) {
            for (String field : new String[] { "syncMs", "asyncMs", "bulkMs", "bulkAcceptMs" }) {
                assertTrue(mode.path(field).asDouble() > 0, field + " measured for N=" + mode.path("size"));
            }
        }
        for (String section : new String[] { "baseline", "ingest", "end to end", "status", "fairness", "contention", "import" }) {
            assertTrue(countSection(results, section) > 0, "figures of section " + section);
        }
        for (JsonNode figure : results.path("figures")) {
            // A count of SKUs left at a wrong price is measured too, and 0 is its expected value with ordering on.
            boolean count = figure.path("unit").asText().equals("SKUs");
            double value = figure.path("value").asDouble(-1);
            assertTrue(count ? value >= 0 : value > 0, (count ? "measured: " : "positive: ") + figure.path("name").asText());
        }
        assertEquals(2, countName(results, "worker process"), "end to end with 1 and 2 workers");
        byte[] png = Files.readAllBytes(out.resolve("benchmark.png"));
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, Arrays.copyOf(png, 4));
        assertTrue(Files.readString(out.resolve("results.md")).contains("| 10 |"), "markdown table with N = 10");
    }

    /**
     * The load test's harness works: a few seconds of Gatling against the real services with one worker, every request
     * kind answered and measured, and the database check passes (LoadTest.run throws if an error was answered or the
     * stored operations are not exactly the accepted ones, all complete).
     */
    @Test
    void loadTestSmokeRunMeasuresEveryRequestKindAndChecksTheOperations() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        String report = LoadTest.run(root, "--workers=1", "--clients=4", "--duration=3s", "--baseline=1s", "--gatling-heap=256m",
                "--out=benchmarks/target/load-test-smoke");
        for (String kind : new String[] { "async single", "async bulk 100", "async bulk 1000", "status poll" }) {
            assertTrue(report.contains("| 1 | " + kind + " |"), "a row for " + kind + ":\n" + report);
        }
        assertTrue(report.contains("| yes |"), "every accepted operation completed exactly once:\n" + report);
    }

    private static long countSection(JsonNode results, String section) {
        long count = 0;
        for (JsonNode figure : results.path("figures")) {
            count += figure.path("section").asText().equals(section) ? 1 : 0;
        }
        return count;
    }

    private static long countName(JsonNode results, String part) {
        long count = 0;
        for (JsonNode figure : results.path("figures")) {
            count += figure.path("name").asText().contains(part) ? 1 : 0;
        }
        return count;
    }
}
