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
}
