package io.catalogbulk.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The import phase (issue #15): a generated Magento product CSV is uploaded, started and followed to its last row,
 * and the same number of products then goes through the bulk API in the same run, so the import's rows/s is reported
 * as a ratio of the bulk API's ops/s measured minutes apart on the same machine, database and workers.
 */
final class ImportPhase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchSystem system;
    private final Results results;

    ImportPhase(BenchSystem system, Results results) {
        this.system = system;
        this.results = results;
    }

    void run(long rows, String prefix) throws Exception {
        System.out.printf(Locale.ROOT, "%nImport of a %,d-row Magento product CSV, and the same products through the bulk API%n", rows);
        Path file = Files.createTempFile("bench-import", ".csv");
        try {
            String importPrefix = prefix + "-imp";
            CatalogProductCsv.Written csv = CatalogProductCsv.write(file, importPrefix, rows);
            system.quiesce();

            long uploadStart = System.nanoTime();
            HttpResponse<String> uploaded = system.upload("/V1/import/sources?filename=products.csv", file, "text/csv");
            double uploadMs = millisSince(uploadStart);
            BenchSystem.expect(uploaded, 201, 200);
            JsonNode source = JSON.readTree(uploaded.body());
            if (source.path("rows").asLong(-1) != csv.rows()) {
                throw new IllegalStateException("The upload counted " + source.path("rows") + " rows, the file has " + csv.rows()
                        + ": " + uploaded.body());
            }
            double megabytes = csv.bytes() / 1024.0 / 1024.0;
            results.add("import", String.format(Locale.ROOT, "upload of a %,.1f MiB product CSV (%,d rows) streamed and checked", megabytes,
                    csv.rows()), megabytes / (uploadMs / 1000), "MiB/s", null, null);

            String start = "{\"import\":{\"importType\":\"catalog_product\",\"importBehaviour\":\"append\","
                    + "\"validationStrategy\":\"skip-errors\"}}";
            long startedAt = System.nanoTime();
            HttpResponse<String> started = system.post("/V1/import/sources/" + source.path("uuid").asText() + "/start",
                    start.getBytes());
            double startMs = millisSince(startedAt);
            BenchSystem.expect(started, 202);
            JsonNode job = JSON.readTree(started.body());
            results.add("import", "start (POST .../start to its 202)", startMs, "ms", "≤ 1,000 ms", null);

            UUID importUuid = UUID.fromString(job.path("import_uuid").asText());
            UUID bulk = UUID.fromString(job.path("bulk_uuid").asText());
            BenchSystem.ImportOutcome outcome = system.awaitImport(importUuid, bulk, Duration.ofSeconds(120 + rows / 50));
            double importMs = millisSince(startedAt);
            double importRate = csv.rows() / (importMs / 1000);
            if (outcome.failed() > 0) {
                System.out.println("  " + outcome.failed() + " rows failed, e.g.: " + outcome.firstError());
            }
            if (system.savedProducts(List.of(prefix + "-imp-0", prefix + "-imp-" + (csv.products() - 1))) != 2) {
                throw new IllegalStateException("The import ended but its first and last products are not in the catalog");
            }

            system.quiesce();
            double bulkRate = sameProductsThroughBulkApi(prefix, csv, importPrefix);

            results.add("import", String.format(Locale.ROOT, "%,d rows: start to last row finished (%,d failed)", csv.rows(),
                    outcome.failed()), importRate, "rows/s", "≥ 0.8 × bulk API", Results.percent(importRate / bulkRate) + " of the bulk API");
            results.add("import", String.format(Locale.ROOT, "the same products and store-view rows through the bulk API (POST to all complete)"), bulkRate,
                    "ops/s", null, null);
            results.add("import", "peak RSS of ingest (upload and split; heap capped at " + heap() + ")",
                    system.ingest.peakRssBytes() / 1024.0 / 1024.0, "MiB", null, null);
            results.add("import", "peak RSS of the worker (heap capped at " + heap() + ")", system.peakWorkerRssBytes() / 1024.0 / 1024.0,
                    "MiB", null, null);
            System.out.printf(Locale.ROOT, "  upload %.1f MiB/s, start %.0f ms, import %.0f rows/s, bulk API %.0f ops/s, ratio %.2f%n",
                    megabytes / (uploadMs / 1000), startMs, importRate, bulkRate, importRate / bulkRate);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The same products as bulk API requests: one product item per global row with the same data (category links by
     * the ids the import gave the paths, stock, website, custom attributes), and one store-view PUT per store-view
     * row, sent in bulks of at most {@link #BULK_SLICE} once the global ones are complete; timed from the first POST until every
     * operation is complete. Returns operations per second.
     */
    private double sameProductsThroughBulkApi(String prefix, CatalogProductCsv.Written csv, String importPrefix) throws Exception {
        long[][] categories = new long[20][];
        for (int group = 0; group < 20 && group < csv.products(); group++) {
            categories[group] = system.categoryIdsOf(importPrefix + "-" + group);
        }
        String bulkPrefix = prefix + "-bulk";
        List<UUID> bulks = new ArrayList<>();
        long start = System.nanoTime();
        long operations = 0;
        for (boolean storeViews : new boolean[] { false, true }) {
            StringBuilder body = new StringBuilder();
            int items = 0;
            for (long product = 0; product < csv.products(); product++) {
                if (storeViews && (!CatalogProductCsv.hasStoreViewRow(product) || operations == csv.rows())) {
                    continue; // the file's last product may have lost its store-view row to the row count
                }
                String sku = bulkPrefix + "-" + product;
                body.append(items == 0 ? '[' : ',').append(storeViews ? CatalogProductCsv.storeViewItem(sku, product)
                        : CatalogProductCsv.bulkItem(sku, product, categories[CatalogProductCsv.group(product)]));
                items++;
                operations++;
                if (items == BULK_SLICE) {
                    bulks.add(BenchSystem.bulkUuid(storeViews
                            ? system.postInStore("default", "/async/bulk/V1/products/bySku", "PUT", body.append(']').toString())
                            : system.post("/async/bulk/V1/products", body.append(']').toString().getBytes(StandardCharsets.UTF_8))));
                    body.setLength(0);
                    items = 0;
                }
            }
            if (items > 0) {
                bulks.add(BenchSystem.bulkUuid(storeViews
                        ? system.postInStore("default", "/async/bulk/V1/products/bySku", "PUT", body.append(']').toString())
                        : system.post("/async/bulk/V1/products", body.append(']').toString().getBytes(StandardCharsets.UTF_8))));
            }
            // A store-view PUT of a product not saved yet would try to create it (and fail without a price): as a
            // client of the bulk API must, the store-view rows are sent once the products exist.
            system.awaitComplete(bulks, operations, Duration.ofSeconds(120 + operations / 50));
        }
        return operations / (millisSince(start) / 1000);
    }

    private static final int BULK_SLICE = 50_000;

    private static String heap() {
        return io.catalogbulk.testsupport.TestEnvironment.env("BENCH_SERVICE_HEAP", "512m");
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
