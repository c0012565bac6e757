package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.OPEN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import io.catalogbulk.core.security.OAuthCredentials;
import io.catalogbulk.testsupport.OAuth1Signer;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;
import io.catalogbulk.testsupport.TestTokens;

/**
 * The status service verifies OAuth 1.0a signed requests itself, from the shared database: an integration's bulks
 * answer its signed requests, a wrong signature is Magento's 401, and disabling the integration stops it at once.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class OAuthStatusTests {

    @Inject
    OAuthCredentials credentials;

    record Integration(int id, OAuth1Signer signer, String token) {
    }

    /** An integration as ingest-service creates it: its row and its OAuth credentials, issued by the same code. */
    Integration integration() throws SQLException {
        try (Connection connection = TestEnvironment.connect(ServiceTestResource.DATABASE)) {
            connection.setAutoCommit(false);
            int id;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO integration (name, resources) VALUES (?, '{}') RETURNING id")) {
                insert.setString(1, "oauth-status-" + UUID.randomUUID());
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getInt(1);
                }
            }
            String token = TestTokens.token(id, StatusApi.INTEGRATION, Set.of());
            OAuthCredentials.Issued issued = credentials.issue(connection, id, token).orElseThrow();
            connection.commit();
            return new Integration(id, new OAuth1Signer(issued.consumerKey(), issued.consumerSecret(), token,
                    issued.accessTokenSecret()), token);
        }
    }

    static String url(String pathAndQuery) {
        return RestAssured.baseURI + ":" + RestAssured.port + pathAndQuery;
    }

    @Test
    void signedStatusRoutesAnswerTheIntegrationsOwnBulk() throws Exception {
        Integration erp = integration();
        UUID uuid = BulkRows.bulk(erp.id(), StatusApi.INTEGRATION, COMPLETE, OPEN);
        String status = "/rest/V1/bulk/" + uuid + "/status";
        given().header("Authorization", erp.signer().header("GET", url(status), "HMAC-SHA256")).get(status)
                .then().statusCode(200).body("bulk_id", equalTo(uuid.toString())).body("user_id", equalTo(erp.id()));
        String count = "/rest/V1/bulk/" + uuid + "/operation-status/4";
        given().header("Authorization", erp.signer().header("GET", url(count), "HMAC-SHA1")).get(count)
                .then().statusCode(200).body(equalTo("1"));
        String search = "/rest/V1/bulk?searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=bulk_uuid"
                + "&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=" + uuid;
        given().urlEncodingEnabled(false).header("Authorization", erp.signer().header("GET", url(search), "HMAC-SHA256"))
                .get(search).then().statusCode(200).body("total_count", equalTo(2));
    }

    @Test
    void aWrongSignatureIs401AndDisablingTheIntegrationStopsItAtOnce() throws Exception {
        Integration erp = integration();
        UUID uuid = BulkRows.bulk(erp.id(), StatusApi.INTEGRATION, COMPLETE);
        String status = "/rest/V1/bulk/" + uuid + "/status";
        OAuth1Signer s = erp.signer();
        given().header("Authorization", new OAuth1Signer(s.consumerKey(), s.consumerSecret(), s.token(), "wrong")
                .header("GET", url(status), "HMAC-SHA256")).get(status)
                .then().statusCode(401).contentType(ContentType.JSON)
                .body("message", equalTo(StatusApi.NOT_AUTHORIZED)).body("parameters.resources", equalTo(StatusApi.BULK_LOG));
        given().header("Authorization", s.header("GET", url(status), "HMAC-SHA256")).get(status).then().statusCode(200);

        BulkRows.execute("UPDATE integration SET is_active = false WHERE id = ?", erp.id());

        given().header("Authorization", s.header("GET", url(status), "HMAC-SHA256")).get(status).then().statusCode(401);
    }
}
