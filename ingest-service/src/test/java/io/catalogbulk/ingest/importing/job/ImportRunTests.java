package io.catalogbulk.ingest.importing.job;

import static io.catalogbulk.ingest.support.IngestTestSupport.adminToken;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.RunQueue;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Starting imports through HTTP and following the split: route items from CSV and NDJSON, skip-errors and
 * stop-on-error, mapping and converting rules, the failed rows, corrections, and a split resumed after its splitter
 * died. (No worker runs here: operations stay open unless a test settles them as a worker would.)
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ImportRunTests {

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + adminToken());
    }

    static String upload(String contentType, String body) {
        return admin().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8)).post("/rest/V1/import/sources")
                .then().statusCode(201).extract().path("uuid");
    }

    static JsonPath start(String source, String importJson) {
        return admin().contentType(ContentType.JSON).body("{\"import\":" + importJson + "}")
                .post("/rest/V1/import/sources/" + source + "/start")
                .then().statusCode(202).body("status", equalTo("queued")).extract().jsonPath();
    }

    static JsonPath awaitSplit(String importUuid) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = admin().get("/rest/V1/import/" + importUuid).then().statusCode(200).extract().path("status");
            return !status.equals("queued") && !status.equals("splitting");
        });
        return admin().get("/rest/V1/import/" + importUuid).then().statusCode(200).extract().jsonPath();
    }

    /** CSV of products: every seventh row has a negative price (invalid). */
    static String products(String prefix, int rows) {
        StringBuilder csv = new StringBuilder("product.sku,product.name,product.price,product.attribute_set_id,product.type_id\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(prefix).append(i).append(",Product ").append(i).append(',').append(i % 7 == 0 ? "-1" : String.valueOf(i))
                    .append(",4,simple\n");
        }
        return csv.toString();
    }

    @Test
    void csvOfRouteItemsIsSplitIntoOperationsWithInvalidRowsFailed() throws Exception {
        String prefix = IngestTestSupport.unique("imp") + "-";
        String source = upload("text/csv", products(prefix, 250));
        JsonPath started = start(source, "{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\"}");
        String importUuid = started.getString("import_uuid");
        UUID bulk = UUID.fromString(started.getString("bulk_uuid"));
        JsonPath status = awaitSplit(importUuid);
        assertEquals("processing", status.getString("status"));
        assertEquals(250, status.getInt("rows_total"));
        assertEquals(250, status.getInt("rows_queued"));
        assertEquals(35, status.getInt("counts.failed"));
        assertEquals(215, status.getInt("counts.open"));
        assertEquals(7, status.getInt("errors[0].row"));
        assertTrue(status.getString("errors[0].message").contains("price"), status.getString("errors[0].message"));
        // Operation id = row - 1, holding exactly what the bulk API would store for the item.
        assertEquals(250, count("select count(*) from operation where bulk_uuid = ?", bulk));
        assertEquals(250, count("select operation_count from bulk where uuid = ?", bulk));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 0 and serialized_data::jsonb"
                + " @> jsonb_build_object('product', jsonb_build_object('sku', ?::text, 'price', 1))", bulk, prefix + "1"));
        // Every valid row was published (the run's queue receives them), and the bulk is marked published.
        assertEquals(215, RunQueue.take(bulk.toString(), 215, Duration.ofSeconds(20)).size());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from bulk where uuid = ? and published_at is not null", bulk) == 1);
        // The bulk is an ordinary bulk: ingest's own routes see the import in the list.
        admin().get("/rest/V1/import?searchCriteria[filter_groups][0][filters][0][field]=status"
                + "&searchCriteria[filter_groups][0][filters][0][value]=processing").then().statusCode(200)
                .body("items.import_uuid", hasItem(importUuid));

        // The failed rows, in input order, with the file's columns, row and error.
        String csv = admin().get("/rest/V1/import/" + importUuid + "/failed-rows").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\n");
        assertEquals(36, lines.length, csv);
        assertEquals("product.sku,product.name,product.price,product.attribute_set_id,product.type_id,row,error", lines[0]);
        assertTrue(lines[1].startsWith(prefix + "7,Product 7,-1,4,simple,7,"), lines[1]);
        String ndjson = admin().accept("application/x-ndjson").get("/rest/V1/import/" + importUuid + "/failed-rows").then().statusCode(200)
                .extract().asString();
        assertEquals(35, ndjson.split("\n").length);
        assertTrue(ndjson.startsWith("{\"row\":7,"), ndjson);

        // Correcting one row re-opens its operation with the new data and publishes it.
        admin().contentType(ContentType.JSON)
                .body("{\"row\":{\"product.sku\":\"" + prefix + "7\",\"product.name\":\"Fixed\",\"product.price\":\"7\","
                        + "\"product.attribute_set_id\":\"4\",\"product.type_id\":\"simple\"}}")
                .put("/rest/V1/import/" + importUuid + "/rows/7").then().statusCode(202).body("rows_requeued", equalTo(1));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 6 and status = 4"
                + " and serialized_data::jsonb -> 'product' ->> 'name' = 'Fixed'", bulk));
        assertEquals(1, RunQueue.take(bulk.toString(), 1, Duration.ofSeconds(10)).size());
        // A row that did not fail cannot run again; a correction that is still invalid is refused with its error.
        admin().contentType(ContentType.JSON).body("{\"row\":{\"product.sku\":\"x\"}}")
                .put("/rest/V1/import/" + importUuid + "/rows/1").then().statusCode(400).body("message", containsString("has not failed"));
        admin().contentType(ContentType.JSON).body("{\"row\":{\"product.sku\":\"" + prefix + "14\",\"product.price\":\"-3\"}}")
                .put("/rest/V1/import/" + importUuid + "/rows/14").then().statusCode(400);

        // Resubmitting the download, edited: every row given runs again.
        StringBuilder edited = new StringBuilder(lines[0]).append('\n');
        for (int row = 21; row <= 35; row += 7) {
            edited.append(prefix).append(row).append(",Again ").append(row).append(',').append(row).append(",4,simple,").append(row)
                    .append(",old error\n");
        }
        admin().contentType("text/csv").body(edited.toString().getBytes(StandardCharsets.UTF_8))
                .post("/rest/V1/import/" + importUuid + "/resubmit").then().statusCode(202).body("rows_requeued", equalTo(3));
        assertEquals(215 + 4, count("select count(*) from operation where bulk_uuid = ? and status = 4", bulk));

        // Once every operation is settled (as the worker would), the import is complete_with_errors.
        try (var c = IngestTestSupport.db(); PreparedStatement s = c.prepareStatement(
                "update operation set status = 1, finished_at = now() where bulk_uuid = ? and status = 4")) {
            s.setObject(1, bulk);
            s.executeUpdate();
        }
        admin().get("/rest/V1/import/" + importUuid).then().statusCode(200)
                .body("status", equalTo("complete_with_errors")).body("counts.complete", equalTo(219)).body("counts.failed", equalTo(31));
    }

    @Test
    void stopOnErrorValidatesFirstAndQueuesNothingOverTheAllowedCount() throws Exception {
        String source = upload("text/csv", products(IngestTestSupport.unique("stop") + "-", 30));
        JsonPath refused = start(source, "{\"importType\":\"route\",\"route\":\"POST /V1/products\","
                + "\"validationStrategy\":\"stop-on-error\",\"allowedErrorCount\":3}");
        JsonPath status = awaitSplit(refused.getString("import_uuid"));
        assertEquals("failed", status.getString("status"));
        assertEquals(4, status.getList("errors").size());
        assertEquals(0, count("select count(*) from operation where bulk_uuid = ?", UUID.fromString(refused.getString("bulk_uuid"))));
        // Within the allowed count, every row is written: the invalid ones failed.
        JsonPath allowed = start(source, "{\"importType\":\"route\",\"route\":\"POST /V1/products\","
                + "\"validationStrategy\":\"stop-on-error\",\"allowedErrorCount\":4}");
        JsonPath ok = awaitSplit(allowed.getString("import_uuid"));
        assertEquals("processing", ok.getString("status"));
        assertEquals(4, ok.getInt("counts.failed"));
        assertEquals(26, ok.getInt("counts.open"));
    }

    @Test
    void mappingAndConvertingRulesApplyBeforeValidation() throws Exception {
        String prefix = IngestTestSupport.unique("map");
        String source = upload("text/csv", "Artikelnummer,Bezeichnung,Preis,Aktiv\n" + prefix + "_a,Rot,5,yes\n" + prefix + "_b,Blau,6,no\n");
        JsonPath started = start(source, "{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\","
                + "\"mapping\":[{\"source\":\"Artikelnummer\",\"target\":\"product.sku\"},{\"source\":\"Bezeichnung\",\"target\":\"product.name\"},"
                + "{\"source\":\"Preis\",\"target\":\"product.price\"},{\"source\":\"Aktiv\",\"target\":\"product.status\"}],"
                + "\"convertingRules\":[{\"identifier\":\"string_replace\",\"applyTo\":[\"product.sku\"],\"parameters\":{\"search\":\"_\",\"replace\":\"-\"}},"
                + "{\"identifier\":\"string_to_upper\",\"applyTo\":[\"product.name\"]},"
                + "{\"identifier\":\"yes_no_to_bool\",\"applyTo\":[\"product.status\"]},"
                + "{\"identifier\":\"string_replace\",\"applyTo\":[\"product.status\"],\"parameters\":{\"search\":\"0\",\"replace\":\"2\"}}]}");
        JsonPath status = awaitSplit(started.getString("import_uuid"));
        assertEquals(0, status.getInt("counts.failed"), status.prettify());
        UUID bulk = UUID.fromString(started.getString("bulk_uuid"));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 0 and serialized_data::jsonb -> 'product'"
                + " @> jsonb_build_object('sku', ?::text, 'name', 'ROT', 'status', 1)", bulk, prefix + "-a"));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 1 and serialized_data::jsonb -> 'product'"
                + " @> jsonb_build_object('status', 2)", bulk));
    }

    @Test
    void ndjsonItemsAndBadStarts() throws Exception {
        String prefix = IngestTestSupport.unique("nd");
        String source = upload("application/x-ndjson", "{\"product\":{\"sku\":\"" + prefix + "-1\",\"price\":1}}\n"
                + "{\"product\":{\"sku\":\"" + prefix + "-2\",\"price\":\"abc\"}}\n");
        JsonPath started = start(source, "{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\"}");
        JsonPath status = awaitSplit(started.getString("import_uuid"));
        assertEquals(1, status.getInt("counts.open"));
        assertEquals(1, status.getInt("counts.failed"));
        assertEquals(2, status.getInt("errors[0].row"));

        String start = "/rest/V1/import/sources/" + source + "/start";
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"route\",\"route\":\"GET /V1/products\"}}").post(start)
                .then().statusCode(400).body("parameters.route", equalTo("GET /V1/products"));
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"route\"}}").post(start)
                .then().statusCode(400).body("parameters.fieldName", equalTo("route"));
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"maybe\"}}")
                .post(start).then().statusCode(400).body("parameters.fieldName", equalTo("validationStrategy"));
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\","
                + "\"convertingRules\":[{\"identifier\":\"explode\",\"applyTo\":[\"a\"]}]}}").post(start).then().statusCode(400);
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\"}}")
                .post("/rest/V1/import/sources/" + UUID.randomUUID() + "/start").then().statusCode(404);
        admin().get("/rest/V1/import/" + UUID.randomUUID()).then().statusCode(404);
        // Starting needs the route's ACL as well as the import's.
        String importerOnly = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + adminToken())
                .body("{\"integration\":{\"name\":\"imp-" + UUID.randomUUID() + "\",\"resources\":[\"Magento_ImportExport::import\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200).extract().path("access_token");
        String own = given().header("Authorization", "Bearer " + importerOnly).contentType("application/x-ndjson")
                .body("{\"product\":{\"sku\":\"x\"}}\n".getBytes(StandardCharsets.UTF_8)).post("/rest/V1/import/sources")
                .then().statusCode(201).extract().path("uuid");
        given().header("Authorization", "Bearer " + importerOnly).contentType(ContentType.JSON)
                .body("{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\"}}")
                .post("/rest/V1/import/sources/" + own + "/start").then().statusCode(401).body("parameters.resources", equalTo("Magento_Catalog::products"));
        // Another principal does not see the admin's import.
        given().header("Authorization", "Bearer " + importerOnly).get("/rest/V1/import/" + started.getString("import_uuid")).then().statusCode(404);
    }

    /**
     * A splitter that died after committing two chunks: its lease runs out, another claim resumes after the last committed
     * chunk, and every row ends as exactly one operation.
     */
    @Test
    void interruptedSplitResumesWithoutLosingOrDoublingRows() throws Exception {
        String prefix = IngestTestSupport.unique("res") + "-";
        String source = upload("text/csv", products(prefix, 450));
        UUID job = UUID.randomUUID();
        UUID bulk = UUID.randomUUID();
        try (var c = IngestTestSupport.db()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("insert into bulk (uuid, user_id, user_type, description, operation_count,"
                    + " publish_lease_until) select ?, user_id, user_type, 'Topic async.magento.catalog.api.productrepositoryinterface.save.post',"
                    + " 200, 'infinity' from import_source where uuid = ?")) {
                s.setObject(1, bulk);
                s.setObject(2, UUID.fromString(source));
                s.executeUpdate();
            }
            // The two chunks the dead splitter committed (status 1 marks them as its own).
            try (PreparedStatement s = c.prepareStatement("insert into operation (bulk_uuid, id, topic_name, serialized_data, store_id,"
                    + " store_scope, status) select ?, g, 'async.magento.catalog.api.productrepositoryinterface.save.post', '{}', 1, 'implicit', 1"
                    + " from generate_series(0, 199) g")) {
                s.setObject(1, bulk);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into import_job (uuid, source_uuid, bulk_uuid, user_id, user_type, import_type,"
                    + " route, topic_name, behaviour, store_id, store_scope, parameters, state, split_phase, split_position, split_owner,"
                    + " split_lease_until) select ?, uuid, ?, user_id, user_type, 'route', 'POST /V1/products',"
                    + " 'async.magento.catalog.api.productrepositoryinterface.save.post', 'append', 1, 'implicit',"
                    + " '{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\"}', 'splitting', 'write',"
                    + " 200, ?, now() - interval '1 second' from import_source where uuid = ?")) {
                s.setObject(1, job);
                s.setObject(2, bulk);
                s.setObject(3, UUID.randomUUID());
                s.setObject(4, UUID.fromString(source));
                s.executeUpdate();
            }
            c.commit();
        }
        JsonPath status = awaitSplit(job.toString());
        assertEquals(450, status.getInt("rows_total"));
        assertEquals(450, count("select count(*) from operation where bulk_uuid = ?", bulk));
        assertEquals(200, count("select count(*) from operation where bulk_uuid = ? and id < 200 and status = 1", bulk));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 200 and serialized_data::jsonb -> 'product' ->> 'sku' = ?",
                bulk, prefix + "201"));
        assertEquals(450, count("select operation_count from bulk where uuid = ?", bulk));
    }

    static final String ROWS_TOPIC = MagentoTypeImportTests.TOPIC;

    /** Product rows: sku, store_view_code, name, weight; a weight of -1 is invalid. */
    static String productRow(String sku, String store, String name, String weight) {
        return sku + "," + store + "," + name + "," + weight + "\n";
    }

    /**
     * Every store-view row comes before its product's global row in the file, in other chunks: the split writes all global
     * rows first (ids row - 1), then the store-view rows (ids after the file's rows), publishes them in that order, and
     * the rows of one product share one lock key. Status, failed rows and corrections still speak of file rows.
     */
    @Test
    void storeViewRowsBeforeTheirGlobalRowInTheFileAreWrittenAndPublishedAfterEveryGlobalRow() throws Exception {
        String prefix = IngestTestSupport.unique("SVF") + "-";
        StringBuilder csv = new StringBuilder("sku,store_view_code,name,weight\n");
        for (int i = 1; i <= 250; i++) {
            csv.append(productRow(prefix + i, "default", "View " + i, i == 10 ? "-1" : ""));
        }
        for (int i = 1; i <= 250; i++) {
            csv.append(productRow(prefix + i, "", "Global " + i, i == 5 ? "-1" : "1"));
        }
        String source = upload("text/csv", csv.toString());
        JsonPath started = start(source, "{\"importType\":\"catalog_product\",\"validationStrategy\":\"skip-errors\"}");
        String importUuid = started.getString("import_uuid");
        UUID bulk = UUID.fromString(started.getString("bulk_uuid"));
        JsonPath status = awaitSplit(importUuid);
        assertEquals("processing", status.getString("status"));
        assertEquals(500, status.getInt("rows_total"));
        assertEquals(500, status.getInt("rows_queued"));
        assertEquals(2, status.getInt("counts.failed"));
        // The errors name file rows, in file order: store-view row 10 before global row 255.
        assertEquals(List.of(10, 255), status.getList("errors.row", Integer.class));
        assertEquals(500, count("select count(*) from operation where bulk_uuid = ?", bulk));
        assertEquals(500, count("select operation_count from bulk where uuid = ?", bulk));
        // Global rows: id = row - 1 (rows 251..500); store-view rows: id = 500 + row - 1 (rows 1..250).
        assertEquals(250, count("select count(*) from operation where bulk_uuid = ? and id between 250 and 499"
                + " and coalesce(serialized_data::jsonb -> 'row' -> 'cells' ->> 'store_view_code', '') = ''", bulk));
        assertEquals(250, count("select count(*) from operation where bulk_uuid = ? and id between 500 and 749", bulk));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 500"
                + " and serialized_data::jsonb -> 'row' @> jsonb_build_object('number', 1, 'cells', jsonb_build_object('sku', ?::text,"
                + " 'store_view_code', 'default'))", bulk, prefix + "1"));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 250"
                + " and serialized_data::jsonb -> 'row' @> jsonb_build_object('number', 251, 'cells', jsonb_build_object('sku', ?::text))",
                bulk, prefix + "1"));
        // Published in pass order: every global row's message before any store-view row's.
        List<RunQueue.Delivered> delivered = RunQueue.take(bulk.toString(), 498, Duration.ofSeconds(30));
        List<Integer> ids = delivered.stream().map(d -> d.json().path("id").asInt(-1)).toList();
        assertEquals(498, ids.size());
        assertTrue(ids.subList(0, 249).stream().allMatch(id -> id < 500), ids.toString());
        assertTrue(ids.subList(249, 498).stream().allMatch(id -> id >= 500), ids.toString());
        // A product's store-view row has its global row's lock key (one entity).
        io.catalogbulk.core.route.RouteDeclaration route = io.catalogbulk.catalog.CatalogRoutes.ALL.stream()
                .filter(r -> r.topic().equals(ROWS_TOPIC)).findFirst().orElseThrow();
        java.util.Map<Integer, String> keys = new java.util.HashMap<>();
        try (var c = IngestTestSupport.db(); PreparedStatement st = c.prepareStatement(
                "select id, serialized_data from operation where bulk_uuid = ? and id in (250, 500)")) {
            st.setObject(1, bulk);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getInt(1), route.lockKey().orElseThrow().of(
                            (com.fasterxml.jackson.databind.node.ObjectNode) io.catalogbulk.core.webapi.Json.parse(rs.getString(2))));
                }
            }
        }
        assertEquals("product:" + (prefix + "1").toLowerCase(java.util.Locale.ROOT), keys.get(250));
        assertEquals(keys.get(250), keys.get(500));
        // The failed rows in input order, with their file row numbers.
        String[] lines = admin().get("/rest/V1/import/" + importUuid + "/failed-rows").then().statusCode(200).extract().asString().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[1].startsWith(prefix + "10,default,View 10,-1,10,"), lines[1]);
        assertTrue(lines[2].startsWith(prefix + "5,,Global 5,-1,255,"), lines[2]);
        // Correcting the store-view row re-opens its own operation (500 + 10 - 1).
        admin().contentType(ContentType.JSON).body("{\"row\":{\"sku\":\"" + prefix + "10\",\"store_view_code\":\"default\",\"name\":\"View 10\"}}")
                .put("/rest/V1/import/" + importUuid + "/rows/10").then().statusCode(202).body("rows_requeued", equalTo(1));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 509 and status = 4", bulk));
        admin().contentType(ContentType.JSON).body("{\"row\":{\"sku\":\"" + prefix + "5\",\"name\":\"Global 5\",\"weight\":\"2\"}}")
                .put("/rest/V1/import/" + importUuid + "/rows/255").then().statusCode(202);
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 254 and status = 4", bulk));
    }

    /** A file whose rows alternate: odd rows are store-view rows, even rows the same product's global row (rows = 2 * products). */
    static String alternating(String prefix, int products) {
        StringBuilder csv = new StringBuilder("sku,store_view_code,name,weight\n");
        for (int i = 1; i <= products; i++) {
            csv.append(productRow(prefix + i, "default", "View " + i, ""));
            csv.append(productRow(prefix + i, "", "Global " + i, "1"));
        }
        return csv.toString();
    }

    /**
     * The state a splitter left when it died: an import of catalog_product in {@code pass}, its lease run out, with the
     * operations it committed (status 1 marks them as the dead splitter's) given as a select of ids.
     */
    static void deadSplitter(UUID job, UUID bulk, String source, int pass, long splitPosition, Long storeViewOffset, long storeViewPosition,
            String idsSql, long operations) throws Exception {
        splitterState(job, bulk, source, pass, splitPosition, storeViewOffset, storeViewPosition, idsSql, operations, UUID.randomUUID(),
                "now() - interval '1 second'");
    }

    /** As {@link #deadSplitter}, with the lease held by {@code holder} until {@code leaseUntil} (SQL). */
    static void splitterState(UUID job, UUID bulk, String source, int pass, long splitPosition, Long storeViewOffset,
            long storeViewPosition, String idsSql, long operations, UUID holder, String leaseUntil) throws Exception {
        try (var c = IngestTestSupport.db()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("insert into bulk (uuid, user_id, user_type, description, operation_count,"
                    + " publish_lease_until) select ?, user_id, user_type, 'Topic " + ROWS_TOPIC + "', ?, 'infinity' from import_source where uuid = ?")) {
                s.setObject(1, bulk);
                s.setLong(2, operations);
                s.setObject(3, UUID.fromString(source));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into operation (bulk_uuid, id, topic_name, serialized_data, store_id,"
                    + " store_scope, status) select ?, g, '" + ROWS_TOPIC + "', '{}', 1, 'implicit', 1 from (" + idsSql + ") ids(g)")) {
                s.setObject(1, bulk);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into import_job (uuid, source_uuid, bulk_uuid, user_id, user_type, import_type,"
                    + " route, topic_name, behaviour, store_id, store_scope, parameters, state, split_phase, split_position, split_owner,"
                    + " split_lease_until, split_pass, store_view_offset, store_view_position) select ?, uuid, ?, user_id, user_type,"
                    + " 'catalog_product', 'POST /V1/import/rows/:entityType', '" + ROWS_TOPIC + "', 'append', 1, 'implicit',"
                    + " '{\"importType\":\"catalog_product\",\"validationStrategy\":\"skip-errors\"}', 'splitting', 'write',"
                    + " ?, ?, " + leaseUntil + ", ?, ?, ? from import_source where uuid = ?")) {
                s.setObject(1, job);
                s.setObject(2, bulk);
                s.setLong(3, splitPosition);
                s.setObject(4, holder);
                s.setInt(5, pass);
                s.setObject(6, storeViewOffset);
                s.setLong(7, storeViewPosition);
                s.setObject(8, UUID.fromString(source));
                s.executeUpdate();
            }
            c.commit();
        }
    }

    /** A split that died in pass 1 (global rows up to row 120 committed) resumes: every row exactly once, store-view rows after. */
    @Test
    void splitInterruptedInThePassOfGlobalRowsResumesWithoutLosingOrDoublingRows() throws Exception {
        String prefix = IngestTestSupport.unique("P1") + "-";
        String source = upload("text/csv", alternating(prefix, 150));
        UUID job = UUID.randomUUID();
        UUID bulk = UUID.randomUUID();
        // Rows 2, 4, ..., 120 (the global rows of the first 120): ids 1, 3, ..., 119.
        deadSplitter(job, bulk, source, 1, 120, null, 0, "select 2 * g - 1 from generate_series(1, 60) g", 60);
        JsonPath status = awaitSplit(job.toString());
        assertEquals(300, status.getInt("rows_total"));
        assertEquals(300, count("select count(*) from operation where bulk_uuid = ?", bulk));
        assertEquals(300, count("select operation_count from bulk where uuid = ?", bulk));
        assertEquals(60, count("select count(*) from operation where bulk_uuid = ? and status = 1", bulk));
        assertEquals(150, count("select count(*) from operation where bulk_uuid = ? and id < 300 and id % 2 = 1", bulk));
        assertEquals(150, count("select count(*) from operation where bulk_uuid = ? and id >= 300 and id % 2 = 0"
                + " and serialized_data::jsonb -> 'row' -> 'cells' ->> 'store_view_code' = 'default'", bulk));
        // Row 122 (global, product 61) is id 121; row 121 (its store-view row) is id 300 + 120.
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 121 and serialized_data::jsonb -> 'row' -> 'cells' ->> 'sku' = ?",
                bulk, prefix + "61"));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 420 and serialized_data::jsonb -> 'row' -> 'cells' ->> 'sku' = ?",
                bulk, prefix + "61"));
    }

    /** A split that died in pass 2 (store-view rows up to row 100 committed) resumes from there. */
    @Test
    void splitInterruptedInThePassOfStoreViewRowsResumesWithoutLosingOrDoublingRows() throws Exception {
        String prefix = IngestTestSupport.unique("P2") + "-";
        String source = upload("text/csv", alternating(prefix, 150));
        UUID job = UUID.randomUUID();
        UUID bulk = UUID.randomUUID();
        // Every global row (ids 1, 3, ..., 299) and the store-view rows 1, 3, ..., 99 (ids 300, 302, ..., 398).
        deadSplitter(job, bulk, source, 2, 300, 300L, 100,
                "select 2 * g - 1 from generate_series(1, 150) g union all select 300 + 2 * g from generate_series(0, 49) g", 200);
        JsonPath status = awaitSplit(job.toString());
        assertEquals(300, status.getInt("rows_total"));
        assertEquals(300, count("select count(*) from operation where bulk_uuid = ?", bulk));
        assertEquals(300, count("select operation_count from bulk where uuid = ?", bulk));
        assertEquals(200, count("select count(*) from operation where bulk_uuid = ? and status = 1", bulk));
        assertEquals(150, count("select count(*) from operation where bulk_uuid = ? and id >= 300 and id % 2 = 0", bulk));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 400 and status = 4"
                + " and serialized_data::jsonb -> 'row' -> 'cells' ->> 'sku' = ?", bulk, prefix + "51"));
    }

    /**
     * Idempotency-Key on a start: the same request again answers the first 202 (same import) with Idempotent-Replayed and
     * stores nothing; another request with the key is 422; a key another request is storing is 409; concurrent twins start
     * exactly one import.
     */
    @Test
    void idempotencyKeyOnStartReplaysTheFirstImport() throws Exception {
        String source = upload("text/csv", products(IngestTestSupport.unique("idem") + "-", 20));
        String body = "{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\"}}";
        String key = "start-" + UUID.randomUUID();
        String startPath = "/rest/V1/import/sources/" + source + "/start";
        JsonPath first = admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post(startPath)
                .then().statusCode(202).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue()).extract().jsonPath();
        JsonPath again = admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post(startPath)
                .then().statusCode(202).header("Idempotent-Replayed", equalTo("true")).body("status", equalTo("queued")).extract().jsonPath();
        assertEquals(first.getString("import_uuid"), again.getString("import_uuid"));
        assertEquals(first.getString("bulk_uuid"), again.getString("bulk_uuid"));
        assertEquals(1, count("select count(*) from import_job where source_uuid = ?", UUID.fromString(source)));
        admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body.replace("skip-errors", "stop-on-error")).post(startPath)
                .then().statusCode(422).body("message", containsString("different request"));
        assertEquals(1, count("select count(*) from import_job where source_uuid = ?", UUID.fromString(source)));

        // In flight: another transaction holds the key's lock (as a twin being stored does).
        String held = "held-" + UUID.randomUUID();
        long userType;
        long userId;
        try (var c = IngestTestSupport.db(); PreparedStatement st = c.prepareStatement("select user_type, user_id from import_source where uuid = ?")) {
            st.setObject(1, UUID.fromString(source));
            try (var rs = st.executeQuery()) {
                rs.next();
                userType = rs.getLong(1);
                userId = rs.getLong(2);
            }
        }
        long lockId = new io.catalogbulk.core.ledger.IdempotencyKeys.Key((int) userType, (int) userId, held, new byte[0], Duration.ZERO).lockId();
        try (var c = IngestTestSupport.db()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                st.setLong(1, lockId);
                st.execute();
            }
            admin().header("Idempotency-Key", held).contentType(ContentType.JSON).body(body).post(startPath)
                    .then().statusCode(409).body("message", containsString("still being processed"));
            c.rollback();
        }
        assertEquals(1, count("select count(*) from import_job where source_uuid = ?", UUID.fromString(source)));

        // Concurrent twins: one import.
        String twin = "twin-" + UUID.randomUUID();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> admin().header("Idempotency-Key", twin).contentType(ContentType.JSON).body(body).post(startPath)));
            }
            java.util.Set<String> imports = new java.util.HashSet<>();
            for (var answer : answers) {
                io.restassured.response.Response response = answer.get();
                assertTrue(response.statusCode() == 202 || response.statusCode() == 409, response.asString());
                if (response.statusCode() == 202) {
                    imports.add(response.jsonPath().getString("import_uuid"));
                }
            }
            assertEquals(1, imports.size(), imports.toString());
        } finally {
            pool.shutdown();
        }
        assertEquals(2, count("select count(*) from import_job where source_uuid = ?", UUID.fromString(source)));
    }

    /**
     * Cancel: the open rows end as a bulk cancel ends them (5, "Cancelled by the user."), the import reports cancelled,
     * nothing of it runs again; another principal is told 404.
     */
    @Test
    void cancelAnImportCancelsItsOpenRows() throws Exception {
        String source = upload("text/csv", products(IngestTestSupport.unique("cancel") + "-", 250));
        JsonPath started = start(source, "{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\"}");
        String importUuid = started.getString("import_uuid");
        UUID bulk = UUID.fromString(started.getString("bulk_uuid"));
        awaitSplit(importUuid);
        String importerOnly = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + adminToken())
                .body("{\"integration\":{\"name\":\"cancel-" + UUID.randomUUID() + "\",\"resources\":[\"Magento_ImportExport::import\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + importerOnly).post("/rest/V1/import/" + importUuid + "/cancel").then().statusCode(404);
        assertEquals("215", admin().post("/rest/V1/import/" + importUuid + "/cancel").then().statusCode(200).extract().asString());
        assertEquals(215, count("select count(*) from operation where bulk_uuid = ? and status = 5 and result_message = 'Cancelled by the user.'", bulk));
        admin().get("/rest/V1/import/" + importUuid).then().statusCode(200).body("status", equalTo("cancelled"))
                .body("counts.open", equalTo(0)).body("counts.failed", equalTo(250)).body("finished_at", org.hamcrest.Matchers.notNullValue());
        admin().get("/rest/V1/import?searchCriteria[filter_groups][0][filters][0][field]=status"
                + "&searchCriteria[filter_groups][0][filters][0][value]=cancelled").then().statusCode(200)
                .body("items.import_uuid", hasItem(importUuid));
        assertEquals("0", admin().post("/rest/V1/import/" + importUuid + "/cancel").then().statusCode(200).extract().asString());
        admin().contentType(ContentType.JSON).body("{\"row\":{\"product.sku\":\"x\",\"product.price\":\"1\"}}")
                .put("/rest/V1/import/" + importUuid + "/rows/7").then().statusCode(400).body("message", containsString("cancelled"));
    }

    /**
     * Cancelling an import whose split is under way (a splitter holds its lease): no replica claims it again, the holder's
     * next chunk finds its lease gone, the rows written so far are cancelled.
     */
    @Test
    void cancelStopsASplitInProgress() throws Exception {
        String prefix = IngestTestSupport.unique("cs") + "-";
        String source = upload("text/csv", alternating(prefix, 150));
        UUID job = UUID.randomUUID();
        UUID bulk = UUID.randomUUID();
        // A live splitter holds the lease (no replica of this test may claim it), 60 open rows written so far.
        UUID holder = UUID.randomUUID();
        splitterState(job, bulk, source, 1, 120, null, 0, "select 2 * g - 1 from generate_series(1, 60) g", 60, holder,
                "now() + interval '1 hour'");
        try (var c = IngestTestSupport.db(); PreparedStatement st = c.prepareStatement("update operation set status = 4 where bulk_uuid = ?")) {
            st.setObject(1, bulk);
            st.execute();
        }
        assertEquals("60", admin().post("/rest/V1/import/" + job + "/cancel").then().statusCode(200).extract().asString());
        try (var c = IngestTestSupport.db()) {
            c.setAutoCommit(false);
            assertTrue(!ImportJobs.updateLeased(c, job, holder, 60_000, "split_position = split_position"), "the holder's lease is gone");
            c.rollback();
        }
        admin().get("/rest/V1/import/" + job).then().statusCode(200).body("status", equalTo("cancelled")).body("counts.failed", equalTo(60));
        assertEquals(1, count("select count(*) from bulk where uuid = ? and publish_lease_until <> 'infinity'", bulk));
        // Nothing claims it again: after a poll or two, still 60 operations.
        Thread.sleep(2500);
        assertEquals(60, count("select count(*) from operation where bulk_uuid = ?", bulk));
        assertEquals(1, count("select count(*) from import_job where uuid = ? and state = 'processing' and cancelled_at is not null", job));
    }

    /**
     * Bad input around an import is a clear 4xx in Magento's error shape, never a 500: a wrong behaviour or type, a broken
     * start body, a file with a cell over the limit (stored invalid, its start refused), a bad Idempotency-Key, a bad row
     * number, a resubmit in another format, an unknown or malformed import uuid on cancel.
     */
    @Test
    void badInputAroundAnImportIsAClear4xx() throws Exception {
        String source = upload("text/csv", products(IngestTestSupport.unique("bad") + "-", 3));
        String startPath = "/rest/V1/import/sources/" + source + "/start";
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"catalog_product\",\"importBehaviour\":\"merge\"}}")
                .post(startPath).then().statusCode(400).body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"catalogue\"}}").post(startPath)
                .then().statusCode(400).body("parameters.fieldName", equalTo("importType"));
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":").post(startPath).then().statusCode(400)
                .body("message", org.hamcrest.Matchers.notNullValue());
        admin().contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(300))
                .body("{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\"}}").post(startPath)
                .then().statusCode(400).body("parameters.header", equalTo("Idempotency-Key"));
        // A cell over the limit: the file is stored invalid, and cannot be started.
        String huge = upload("text/csv", "sku,name\nH-1," + "x".repeat(1_048_577) + "\n");
        admin().get("/rest/V1/import/sources/" + huge).then().statusCode(200).body("status", equalTo("invalid"));
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\"}}")
                .post("/rest/V1/import/sources/" + huge + "/start").then().statusCode(400).body("parameters.status", equalTo("invalid"));
        JsonPath started = start(source, "{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\"}");
        String importUuid = started.getString("import_uuid");
        awaitSplit(importUuid);
        admin().contentType(ContentType.JSON).body("{\"row\":{}}").put("/rest/V1/import/" + importUuid + "/rows/abc").then().statusCode(400);
        admin().contentType(ContentType.JSON).body("{}").put("/rest/V1/import/" + importUuid + "/rows/1").then().statusCode(400);
        admin().contentType(ContentType.JSON).body("[]").post("/rest/V1/import/" + importUuid + "/resubmit").then().statusCode(400);
        admin().post("/rest/V1/import/" + UUID.randomUUID() + "/cancel").then().statusCode(404);
        admin().post("/rest/V1/import/not-a-uuid/cancel").then().statusCode(404).body("message", org.hamcrest.Matchers.notNullValue());
    }
}
