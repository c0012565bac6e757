package io.catalogbulk.ingest.importing.source;

import static io.catalogbulk.ingest.support.IngestTestSupport.adminToken;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Import sources through HTTP: raw uploads (CSV, NDJSON, JSON, gzip), the envelope, pieces, the check, ownership, limits. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ImportSourceTests {

    static final String CSV = "sku,name,price\nA-1,Alpha,10\nB-2,\"Beta, with comma\",20\nC-3,Gamma,30\n";

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + adminToken());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void csvIsStoredCheckedAndReadBack() throws Exception {
        byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);
        String uuid = admin().contentType("text/csv").queryParam("filename", "products.csv").body(bytes)
                .post("/rest/V1/import/sources")
                .then().statusCode(201)
                .body("status", equalTo("uploaded"))
                .body("format", equalTo("csv"))
                .body("filename", equalTo("products.csv"))
                .body("size", equalTo(bytes.length))
                .body("sha256", equalTo(sha256(bytes)))
                .body("rows", equalTo(3))
                .body("columns", contains("sku", "name", "price"))
                .body("errors.size()", equalTo(0))
                .extract().path("uuid");
        admin().get("/rest/V1/import/sources/" + uuid).then().statusCode(200).body("rows", equalTo(3)).body("uuid", equalTo(uuid));
        admin().get("/rest/V1/import/sources").then().statusCode(200).body("items.uuid", hasItem(uuid));
        // The bytes are stored as they came, in chunks.
        assertEquals(1, count("select count(*) from import_source_chunk where source_uuid = ?", UUID.fromString(uuid)));
    }

    @Test
    void largerFileIsSplitIntoChunksAndHashedWhole() throws Exception {
        StringBuilder csv = new StringBuilder("sku,name\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("SKU-").append(i).append(",Name number ").append(i).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        String uuid = admin().contentType("text/csv").body(bytes).post("/rest/V1/import/sources")
                .then().statusCode(201).body("rows", equalTo(20_000)).body("sha256", equalTo(sha256(bytes)))
                .extract().path("uuid");
        // 64K chunks in the test profile.
        assertEquals((bytes.length + 65535) / 65536, count("select count(*) from import_source_chunk where source_uuid = ?", UUID.fromString(uuid)));
    }

    @Test
    void gzipBodyIsDecodedAndDescribedDecoded() throws Exception {
        byte[] bytes = ("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes);
        }
        admin().contentType("text/csv").header("Content-Encoding", "gzip").body(gz.toByteArray()).post("/rest/V1/import/sources")
                .then().statusCode(201).body("status", equalTo("uploaded")).body("size", equalTo(bytes.length))
                .body("sha256", equalTo(sha256(bytes))).body("columns[0]", equalTo("sku"));
        admin().contentType("text/csv").header("Content-Encoding", "gzip").body(bytes).post("/rest/V1/import/sources")
                .then().statusCode(400).body("message", containsString("gzip"));
    }

    @Test
    void structuralErrorsAreListedByRow() {
        String csv = "sku,name\nA,1\nB\nC,3,extra\nD,4\n";
        admin().contentType("text/csv").body(csv).post("/rest/V1/import/sources")
                .then().statusCode(201).body("status", equalTo("uploaded")).body("rows", equalTo(4))
                .body("errors.row", contains(2, 3)).body("errors[0].message", containsString("1 cells"));
        // Broken quoting or bytes that are not UTF-8 make the file unreadable: invalid.
        admin().contentType("text/csv").body("sku,name\nA,\"open\nB,2\n").post("/rest/V1/import/sources")
                .then().statusCode(201).body("status", equalTo("invalid")).body("errors.size()", equalTo(1));
        admin().contentType("text/csv").body(new byte[] {'s', 'k', 'u', '\n', (byte) 0xC0, (byte) 0xAF, '\n'}).post("/rest/V1/import/sources")
                .then().statusCode(201).body("status", equalTo("invalid"));
        admin().contentType("text/csv").body("").post("/rest/V1/import/sources")
                .then().statusCode(201).body("status", equalTo("invalid"));
    }

    @Test
    void ndjsonAndJsonAreChecked() {
        admin().contentType("application/x-ndjson").body(bytes("{\"sku\":\"A\",\"price\":1}\n\n{\"sku\":\"B\",\"name\":\"b\"}\n"))
                .post("/rest/V1/import/sources")
                .then().statusCode(201).body("format", equalTo("ndjson")).body("rows", equalTo(2))
                .body("columns", contains("sku", "price", "name"));
        admin().contentType("application/x-ndjson").body(bytes("{\"sku\":\"A\"}\n{\"sku\":\n"))
                .post("/rest/V1/import/sources")
                .then().statusCode(201).body("status", equalTo("invalid")).body("errors[0].row", equalTo(2));
        admin().contentType(ContentType.JSON).body("[{\"product\":{\"sku\":\"A\"}},{\"product\":{\"sku\":\"B\"}}, 3]")
                .post("/rest/V1/import/sources")
                .then().statusCode(201).body("format", equalTo("json")).body("rows", equalTo(3)).body("columns", contains("product"))
                .body("errors[0].row", equalTo(3)).body("status", equalTo("uploaded"));
    }

    @Test
    void base64EnvelopeAndBadEnvelopes() {
        String data = Base64.getEncoder().encodeToString(CSV.getBytes(StandardCharsets.UTF_8));
        admin().contentType(ContentType.JSON)
                .body("{\"source\":{\"sourceType\":\"base64_encoded_data\",\"sourceDefinition\":\"" + data + "\",\"sourceDataFormat\":\"CSV\"}}")
                .post("/rest/V1/import/sources")
                .then().statusCode(201).body("rows", equalTo(3)).body("format", equalTo("csv"));
        admin().contentType(ContentType.JSON).body("{\"source\":{\"sourceType\":\"ftp\",\"sourceDefinition\":\"x\"}}")
                .post("/rest/V1/import/sources").then().statusCode(400).body("message", containsString("Invalid value"));
        admin().contentType(ContentType.JSON).body("{\"source\":{\"sourceType\":\"base64_encoded_data\"}}")
                .post("/rest/V1/import/sources").then().statusCode(400).body("message", containsString("is required"));
        admin().contentType(ContentType.JSON).body("{\"source\":{\"sourceType\":\"base64_encoded_data\",\"sourceDefinition\":\"%%%\"}}")
                .post("/rest/V1/import/sources").then().statusCode(400).body("message", containsString("base64"));
        // A private address is refused by the outbound guard, never fetched.
        admin().contentType(ContentType.JSON)
                .body("{\"source\":{\"sourceType\":\"remote_https_file\",\"sourceDefinition\":\"https://127.0.0.1/x.csv\"}}")
                .post("/rest/V1/import/sources").then().statusCode(400).body("message", containsString("could not be fetched"));
        admin().contentType(ContentType.JSON)
                .body("{\"source\":{\"sourceType\":\"remote_https_file\",\"sourceDefinition\":\"http://example.com/x.csv\"}}")
                .post("/rest/V1/import/sources").then().statusCode(400).body("message", containsString("https"));
        admin().contentType("text/plain").body(bytes("x")).post("/rest/V1/import/sources").then().statusCode(400);
    }

    @Test
    void piecesAreJoinedAndCheckedAgainstTheWholeHash() throws Exception {
        byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);
        int cut = 17;
        String uuid = admin().contentType(ContentType.JSON)
                .body("{\"source\":{\"sourceType\":\"pieces\",\"pieces_count\":2,\"data_hash\":\"" + sha256(bytes) + "\",\"sourceDataFormat\":\"CSV\"}}")
                .post("/rest/V1/import/sources").then().statusCode(201).body("status", equalTo("receiving")).extract().path("uuid");
        // Any order; a repeated piece replaces the earlier one.
        admin().contentType("application/octet-stream").body(bytes("garbage")).put("/rest/V1/import/sources/" + uuid + "/pieces/2")
                .then().statusCode(200).body("status", equalTo("receiving"));
        admin().contentType("application/octet-stream").body(java.util.Arrays.copyOfRange(bytes, cut, bytes.length))
                .put("/rest/V1/import/sources/" + uuid + "/pieces/2").then().statusCode(200).body("status", equalTo("receiving"));
        admin().contentType("application/octet-stream").body(java.util.Arrays.copyOfRange(bytes, 0, cut))
                .put("/rest/V1/import/sources/" + uuid + "/pieces/1")
                .then().statusCode(200).body("status", equalTo("uploaded")).body("rows", equalTo(3)).body("sha256", equalTo(sha256(bytes)));
        admin().contentType("application/octet-stream").body(bytes("x")).put("/rest/V1/import/sources/" + uuid + "/pieces/1")
                .then().statusCode(400);

        String bad = admin().contentType(ContentType.JSON)
                .body("{\"source\":{\"sourceType\":\"pieces\",\"pieces_count\":1,\"data_hash\":\"" + "0".repeat(64) + "\"}}")
                .post("/rest/V1/import/sources").then().statusCode(201).extract().path("uuid");
        admin().contentType("application/octet-stream").body(bytes("x")).put("/rest/V1/import/sources/" + bad + "/pieces/3").then().statusCode(400);
        admin().contentType("application/octet-stream").body(bytes).put("/rest/V1/import/sources/" + bad + "/pieces/1")
                .then().statusCode(200).body("status", equalTo("invalid")).body("errors[0].message", containsString("data_hash"));
    }

    @Test
    void anotherPrincipalSeesNothingAndDeleteRemovesTheBytes() throws Exception {
        String uuid = admin().contentType("text/csv").body(CSV).post("/rest/V1/import/sources").then().statusCode(201).extract().path("uuid");
        String other = given().contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + adminToken())
                .body("{\"integration\":{\"name\":\"importer-" + UUID.randomUUID() + "\",\"resources\":[\"Magento_ImportExport::import\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + other).get("/rest/V1/import/sources/" + uuid).then().statusCode(404);
        given().header("Authorization", "Bearer " + other).delete("/rest/V1/import/sources/" + uuid).then().statusCode(404);
        given().header("Authorization", "Bearer " + other).get("/rest/V1/import/sources").then().statusCode(200)
                .body("items.uuid", not(hasItem(uuid)));
        // Without the import resource: 401.
        String catalogOnly = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + adminToken())
                .body("{\"integration\":{\"name\":\"catalog-" + UUID.randomUUID() + "\",\"resources\":[\"Magento_Catalog::products\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + catalogOnly).contentType("text/csv").body(CSV).post("/rest/V1/import/sources")
                .then().statusCode(401);
        given().contentType("text/csv").body(CSV).post("/rest/V1/import/sources").then().statusCode(401);

        admin().delete("/rest/V1/import/sources/" + uuid).then().statusCode(200);
        admin().get("/rest/V1/import/sources/" + uuid).then().statusCode(404);
        assertEquals(0, count("select count(*) from import_source_chunk where source_uuid = ?", UUID.fromString(uuid)));
        admin().get("/rest/V1/import/sources/not-a-uuid").then().statusCode(404);
    }

    @Test
    void tooLargeIsRefusedAndNothingIsKept() throws IOException, Exception {
        long before = count("select count(*) from import_source");
        byte[] big = new byte[7 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        admin().contentType("text/csv").body(big).post("/rest/V1/import/sources")
                .then().statusCode(413).body("message", containsString("exceeds the limit"));
        assertEquals(before, count("select count(*) from import_source"));
    }
}
