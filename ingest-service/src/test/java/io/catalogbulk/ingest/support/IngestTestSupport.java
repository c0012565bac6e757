package io.catalogbulk.ingest.support;

import static io.restassured.RestAssured.given;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/** What the ingest tests share: an admin token from the real token route, and SQL probes (the run's queue is RunQueue). */
public final class IngestTestSupport {

    private static String token;

    private IngestTestSupport() {
    }

    public static synchronized String adminToken() {
        if (token == null) {
            token = given().contentType(ContentType.JSON)
                    .body("{\"username\":\"admin\",\"password\":\"admin123\"}")
                    .post("/rest/V1/integration/admin/token")
                    .then().statusCode(200).extract().as(String.class);
        }
        return token;
    }

    public static RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + adminToken()).contentType(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static java.sql.Connection db() throws SQLException {
        return TestEnvironment.connect(ServiceTestResource.DATABASE);
    }

    public static long count(String sql, Object... params) throws SQLException {
        try (java.sql.Connection c = db(); PreparedStatement statement = c.prepareStatement(sql)) {
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
