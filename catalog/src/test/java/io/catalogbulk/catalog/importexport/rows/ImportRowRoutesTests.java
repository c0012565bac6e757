package io.catalogbulk.catalog.importexport.rows;

import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.db;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * {@code POST /V1/import/rows/:entityType}: one row of a Magento import type applied by its type, refused by the type's
 * own checks, failed with the type's message when it cannot be applied, and sealed before it could be stored.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ImportRowRoutesTests {

    static final String PRODUCT = "{\"row\": {\"number\": 1, \"cells\": {\"sku\": \"ROW-1\", \"attribute_set_code\": \"Default\","
            + " \"product_type\": \"simple\", \"product_websites\": \"base\", \"name\": \"Row One\", \"price\": \"12.5\"}}}";

    /** The catalog tests call as admin user 1: it exists with every resource, as the first admin does (the handler reads it). */
    @BeforeEach
    void adminOne() throws Exception {
        try (Connection connection = db(); PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO admin_user (user_id, username, password_hash) VALUES (1, 'catalog-tests-admin', 'unusable') ON CONFLICT DO NOTHING;"
                        + " SELECT setval(pg_get_serial_sequence('admin_user', 'user_id'), (SELECT max(user_id) FROM admin_user))")) {
            statement.execute();
        }
    }

    @Test
    void aProductRowIsAppliedByTheProductType() {
        post("/V1/import/rows/catalog_product", PRODUCT).statusCode(200).body("sku", equalTo("ROW-1"));
        get("/all/V1/products/ROW-1").statusCode(200).body("name", equalTo("Row One")).body("price", equalTo(12.5f))
                .body("type_id", equalTo("simple"));
    }

    @Test
    void aRowThatCannotBeAppliedFailsWithTheTypesMessage() {
        post("/V1/import/rows/catalog_product", "{\"row\": {\"number\": 7, \"behaviour\": \"delete\", \"cells\": {\"sku\": \"ROW-NEVER\"}}}")
                .statusCode(400).body("message", equalTo("Product with specified SKU not found"));
    }

    @Test
    void anInvalidRowIsRefusedByTheTypesChecksBeforeAnythingRuns() {
        post("/V1/import/rows/catalog_product", PRODUCT.replace("\"simple\"", "\"grouped\"")).statusCode(400)
                .body("message", equalTo("Product Type is invalid or not supported"));
        post("/V1/import/rows/catalog_product", "{\"row\": {\"cells\": {\"sku\": \"ROW-2\", \"email\": \"a@example.com\"}}}")
                .statusCode(400).body("message", equalTo("Column names: \"%1\" are invalid")).body("parameters", equalTo(List.of("email")));
        post("/V1/import/rows/no_such_type", PRODUCT).statusCode(400)
                .body("parameters", equalTo(List.of("no_such_type", "advanced_pricing, catalog_product, customer, stock_sources")));
        post("/V1/import/rows/catalog_product", "{\"row\": {\"cells\": {\"sku\": \"ROW-2\", \"unheard_of\": \"x\"}}}").statusCode(400);
    }

    @Test
    void aCustomerPasswordIsSealedBeforeTheRowCouldBeStored() {
        RouteDeclaration route = CatalogRoutes.ALL.stream().filter(r -> r.toString().equals(ImportRowRoutes.NAME)).findFirst().orElseThrow();
        ObjectNode item = (ObjectNode) Json.parse("{\"entityType\": \"customer\", \"row\": {\"number\": 1, \"cells\": {\"email\":"
                + " \"row@example.com\", \"_website\": \"base\", \"firstname\": \"Ro\", \"lastname\": \"W\", \"password\": \"Secret-123456\"}}}");
        RouteInput.Item normalized = RouteInput.fromBulkItem(route, item);
        assertTrue(normalized.valid(), () -> normalized.errors().toString());
        String password = normalized.params().path("row").path("cells").path("password").asText();
        assertTrue(password.startsWith("{bcrypt}$2"), password);
    }
}
