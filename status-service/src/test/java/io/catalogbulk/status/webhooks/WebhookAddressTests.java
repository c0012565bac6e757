package io.catalogbulk.status.webhooks;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With the defaults of a deployment (https only, public addresses only), a receiver on the inside is refused. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
@TestProfile(WebhookAddressTests.Defaults.class)
class WebhookAddressTests {

    public static class Defaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog-bulk.webhooks.allow-private-addresses", "false", "catalog-bulk.webhooks.allow-http", "false");
        }
    }

    private static io.restassured.response.ValidatableResponse subscribe(String url) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.token(4242, TestTokens.INTEGRATION, Set.of())))
                .contentType(ContentType.JSON)
                .body(Json.string(Json.MAPPER.valueToTree(Map.of("webhook", Map.of("url", url, "events", List.of("bulk.finished"))))))
                .post("/rest/V1/bulk/webhooks").then();
    }

    @Test
    void privateLoopbackAndMetadataAddressesAreRefused() {
        for (String url : List.of("https://127.0.0.1/hook", "https://localhost:8443/hook", "https://10.1.2.3/hook",
                "https://192.168.0.10/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
                "https://[::ffff:127.0.0.1]/hook")) {
            subscribe(url).statusCode(400).body("message", equalTo("The webhook URL is not accepted: %reason"))
                    .body("parameters.reason", containsString("private"));
        }
    }

    @Test
    void plainHttpIsRefused() {
        subscribe("http://93.184.216.34/hook").statusCode(400).body("parameters.reason", equalTo("Only https URLs are allowed."));
    }
}
