package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.catalogbulk.core.security.OAuthCredentials;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * {@code catalog-bulk.oauth.integration-as-bearer=false} (Magento's oauth/consumer/enable_integration_as_bearer
 * off): an integration's access token works only inside an OAuth signature; other principals' bearer tokens are
 * unaffected.
 */
@QuarkusTest
@TestProfile(IntegrationAsBearerOffTests.BearerOff.class)
@WithTestResource(ServiceTestResource.class)
class IntegrationAsBearerOffTests {

    public static class BearerOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog-bulk.oauth.integration-as-bearer", "false");
        }
    }

    @Inject
    OAuthCredentials credentials;

    @Test
    void theIntegrationsTokenIsRefusedAsBearerButAcceptedSigned() throws Exception {
        OAuthStatusTests helper = new OAuthStatusTests();
        helper.credentials = credentials;
        OAuthStatusTests.Integration erp = helper.integration();
        UUID uuid = BulkRows.bulk(erp.id(), StatusApi.INTEGRATION, COMPLETE);
        String status = "/rest/V1/bulk/" + uuid + "/status";

        StatusApi.as(erp.token()).get(status).then().statusCode(401).body("message", equalTo(StatusApi.NOT_AUTHORIZED));
        given().header("Authorization", erp.signer().header("GET", OAuthStatusTests.url(status), "HMAC-SHA256")).get(status)
                .then().statusCode(200).body("bulk_id", equalTo(uuid.toString()));
        // An administrator's bearer token is not an integration's: still accepted.
        StatusApi.asAdmin().get(status).then().statusCode(200);
    }
}
