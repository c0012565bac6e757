package io.catalogbulk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.catalogbulk.testsupport.ServiceProcesses;
import io.catalogbulk.testsupport.ServiceProcesses.ServiceProcess;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * Upload memory (bin/upload-memory, issue #15 "a file of several GB uploads with flat memory"): starts the packaged
 * ingest-service alone with a small heap on a fresh database (BENCH_DATABASE), uploads generated CSV files of
 * increasing size to {@code POST /V1/import/sources}, once with chunked transfer encoding and once with a
 * Content-Length, and samples the process from outside during each upload: resident set size ({@code /proc/<pid>/status}
 * VmRSS, every 200 ms) and heap after a full GC ({@code jcmd GC.run} then {@code GC.heap_info}, every few seconds).
 * The file is produced by an InputStream as the client sends it: never held in memory nor written to disk. Each
 * source is deleted after its measurement, so PostgreSQL holds at most one file at a time. Prints the table and
 * the ratio of the largest upload's max RSS to the smallest's (flat memory: near 1); writes upload-memory.md to --out.
 * Options: --sizes=100M,500M,2G --heap=256m --modes=chunked,length --heap-interval=10s --max-source-size=SIZE
 * --out=benchmarks/target/results.
 */
public final class UploadMemory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    /** One upload's measurement. */
    record Result(long bytes, String mode, double seconds, long rows, double maxHeapAfterGcMb, double maxRssMb,
            double rssBeforeMb, int status, String error) {

        double megabytesPerSecond() {
            return bytes / 1_048_576.0 / seconds;
        }
    }

    private UploadMemory() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        List<Long> sizes = Arrays.stream(options.getOrDefault("sizes", "100M,500M,2G").split(","))
                .map(String::trim).map(UploadMemory::bytes).toList();
        List<String> modes = List.of(options.getOrDefault("modes", "chunked,length").split(","));
        String heap = options.getOrDefault("heap", "256m");
        long heapInterval = Duration.parse("PT" + options.getOrDefault("heap-interval", "10s").toUpperCase(Locale.ROOT)).toMillis();
        Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
        Path out = root.resolve(options.getOrDefault("out", "benchmarks/target/results"));
        Files.createDirectories(out);

        String database = BenchSystem.DATABASE;
        TestEnvironment.recreateDatabase(database);
        TestEnvironment.BrokerNames names = TestEnvironment.brokerNames("bench");
        List<Result> results = new ArrayList<>();
        double idleRss;
        try (ServiceProcesses processes = new ServiceProcesses(root, root.resolve("benchmarks/target/service-logs"),
                ServiceProcesses.environment(database, names), heap)) {
            // --max-source-size lowers the service's IMPORT_MAX_SOURCE_SIZE: the uploads over it measure the 413 path
            // (the answer comes before the body is read to its end).
            Map<String, String> serviceEnvironment = options.containsKey("max-source-size")
                    ? Map.of("IMPORT_MAX_SOURCE_SIZE", options.get("max-source-size")) : Map.of();
            ServiceProcess ingest = processes.start("ingest", serviceEnvironment);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String token = token(http, ingest);
            // A small upload first, so class loading and JIT warm-up are not counted in the first size.
            upload(http, ingest, token, 1_048_576, "chunked", heapInterval);
            idleRss = rssMb(ingest.process().pid());
            System.out.printf(Locale.ROOT, "ingest-service pid %d, -Xmx%s, RSS after warm-up %.0f MiB%n",
                    ingest.process().pid(), heap, idleRss);
            for (long size : sizes) {
                for (String mode : modes) {
                    Result result = upload(http, ingest, token, size, mode, heapInterval);
                    results.add(result);
                    System.out.println(row(result));
                    if (!ingest.process().isAlive()) {
                        System.out.println("ingest-service died; see benchmarks/target/service-logs/ingest.log");
                        break;
                    }
                }
            }
            boolean outOfMemory = Files.readString(root.resolve("benchmarks/target/service-logs/ingest.log"))
                    .contains("OutOfMemoryError");
            String report = report(results, heap, idleRss, outOfMemory);
            System.out.println();
            System.out.println(report);
            Files.writeString(out.resolve("upload-memory.md"), report);
        } finally {
            TestEnvironment.deleteBrokerNames(names);
        }
    }

    private static Result upload(HttpClient http, ServiceProcess ingest, String token, long size, String mode,
            long heapInterval) throws Exception {
        long pid = ingest.process().pid();
        jcmd(pid, "GC.run");
        double rssBefore = rssMb(pid);
        GeneratedCsv csv = new GeneratedCsv(size);
        HttpRequest.BodyPublisher body = mode.equals("length")
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(size)),
                        csv.length())
                : HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(size));
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingest.url() + "/rest/V1/import/sources?filename=bench.csv"))
                .timeout(Duration.ofHours(1)).header("Content-Type", "text/csv").header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).POST(body).build();

        double[] maxRss = {rssBefore};
        double[] maxHeap = {-1};
        AtomicBoolean running = new AtomicBoolean(true);
        Thread rssSampler = new Thread(() -> {
            while (running.get()) {
                maxRss[0] = Math.max(maxRss[0], rssMb(pid));
                sleep(200);
            }
        }, "rss-sampler");
        Thread heapSampler = new Thread(() -> {
            while (running.get()) {
                maxHeap[0] = Math.max(maxHeap[0], heapAfterGcMb(pid));
                sleep(heapInterval);
            }
        }, "heap-sampler");
        rssSampler.start();
        heapSampler.start();
        long start = System.nanoTime();
        int status;
        String error = null;
        long rows = -1;
        String uuid = null;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status == 201) {
                JsonNode source = JSON.readTree(response.body());
                uuid = source.path("uuid").asText();
                rows = source.path("rows").asLong();
                if (source.path("size").asLong() != csv.length() || rows != csv.rows()
                        || !source.path("status").asText().equals("uploaded")) {
                    error = "stored " + source.path("size").asLong() + " bytes, " + rows + " rows, status "
                            + source.path("status").asText() + "; sent " + csv.length() + " bytes, " + csv.rows() + " rows";
                }
            } else {
                error = response.body().length() > 300 ? response.body().substring(0, 300) : response.body();
            }
        } catch (IOException e) {
            status = -1;
            error = e.toString();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        rssSampler.join();
        heapSampler.join();
        maxRss[0] = Math.max(maxRss[0], rssMb(pid));
        if (uuid != null) {
            // PostgreSQL keeps at most one generated file: each is deleted once measured.
            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(ingest.url() + "/rest/V1/import/sources/" + uuid))
                    .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (deleted.statusCode() / 100 != 2) {
                throw new IllegalStateException("DELETE of source " + uuid + " answered " + deleted.statusCode() + ": " + deleted.body());
            }
        }
        return new Result(csv.length(), mode, seconds, rows, maxHeap[0], maxRss[0], rssBefore, status, error);
    }

    private static String token(HttpClient http, ServiceProcess ingest) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest.url() + "/rest/V1/integration/admin/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin123\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin token answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readValue(response.body(), String.class);
    }

    static String report(List<Result> results, String heap, double idleRss, boolean outOfMemory) {
        StringBuilder md = new StringBuilder();
        md.append("ingest-service -Xmx").append(heap).append(String.format(Locale.ROOT, ", RSS after warm-up %.0f MiB%n%n", idleRss));
        md.append("| size | transfer | rows | time | MB/s | max heap after GC | max RSS | RSS before | result |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            md.append(row(r)).append('\n');
        }
        List<Result> ok = results.stream().filter(r -> r.error() == null).toList();
        if (ok.size() >= 2) {
            long smallest = ok.stream().mapToLong(Result::bytes).min().orElseThrow();
            long largest = ok.stream().mapToLong(Result::bytes).max().orElseThrow();
            double small = ok.stream().filter(r -> r.bytes() == smallest).mapToDouble(Result::maxRssMb).max().orElseThrow();
            double large = ok.stream().filter(r -> r.bytes() == largest).mapToDouble(Result::maxRssMb).max().orElseThrow();
            md.append(String.format(Locale.ROOT, "%nmax RSS at %s / max RSS at %s: %.2f (flat memory: near 1)%n",
                    size(largest), size(smallest), large / small));
        }
        md.append(outOfMemory ? "OutOfMemoryError in the ingest log\n" : "no OutOfMemoryError in the ingest log\n");
        return md.toString();
    }

    private static String row(Result r) {
        return String.format(Locale.ROOT, "| %s | %s | %,d | %.1f s | %.1f | %.0f MiB | %.0f MiB | %.0f MiB | %s |", size(r.bytes()),
                r.mode().equals("length") ? "Content-Length" : "chunked", r.rows(), r.seconds(), r.megabytesPerSecond(),
                r.maxHeapAfterGcMb(), r.maxRssMb(), r.rssBeforeMb(), r.error() == null ? r.status() + " stored, deleted"
                        : r.status() + " " + r.error().replace('|', '/').replace('\n', ' '));
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 && bytes % (1L << 30) < (1L << 20)
                ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / 1_048_576.0);
    }

    /** "100M", "2G", "500000" → bytes (binary units). */
    static long bytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = switch (t.charAt(t.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    private static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process ended
        }
        return -1;
    }

    private static double heapAfterGcMb(long pid) {
        try {
            jcmd(pid, "GC.run");
            Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A CSV file of about {@code size} bytes made as it is read: a header and fixed-width rows (so the exact length
     * is known before sending, for the Content-Length), each with a SKU, a name, a price and a description cut from a
     * random text block at a row-dependent offset (not a single repeated line, which PostgreSQL would compress to
     * almost nothing). Holds one row in memory.
     */
    static final class GeneratedCsv extends InputStream {

        private static final byte[] HEADER = "sku,name,price,description\n".getBytes(StandardCharsets.US_ASCII);
        private static final int DESCRIPTION = 900;
        private static final byte[] TEXT = randomText(64 * 1024);
        /** "BENCH-%012d,Bench product %012d,19.99," + description + "\n". */
        static final int ROW = 6 + 12 + 1 + 14 + 12 + 1 + 6 + DESCRIPTION + 1;

        private final long rows;
        private final byte[] row = new byte[ROW];
        private long nextRow;
        private int position;
        private int limit;

        GeneratedCsv(long size) {
            this.rows = Math.max(1, (size - HEADER.length) / ROW);
            System.arraycopy(HEADER, 0, row, 0, HEADER.length);
            this.limit = HEADER.length;
            this.nextRow = 0;
        }

        long rows() {
            return rows;
        }

        long length() {
            return HEADER.length + rows * ROW;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int copied = 0;
            while (copied < len) {
                if (position == limit && !fill()) {
                    break;
                }
                int n = Math.min(len - copied, limit - position);
                System.arraycopy(row, position, b, off + copied, n);
                position += n;
                copied += n;
            }
            return copied == 0 ? -1 : copied;
        }

        private boolean fill() {
            if (nextRow >= rows) {
                return false;
            }
            String number = String.format(Locale.ROOT, "%012d", nextRow);
            int p = 0;
            p = put("BENCH-", p);
            p = put(number, p);
            p = put(",Bench product ", p);
            p = put(number, p);
            p = put(",19.99,", p);
            System.arraycopy(TEXT, (int) ((nextRow * 7919) % (TEXT.length - DESCRIPTION)), row, p, DESCRIPTION);
            p += DESCRIPTION;
            row[p++] = '\n';
            position = 0;
            limit = p;
            nextRow++;
            return true;
        }

        private int put(String text, int at) {
            for (int i = 0; i < text.length(); i++) {
                row[at + i] = (byte) text.charAt(i);
            }
            return at + text.length();
        }

        private static byte[] randomText(int length) {
            Random random = new Random(15);
            byte[] text = new byte[length];
            for (int i = 0; i < length; i++) {
                int r = random.nextInt(32);
                text[i] = (byte) (r < 26 ? 'a' + r : ' ');
            }
            return text;
        }
    }
}
