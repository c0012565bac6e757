package io.catalogbulk.ingest.importing.job;

import static io.catalogbulk.ingest.importing.job.ImportRunTests.admin;
import static io.catalogbulk.ingest.importing.job.ImportRunTests.awaitSplit;
import static io.catalogbulk.ingest.importing.job.ImportRunTests.start;
import static io.catalogbulk.ingest.importing.job.ImportRunTests.upload;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.catalog.importexport.rows.ImportRowRoutes;
import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.RunQueue;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Magento's import entity types through the asynchronous start: the file's columns checked at the start, each row
 * sealed, validated by its type and written as an item of {@code POST /V1/import/rows/:entityType} (id = row - 1),
 * invalid rows failed, and the rows without a store code published before the store-view rows.
 * (No worker runs here: the operations stay open.)
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class MagentoTypeImportTests {

    static final String TOPIC = CatalogRoutes.ALL.stream().filter(r -> r.toString().equals(ImportRowRoutes.NAME)).findFirst()
            .orElseThrow().topic();

    static String resource(String name) throws Exception {
        try (InputStream in = MagentoTypeImportTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void magentosSampleProductFileBecomesImportRowOperationsWithTheGroupedRowFailed() throws Exception {
        String source = upload("text/csv", resource("/importexport/catalog_product_sample.csv"));
        JsonPath started = start(source, "{\"importType\":\"catalog_product\",\"validationStrategy\":\"skip-errors\"}");
        // Magento's export header has columns this catalog does not model: listed, not refused.
        assertTrue(started.getList("warnings", String.class).stream().anyMatch(w -> w.contains("\"custom_options\"")),
                started.prettify());
        UUID bulk = UUID.fromString(started.getString("bulk_uuid"));
        JsonPath status = awaitSplit(started.getString("import_uuid"));
        assertEquals("processing", status.getString("status"));
        assertEquals("catalog_product", status.getString("import_type"));
        assertEquals(started.getList("warnings"), status.getList("warnings"), "the import's status lists the warnings too");
        assertEquals(3, status.getInt("rows_total"));
        assertEquals(2, status.getInt("counts.open"));
        assertEquals(1, status.getInt("counts.failed"));
        assertEquals(3, status.getInt("errors[0].row"));
        assertEquals("Product Type is invalid or not supported", status.getString("errors[0].message"));
        assertEquals(3, count("select count(*) from operation where bulk_uuid = ? and topic_name = ?", bulk, TOPIC));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 0 and status = 4"
                + " and serialized_data::jsonb @> '{\"entityType\": \"catalog_product\", \"row\": {\"number\": 1, \"behaviour\": \"append\","
                + " \"cells\": {\"sku\": \"24-WG085\", \"name\": \"Sprite Yoga Strap 6 foot\", \"price\": \"14\"}}}'::jsonb", bulk));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 2 and status = 3"
                + " and serialized_data::jsonb ->> 'sku' = '24-WG085_Group'", bulk));
        assertEquals(2, RunQueue.take(bulk.toString(), 2, Duration.ofSeconds(20)).size());
    }

    @Test
    void aCustomerPasswordIsStoredOnlySealedInValidAndInFailedRows() throws Exception {
        String prefix = IngestTestSupport.unique("cust");
        String source = upload("text/csv", "email,_website,firstname,lastname,password\n"
                + prefix + "@example.com,base,Ada,Row,Secret-Password-1\n"
                + "not-an-email,base,Bad,Row,Secret-Password-2\n");
        JsonPath started = start(source, "{\"importType\":\"customer\",\"validationStrategy\":\"skip-errors\"}");
        UUID bulk = UUID.fromString(started.getString("bulk_uuid"));
        JsonPath status = awaitSplit(started.getString("import_uuid"));
        assertEquals(1, status.getInt("counts.open"));
        assertEquals(1, status.getInt("counts.failed"));
        assertEquals(0, count("select count(*) from operation where bulk_uuid = ? and serialized_data like '%Secret-Password%'", bulk));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 0"
                + " and serialized_data::jsonb -> 'row' -> 'cells' ->> 'password' like '{bcrypt}$2%'", bulk));
        assertEquals(1, count("select count(*) from operation where bulk_uuid = ? and id = 1"
                + " and serialized_data::jsonb ->> 'password' like '{bcrypt}$2%'", bulk));
        // A corrected row is kept sealed too, whether it is still invalid or runs again.
        String importUuid = started.getString("import_uuid");
        admin().contentType(ContentType.JSON).body("{\"row\":{\"email\":\"still-not\",\"_website\":\"base\",\"firstname\":\"Bad\","
                + "\"lastname\":\"Row\",\"password\":\"Secret-Password-3\"}}").put("/rest/V1/import/" + importUuid + "/rows/2")
                .then().statusCode(400);
        admin().contentType(ContentType.JSON).body("{\"row\":{\"email\":\"" + prefix + "-2@example.com\",\"_website\":\"base\","
                + "\"firstname\":\"Good\",\"lastname\":\"Row\",\"password\":\"Secret-Password-4\"}}")
                .put("/rest/V1/import/" + importUuid + "/rows/2").then().statusCode(202).body("rows_requeued", equalTo(1));
        assertEquals(2, count("select count(*) from operation where bulk_uuid = ? and status = 4", bulk));
        assertEquals(0, count("select count(*) from operation where bulk_uuid = ? and serialized_data like '%Secret-Password%'", bulk));
        assertEquals(0, count("select count(*) from import_row_override where import_uuid = ? and cells::text like '%Secret-Password%'",
                UUID.fromString(importUuid)));
        assertEquals(1, count("select count(*) from import_row_override where import_uuid = ?", UUID.fromString(importUuid)));
    }

    @Test
    void importRowsAlsoGoInBulkWithoutAFileSealedBeforeTheyAreStored() throws Exception {
        String prefix = IngestTestSupport.unique("bulkrow");
        String bulk = admin().contentType(ContentType.JSON).body("[{\"entityType\":\"customer\",\"row\":{\"cells\":{\"email\":\""
                + prefix + "@example.com\",\"_website\":\"base\",\"firstname\":\"A\",\"lastname\":\"B\",\"password\":\"Secret-Bulk-1\"}}},"
                + "{\"entityType\":\"catalog_product\",\"row\":{\"behaviour\":\"delete\",\"cells\":{\"sku\":\"" + prefix + "\"}}}]")
                .post("/rest/async/bulk/V1/import/rows/byEntityType").then().statusCode(202).extract().path("bulk_uuid");
        UUID uuid = UUID.fromString(bulk);
        assertEquals(2, count("select count(*) from operation where bulk_uuid = ? and topic_name = ?", uuid, TOPIC));
        assertEquals(0, count("select count(*) from operation where bulk_uuid = ? and serialized_data like '%Secret-Bulk%'", uuid));
        // An invalid row refuses the bulk, as any invalid item does: nothing of it is stored.
        admin().contentType(ContentType.JSON).body("[{\"entityType\":\"customer\",\"row\":{\"cells\":{\"email\":\"nope\","
                + "\"_website\":\"base\",\"password\":\"Secret-Bulk-2\"}}}]")
                .post("/rest/async/bulk/V1/import/rows/byEntityType").then().statusCode(400);
    }

    @Test
    void stopOnErrorRefusesTheFileAndQueuesNothing() throws Exception {
        String source = upload("text/csv", resource("/importexport/catalog_product_sample.csv"));
        JsonPath started = start(source, "{\"importType\":\"catalog_product\"}");
        JsonPath status = awaitSplit(started.getString("import_uuid"));
        assertEquals("failed", status.getString("status"));
        assertEquals(0, count("select count(*) from operation where bulk_uuid = ?", UUID.fromString(started.getString("bulk_uuid"))));
    }

    @Test
    void aColumnOutsideTheTypesHeaderIsAnErrorOfTheStartUnlessMapped() {
        String source = upload("text/csv", "sku,colour,name\nCOL-1,red,Coloured\n");
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"catalog_product\"}}")
                .post("/rest/V1/import/sources/" + source + "/start").then().statusCode(400)
                .body("message", containsString("Column names")).body("parameters.columns", equalTo("colour"));
        start(source, "{\"importType\":\"catalog_product\",\"mapping\":[{\"source\":\"colour\",\"target\":\"meta_keywords\"}]}");
        String noSku = upload("text/csv", "name\nNameless\n");
        admin().contentType(ContentType.JSON).body("{\"import\":{\"importType\":\"catalog_product\"}}")
                .post("/rest/V1/import/sources/" + noSku + "/start").then().statusCode(400)
                .body("message", containsString("required columns"));
    }

    @Test
    void theRowWithoutAStoreCodeIsPublishedBeforeTheStoreViewRows() throws Exception {
        String sku = IngestTestSupport.unique("SV");
        String source = upload("text/csv", "sku,store_view_code,name,price\n"
                + sku + ",default,Store view name,\n"
                + sku + ",,Global name,10\n");
        JsonPath started = start(source, "{\"importType\":\"catalog_product\"}");
        String bulk = started.getString("bulk_uuid");
        assertEquals("processing", awaitSplit(started.getString("import_uuid")).getString("status"));
        List<RunQueue.Delivered> delivered = RunQueue.take(bulk, 2, Duration.ofSeconds(20));
        // Row 2 (global) is id 1; row 1 (store view) comes in the second pass: id = 2 rows + 1 - 1.
        assertEquals(List.of(1, 2), delivered.stream().map(d -> d.json().path("id").asInt(-1)).toList(),
                delivered.toString());
    }
}
