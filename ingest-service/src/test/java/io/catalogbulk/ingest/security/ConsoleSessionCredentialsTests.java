package io.catalogbulk.ingest.security;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.core.security.ConsoleSessionCredentials;
import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * {@code Authorization: Console <session id>}: the operator console's forward of import calls. The session row is
 * written as status-service's sign-in writes it (only the SHA-256 of the id, the ACL resources of the principal at
 * sign-in); ingest acts for that principal with that ACL, and stops at once when the session ends or the principal's
 * tokens are revoked.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ConsoleSessionCredentialsTests {

    private static final String IMPORT = "Magento_ImportExport::import";

    private static RequestSpecification asConsole(String sessionId) {
        return given().header("Authorization", "Console " + sessionId).contentType(ContentType.JSON);
    }

    private static String session(int userId, String username, String expiresIn, String... resources) throws SQLException {
        String id = UUID.randomUUID() + "-" + UUID.randomUUID();
        try (Connection connection = IngestTestSupport.db();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO console_session"
                        + " (id_hash, user_id, user_type, username, resources, csrf_token, expires_at)"
                        + " VALUES (?, ?, 2, ?, ?, 'csrf', now() + ?::interval)")) {
            insert.setBytes(1, ConsoleSessionCredentials.hash(id));
            insert.setInt(2, userId);
            insert.setString(3, username);
            insert.setArray(4, connection.createArrayOf("text", resources));
            insert.setString(5, expiresIn);
            insert.executeUpdate();
        }
        return id;
    }

    @Test
    void aConsoleSessionActsAsItsOperatorWithItsAcl() throws SQLException {
        String username = unique("console");
        int userId = SecurityApi.user(username, "Catal0g-pass", IMPORT);
        String session = session(userId, username, "1 hour", IMPORT);
        asConsole(session).get("/rest/V1/import/sources").then().statusCode(200);
        // The session's ACL, not more: no products resource.
        asConsole(session).get("/rest/V1/products/" + unique("x")).then().statusCode(401)
                .body("parameters.resources", equalTo("Magento_Catalog::products"));
        // What the operator uploads is its own: another principal does not see it.
        String uuid = asConsole(session).contentType("text/csv").body("sku,name\nA-1,Bag\n")
                .post("/rest/V1/import/sources?filename=console.csv").then().statusCode(201)
                .body("filename", equalTo("console.csv")).extract().path("uuid");
        String other = session(SecurityApi.user(unique("other"), "Catal0g-pass", IMPORT), "other", "1 hour", IMPORT);
        asConsole(other).get("/rest/V1/import/sources/" + uuid).then().statusCode(404);
        asConsole(session).get("/rest/V1/import/sources/" + uuid).then().statusCode(200);
    }

    @Test
    void anUnknownExpiredOrRevokedSessionIsRefused() throws SQLException {
        asConsole("not-a-session").get("/rest/V1/import/sources").then().statusCode(401);
        asConsole("").get("/rest/V1/import/sources").then().statusCode(401);
        String username = unique("console");
        int userId = SecurityApi.user(username, "Catal0g-pass", IMPORT);
        String expired = session(userId, username, "-1 second", IMPORT);
        asConsole(expired).get("/rest/V1/import/sources").then().statusCode(401);

        String live = session(userId, username, "1 hour", IMPORT);
        asConsole(live).get("/rest/V1/import/sources").then().statusCode(200);
        asAdmin().post("/rest/V1/users/" + userId + "/revoke-tokens").then().statusCode(200);
        asConsole(live).get("/rest/V1/import/sources").then().statusCode(401);
    }
}
