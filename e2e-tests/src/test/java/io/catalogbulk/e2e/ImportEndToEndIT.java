package io.catalogbulk.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogbulk.testsupport.TestEnvironment;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * An import through the three running services: a CSV of 2,000 products for POST /V1/products (every fiftieth
 * row invalid) is uploaded, started, split by ingest, executed by the worker, and followed to
 * complete_with_errors; the catalog then holds the valid products and the failed-rows download lists the others.
 */
class ImportEndToEndIT {

    private static RunningSystem system;
    private static String bearer;

    @BeforeAll
    static void startSystem() throws Exception {
        system = RunningSystem.shared();
        String token = given().baseUri(system.ingestUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "admin123"))
                .post("/rest/V1/integration/admin/token")
                .then().statusCode(200).extract().as(String.class);
        bearer = "Bearer " + token;
    }

    @Test
    void productCsvIsImportedToCompleteWithErrors() throws Exception {
        String prefix = "imp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        StringBuilder csv = new StringBuilder("product.sku,product.name,product.price,product.status,product.visibility,"
                + "product.type_id,product.attribute_set_id\n");
        for (int row = 1; row <= 2000; row++) {
            String price = row % 50 == 0 ? "not-a-price" : String.valueOf(10 + row);
            csv.append(prefix).append(row).append(",Imported product ").append(row).append(',').append(price).append(",1,4,simple,4\n");
        }
        String source = given().baseUri(system.ingestUrl()).header("Authorization", bearer).contentType("text/csv")
                .queryParam("filename", "products.csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/rest/V1/import/sources")
                .then().statusCode(201).body("rows", equalTo(2000)).body("status", equalTo("uploaded")).extract().path("uuid");

        long posted = System.nanoTime();
        JsonPath started = given().baseUri(system.ingestUrl()).header("Authorization", bearer).contentType(ContentType.JSON)
                .body("{\"import\":{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"validationStrategy\":\"skip-errors\"}}")
                .post("/rest/V1/import/sources/" + source + "/start")
                .then().statusCode(202).body("status", equalTo("queued")).extract().jsonPath();
        long startMillis = (System.nanoTime() - posted) / 1_000_000;
        String importUuid = started.getString("import_uuid");

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String status = given().baseUri(system.ingestUrl()).header("Authorization", bearer).get("/rest/V1/import/" + importUuid)
                    .then().statusCode(200).extract().path("status");
            return status.startsWith("complete") || status.equals("failed");
        });
        System.out.printf("[e2e] 2,000-row product import: 202 after %d ms, complete after %d ms%n", startMillis,
                (System.nanoTime() - posted) / 1_000_000);
        JsonPath status = given().baseUri(system.ingestUrl()).header("Authorization", bearer).get("/rest/V1/import/" + importUuid)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("complete_with_errors", status.getString("status"));
        assertEquals(2000, status.getInt("rows_total"));
        assertEquals(1960, status.getInt("counts.complete"));
        assertEquals(40, status.getInt("counts.failed"));
        assertEquals(0, status.getInt("counts.open"));
        assertEquals(50, status.getInt("errors[0].row"));

        // The import's bulk is an ordinary bulk on status-service.
        given().baseUri(system.statusUrl()).header("Authorization", bearer).get("/rest/V1/bulk/" + started.getString("bulk_uuid") + "/status")
                .then().statusCode(200).body("operation_count", equalTo(2000));

        assertEquals(1960, countRows("SELECT count(*) FROM catalog_product WHERE sku LIKE ?", prefix + "%"));
        given().baseUri(system.ingestUrl()).header("Authorization", bearer).get("/rest/V1/products/" + prefix + "1999")
                .then().statusCode(200).body("name", equalTo("Imported product 1999"));

        String failed = given().baseUri(system.ingestUrl()).header("Authorization", bearer)
                .get("/rest/V1/import/" + importUuid + "/failed-rows").then().statusCode(200).extract().asString();
        String[] lines = failed.split("\n");
        assertEquals(41, lines.length);
        assertTrue(lines[1].startsWith(prefix + "50,Imported product 50,not-a-price,"), lines[1]);
        assertTrue(lines[40].contains("," + 2000 + ","), lines[40]);
    }

    /**
     * Magento's own product file through the asynchronous start: each row runs as POST /V1/import/rows/catalog_product
     * on the worker, the products are saved, and the row the worker cannot apply ends failed with the type's message.
     */
    @Test
    void magentoProductCsvIsImportedThroughItsType() throws Exception {
        String prefix = "mimp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        String csv = "sku,store_view_code,attribute_set_code,product_type,product_websites,name,price,qty,is_in_stock,custom_options\n"
                + prefix + "1,,Default,simple,base,Magento row 1,11,5,1,\n"
                + prefix + "2,,Default,simple,base,Magento row 2,12,0,0,\n"
                + prefix + "3,,Default,virtual,base,Magento row 3,13,,,\n";
        String source = given().baseUri(system.ingestUrl()).header("Authorization", bearer).contentType("text/csv")
                .queryParam("filename", "catalog_product.csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/rest/V1/import/sources")
                .then().statusCode(201).body("rows", equalTo(3)).extract().path("uuid");
        JsonPath started = given().baseUri(system.ingestUrl()).header("Authorization", bearer).contentType(ContentType.JSON)
                .body("{\"import\":{\"importType\":\"catalog_product\",\"importBehaviour\":\"append\"}}")
                .post("/rest/V1/import/sources/" + source + "/start")
                .then().statusCode(202).body("status", equalTo("queued")).extract().jsonPath();
        assertTrue(started.getList("warnings", String.class).get(0).contains("custom_options"), started.prettify());
        String importUuid = started.getString("import_uuid");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String status = given().baseUri(system.ingestUrl()).header("Authorization", bearer).get("/rest/V1/import/" + importUuid)
                    .then().statusCode(200).extract().path("status");
            return status.startsWith("complete") || status.equals("failed");
        });
        JsonPath status = given().baseUri(system.ingestUrl()).header("Authorization", bearer).get("/rest/V1/import/" + importUuid)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("complete", status.getString("status"), status.prettify());
        assertEquals(3, status.getInt("counts.complete"));
        assertEquals(3, countRows("SELECT count(*) FROM catalog_product WHERE sku LIKE ?", prefix + "%"));
        given().baseUri(system.ingestUrl()).header("Authorization", bearer).get("/rest/V1/products/" + prefix + "2")
                .then().statusCode(200).body("name", equalTo("Magento row 2")).body("price", equalTo(12)).body("type_id", equalTo("simple"));

        // A row the worker cannot apply (a delete of a SKU that does not exist) ends failed with the type's message.
        String deletes = given().baseUri(system.ingestUrl()).header("Authorization", bearer).contentType("text/csv")
                .body(("sku\n" + prefix + "1\n" + prefix + "never\n").getBytes(StandardCharsets.UTF_8))
                .post("/rest/V1/import/sources").then().statusCode(201).extract().path("uuid");
        String deleteImport = given().baseUri(system.ingestUrl()).header("Authorization", bearer).contentType(ContentType.JSON)
                .body("{\"import\":{\"importType\":\"catalog_product\",\"importBehaviour\":\"delete\"}}")
                .post("/rest/V1/import/sources/" + deletes + "/start").then().statusCode(202).extract().path("import_uuid");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> given().baseUri(system.ingestUrl())
                .header("Authorization", bearer).get("/rest/V1/import/" + deleteImport).then().statusCode(200).extract()
                .<String>path("status").startsWith("complete"));
        JsonPath deleted = given().baseUri(system.ingestUrl()).header("Authorization", bearer).get("/rest/V1/import/" + deleteImport)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("complete_with_errors", deleted.getString("status"), deleted.prettify());
        assertEquals(2, deleted.getInt("errors[0].row"));
        assertEquals("Product with specified SKU not found", deleted.getString("errors[0].message"));
        assertEquals(0, countRows("SELECT count(*) FROM catalog_product WHERE sku = ?", prefix + "1"));
    }

    private static long countRows(String sql, Object... params) throws Exception {
        try (Connection connection = TestEnvironment.connect(RunningSystem.DATABASE);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
