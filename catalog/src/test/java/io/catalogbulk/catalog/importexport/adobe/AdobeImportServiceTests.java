package io.catalogbulk.catalog.importexport.adobe;

import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.db;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Adobe Commerce's POST /V1/import/csv and /V1/import/json, answered as Adobe does (every failed row listed). */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class AdobeImportServiceTests {

    @Inject
    AdobeImportService service;

    @Inject
    DataSource dataSource;

    /** The catalog tests call as admin user 1: it exists with every resource, as the first admin does. */
    @BeforeEach
    void adminOne() throws Exception {
        try (Connection connection = db(); PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO admin_user (user_id, username, password_hash) VALUES (1, 'catalog-tests-admin', 'unusable') ON CONFLICT DO NOTHING;"
                        + " SELECT setval(pg_get_serial_sequence('admin_user', 'user_id'), (SELECT max(user_id) FROM admin_user))")) {
            statement.execute();
        }
    }

    static String csvBody(String entity, String behavior, String strategy, String allowed, byte[] csv) {
        return "{\"source\":{\"entity\":\"" + entity + "\",\"behavior\":\"" + behavior + "\",\"validationStrategy\":\"" + strategy
                + "\",\"allowedErrorCount\":\"" + allowed + "\",\"csvData\":\"" + Base64.getEncoder().encodeToString(csv) + "\"}}";
    }

    static byte[] resource(String name) throws Exception {
        try (InputStream in = AdobeImportServiceTests.class.getResourceAsStream("/importexport/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void adobesAdvancedPricingFixtureAndProducts() throws Exception {
        post("/V1/import/csv", csvBody("catalog_product", "append", "validation-stop-on-errors", "10",
                ("sku,product_type,name,price,attribute_set_code\nSimple1,simple,Simple1,10,Default\n").getBytes(StandardCharsets.UTF_8)))
                .statusCode(200).body("", contains("Entities Processed: 1"));
        post("/V1/import/csv", csvBody("advanced_pricing", "append", "validation-stop-on-errors", "10", resource("advanced_pricing.csv")))
                .statusCode(200).body("", contains("Entities Processed: 1"));
        // Adobe's own fixture read with the wrong separator: both of Adobe's header messages.
        post("/V1/import/csv", csvBody("advanced_pricing", "append", "validation-stop-on-errors", "10", resource("advanced_pricing.csv"))
                .replace("\"entity\"", "\"ImportFieldSeparator\":\";\",\"entity\"")).statusCode(200)
                .body("", contains("Row 1: We can't find required columns: sku.",
                        "Row 1: Column names: \"sku,tier_price_website,tier_price_customer_group,tier_price_qty,tier_price,tier_price_value_type\""
                                + " are invalid"));
    }

    @Test
    void everyFailedRowIsListedAndStopOnErrorsAppliesNothing() throws Exception {
        String a = unique("Adobe-A");
        String b = unique("Adobe-B");
        byte[] csv = ("sku,product_type,name,price\n" + a + ",simple,A,1\n" + b + ",bundle,B,1\n,simple,C,1\n").getBytes(StandardCharsets.UTF_8);
        post("/V1/import/csv", csvBody("catalog_product", "add_update", "validation-stop-on-errors", "1", csv)).statusCode(200)
                .body("", contains("Row 2: Product Type is invalid or not supported", "Row 3: SKU is empty"));
        get("/all/V1/products/" + a).statusCode(404);
        post("/V1/import/csv", csvBody("catalog_product", "add_update", "validation-skip-errors", "0", gzip(csv))).statusCode(200)
                .body("", contains("Row 2: Product Type is invalid or not supported", "Row 3: SKU is empty", "Entities Processed: 1"));
        get("/all/V1/products/" + a).statusCode(200).body("name", equalTo("A"));
    }

    @Test
    void jsonItemsAreRows() {
        String email = unique("adobe") + "@example.com";
        post("/V1/import/json", "{\"source\":{\"entity\":\"customer\",\"behavior\":\"append\",\"validation_strategy\":\"validation-stop-on-errors\","
                + "\"allowed_error_count\":\"0\",\"items\":[{\"email\":\"" + email + "\",\"_website\":\"base\",\"_store\":\"default\","
                + "\"firstname\":\"Jo\",\"lastname\":\"Ng\",\"group_id\":\"1\",\"password\":\"Secret-Pass-9\"}]}}")
                .statusCode(200).body("", contains("Entities Processed: 1"));
        post("/V1/import/json", "{\"source\":{\"entity\":\"customer\",\"behavior\":\"append\",\"items\":[{\"email\":\"x@example.com\","
                + "\"_website\":\"base\",\"sku\":\"44\"}]}}")
                .statusCode(200).body("", contains("Row 1: Column names: \"sku\" are invalid"));
        post("/V1/import/json", "{\"source\":{\"entity\":\"customer\",\"behavior\":\"append\",\"items\":[{\"email\":\"x@example.com\","
                + "\"_website\":\"base\",\"shoe_size\":\"44\"}]}}").statusCode(400);
    }

    @Test
    void badRequestsAreMagentoErrors() {
        post("/V1/import/csv", "{\"source\":{\"entity\":\"orders\",\"behavior\":\"append\",\"csvData\":\"c2t1\"}}").statusCode(400)
                .body("message", equalTo("\"%1\" is not an import entity type. Use one of: %2."));
        post("/V1/import/csv", "{\"source\":{\"entity\":\"customer\",\"behavior\":\"merge\",\"csvData\":\"c2t1\"}}").statusCode(400);
        post("/V1/import/csv", "{\"source\":{\"entity\":\"customer\",\"behavior\":\"append\",\"csvData\":\"%%%\"}}").statusCode(400)
                .body("message", equalTo("The csvData is not valid base64."));
    }

    @Test
    void theRowsRouteAclIsNeededBesideTheImportAcl() throws Exception {
        int userId;
        try (Connection connection = db(); PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO admin_user (username, password_hash, resources) VALUES (?, 'unusable', '{Magento_ImportExport::import}') RETURNING user_id")) {
            statement.setString(1, unique("importer"));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                userId = rs.getInt(1);
            }
        }
        ObjectNode params = (ObjectNode) Json.parse(csvBody("customer", "append", "validation-stop-on-errors", "0",
                "email,_website\nx@example.com,base\n".getBytes(StandardCharsets.UTF_8)));
        try (Connection connection = dataSource.getConnection()) {
            WebapiException denied = assertThrows(WebapiException.class, () -> service.importCsv(
                    new OperationContext(connection, StoreScope.all(), new Caller(userId, UserType.ADMIN)), params));
            assertEquals(401, denied.status());
            assertEquals("The consumer isn't authorized to access Magento_Customer::manage.", denied.phrase().render());
        }
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
