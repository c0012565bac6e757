package io.catalogbulk.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

import io.catalogbulk.testsupport.TestEnvironment;

/**
 * What the machine itself can do, measured in the same run: RabbitMQ publish-with-confirms and consume rates
 * (com.rabbitmq:perf-test with our message size, persistence, confirm window and prefetch) and PostgreSQL
 * COPY and single-row-transaction rates. Our figures are printed as a ratio to these.
 */
final class Baselines {

    private static final Pattern SENDING = Pattern.compile("sending rate avg: ([0-9]+)");
    private static final Pattern RECEIVING = Pattern.compile("receiving rate avg: ([0-9]+)");

    record Broker(double publishedPerSecond, double consumedPerSecond) {
    }

    record Database(double copyRowsPerSecond, double singleRowTransactionsPerSecond) {
    }

    private Baselines() {
    }

    /** One producer with confirms and one consumer with manual acks on one persistent queue, for {@code seconds}. */
    static Broker broker(int seconds) throws Exception {
        String queue = "bench.perf-test." + UUID.randomUUID().toString().substring(0, 8);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.rabbitmq.perf.PerfTest",
                "--uri", "amqp://guest:guest@" + TestEnvironment.RABBIT_HOST + ":" + TestEnvironment.RABBIT_PORT,
                "--producers", "1", "--consumers", "1", "--size", "400", "--confirm", "200", "--qos", "200",
                "--flag", "persistent", "--queue", queue, "--auto-delete", "true", "--time", String.valueOf(seconds)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
            }
        }
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("perf-test failed:\n" + output);
        }
        return new Broker(rate(SENDING, output), rate(RECEIVING, output));
    }

    private static double rate(Pattern pattern, CharSequence output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("perf-test printed no " + pattern.pattern() + ":\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** COPY of operation-shaped rows, and one INSERT per committed transaction for {@code seconds}. */
    static Database database(String databaseName, int seconds, int copyRows) throws Exception {
        try (Connection connection = TestEnvironment.connect(databaseName)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS bench_baseline");
                statement.execute("CREATE TABLE bench_baseline (bulk_uuid uuid NOT NULL, id integer NOT NULL,"
                        + " topic_name varchar(255) NOT NULL, serialized_data text NOT NULL, status smallint NOT NULL,"
                        + " PRIMARY KEY (bulk_uuid, id))");
            }
            String data = Products.item("baseline-sku").replace("\"", "\"\"");
            UUID bulk = UUID.randomUUID();
            StringBuilder csv = new StringBuilder(copyRows * 400);
            for (int i = 0; i < copyRows; i++) {
                csv.append(bulk).append(',').append(i).append(",async.V1.products.POST,\"").append(data).append("\",1\n");
            }
            long start = System.nanoTime();
            ((PGConnection) connection).getCopyAPI().copyIn("COPY bench_baseline FROM STDIN WITH (FORMAT csv)",
                    new StringReader(csv.toString()));
            double copyRate = copyRows / ((System.nanoTime() - start) / 1e9);

            UUID single = UUID.randomUUID();
            long rows = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            start = System.nanoTime();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bench_baseline (bulk_uuid, id, topic_name, serialized_data, status) VALUES (?, ?, ?, ?, 1)")) {
                connection.setAutoCommit(true);
                String item = Products.item("baseline-sku");
                while (System.nanoTime() < end) {
                    insert.setObject(1, single);
                    insert.setInt(2, (int) rows);
                    insert.setString(3, "async.V1.products.POST");
                    insert.setString(4, item);
                    insert.executeUpdate();
                    rows++;
                }
            }
            double singleRate = rows / ((System.nanoTime() - start) / 1e9);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE bench_baseline");
            }
            return new Database(copyRate, singleRate);
        }
    }
}
