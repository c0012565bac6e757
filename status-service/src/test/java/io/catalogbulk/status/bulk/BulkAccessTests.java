package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.OPEN;
import static io.catalogbulk.status.bulk.BulkRows.RETRIABLY_FAILED;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestTokens;

/** Every status route needs a valid token, and answers only the bulk's owner and holders of the bulk-log ACL. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class BulkAccessTests {

    /** Each route of the status service for one bulk: method and path. */
    static List<String[]> routes(String uuid) {
        return List.of(
                new String[] {"GET", "/rest/V1/bulk/" + uuid + "/status"},
                new String[] {"GET", "/rest/V1/bulk/" + uuid + "/detailed-status"},
                new String[] {"GET", "/rest/V1/bulk/" + uuid + "/operation-status/2"},
                new String[] {"POST", "/rest/V1/bulk/" + uuid + "/retry"},
                new String[] {"POST", "/rest/V1/bulk/" + uuid + "/acknowledge"});
    }

    /** The routes that answer an invisible bulk with 404: all but operation-status, which answers 0 as Magento. */
    static List<String[]> notFoundRoutes(String uuid) {
        return routes(uuid).stream().filter(route -> !route[1].contains("/operation-status/")).toList();
    }

    private static Response call(RequestSpecification request, String method, String path) {
        return method.equals("GET") ? request.get(path) : request.contentType(ContentType.JSON).body("{}").post(path);
    }

    static Stream<Arguments> badAuthorizations() {
        return Stream.of(
                Arguments.of("no header", null),
                Arguments.of("empty bearer", "Bearer "),
                Arguments.of("not a JWT", "Bearer not-a-token"),
                Arguments.of("basic scheme", "Basic YWRtaW46YWRtaW4xMjM="),
                Arguments.of("token without scheme", TestTokens.admin()),
                Arguments.of("expired token", TestTokens.bearer(StatusApi.expiredToken())),
                Arguments.of("token signed by another key", TestTokens.bearer(StatusApi.foreignToken())),
                Arguments.of("token of another issuer", TestTokens.bearer(StatusApi.otherIssuerToken())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorizations")
    void withoutAValidTokenEveryRouteIs401InMagentosShape(String name, String authorization) {
        UUID uuid = BulkRows.adminBulk(COMPLETE, RETRIABLY_FAILED);
        List<String[]> routes = new java.util.ArrayList<>(routes(uuid.toString()));
        routes.add(new String[] {"GET", "/rest/V1/bulk?searchCriteria[page_size]=1"});
        routes.add(new String[] {"GET", "/rest/default/V1/bulk/" + uuid + "/status"});
        for (String[] route : routes) {
            RequestSpecification request = given();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            String body = call(request, route[0], route[1])
                    .then().statusCode(401).contentType(ContentType.JSON)
                    .extract().asString();
            JsonOrder.assertSameJson(StatusApi.notAuthorizedBody(), body);
        }
        // Nothing was changed by the refused retry and acknowledge.
        assertEquals(0, ((Number) BulkRows.bulkRow(uuid).get("publish_epoch")).intValue());
        assertNull(BulkRows.bulkRow(uuid).get("acknowledged_at"));
        assertEquals(RETRIABLY_FAILED, ((Number) BulkRows.operationRow(uuid, 1).get("status")).intValue());
    }

    @Test
    void anUnknownBulkIs401WithoutATokenSoNothingLeaksAboutWhichBulksExist() {
        given().get("/rest/V1/bulk/" + UUID.randomUUID() + "/status").then().statusCode(401);
    }

    @Test
    void anUnknownBulkIs404OnEveryRouteButOperationStatusWhichIsZero() {
        String unknown = UUID.randomUUID().toString();
        for (String[] route : notFoundRoutes(unknown)) {
            String body = call(StatusApi.asAdmin(), route[0], route[1])
                    .then().statusCode(404).contentType(ContentType.JSON)
                    .extract().asString();
            JsonOrder.assertSameJson(StatusApi.notFoundBody(unknown), body);
        }
        // Magento counts by uuid alone: an unknown bulk has 0 operations of any status.
        for (int status = 1; status <= 5; status++) {
            StatusApi.asAdmin().get("/rest/V1/bulk/" + unknown + "/operation-status/" + status)
                    .then().statusCode(200).contentType(ContentType.JSON).body(org.hamcrest.Matchers.equalTo("0"));
        }
        StatusApi.asAdmin().get("/rest/V1/bulk/not-a-uuid/operation-status/1")
                .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "12345", "799a59c0-09ca-4d60-b432-2953986c1c3"})
    void aMalformedUuidIs404NamingWhatWasAskedFor(String uuid) {
        String body = StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/status")
                .then().statusCode(404).contentType(ContentType.JSON)
                .extract().asString();
        JsonOrder.assertSameJson(StatusApi.notFoundBody(uuid), body);
    }

    @Test
    void theOwnerSeesItsBulk() {
        int owner = BulkRows.freshUserId();
        UUID uuid = BulkRows.bulk(owner, StatusApi.INTEGRATION, COMPLETE, OPEN);
        JsonOrder.assertSameJson(StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/status").asString(),
                StatusApi.asIntegration(owner).get("/rest/V1/bulk/" + uuid + "/status")
                        .then().statusCode(200).extract().asString());
        StatusApi.asIntegration(owner).get("/rest/V1/bulk/" + uuid + "/detailed-status")
                .then().statusCode(200).body("bulk_id", org.hamcrest.Matchers.equalTo(uuid.toString()))
                .body("user_id", org.hamcrest.Matchers.equalTo(owner))
                .body("user_type", org.hamcrest.Matchers.equalTo(StatusApi.INTEGRATION));
        StatusApi.asIntegration(owner).get("/rest/V1/bulk/" + uuid + "/operation-status/4")
                .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("1"));
    }

    @Test
    void anotherUsersBulkIsAnsweredExactlyLikeAnUnknownOneOnEveryRoute() {
        int owner = BulkRows.freshUserId();
        int stranger = owner + 1;
        UUID uuid = BulkRows.bulk(owner, StatusApi.INTEGRATION, COMPLETE, RETRIABLY_FAILED);
        for (String[] route : notFoundRoutes(uuid.toString())) {
            String body = call(StatusApi.asIntegration(stranger), route[0], route[1])
                    .then().statusCode(404).contentType(ContentType.JSON)
                    .extract().asString();
            JsonOrder.assertSameJson(StatusApi.notFoundBody(uuid.toString()), body);
        }
        // operation-status answers a stranger the 0 of an unknown bulk, although the owner's bulk has one of each.
        for (int status : new int[] {COMPLETE, RETRIABLY_FAILED}) {
            StatusApi.asIntegration(stranger).get("/rest/V1/bulk/" + uuid + "/operation-status/" + status)
                    .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("0"));
            StatusApi.asIntegration(owner).get("/rest/V1/bulk/" + uuid + "/operation-status/" + status)
                    .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("1"));
        }
        // The refused retry and acknowledge changed nothing.
        Map<String, Object> bulk = BulkRows.bulkRow(uuid);
        assertEquals(0, ((Number) bulk.get("publish_epoch")).intValue());
        assertNull(bulk.get("acknowledged_at"));
        assertEquals(RETRIABLY_FAILED, ((Number) BulkRows.operationRow(uuid, 1).get("status")).intValue());
    }

    @Test
    void theSameUserIdOfAnotherUserTypeIsAnotherUser() {
        int userId = BulkRows.freshUserId();
        UUID integrationBulk = BulkRows.bulk(userId, StatusApi.INTEGRATION, COMPLETE);
        // An admin user (type 2) with the same id but without the bulk-log ACL.
        String adminWithoutAcl = TestTokens.token(userId, StatusApi.ADMIN, Set.of("Magento_Catalog::products"));
        String body = StatusApi.as(adminWithoutAcl).get("/rest/V1/bulk/" + integrationBulk + "/status")
                .then().statusCode(404).extract().asString();
        JsonOrder.assertSameJson(StatusApi.notFoundBody(integrationBulk.toString()), body);
    }

    @Test
    void aGuestBulkIsNotVisibleToAnIntegration() {
        UUID guestBulk = BulkRows.bulk(null, 4, COMPLETE);
        StatusApi.asIntegration(BulkRows.freshUserId()).get("/rest/V1/bulk/" + guestBulk + "/status")
                .then().statusCode(404);
    }

    @Test
    void theBulkLogAclSeesEveryonesBulk() {
        int owner = BulkRows.freshUserId();
        UUID uuid = BulkRows.bulk(owner, StatusApi.INTEGRATION, COMPLETE, RETRIABLY_FAILED);
        String auditor = TestTokens.token(BulkRows.freshUserId(), StatusApi.INTEGRATION, Set.of(StatusApi.BULK_LOG));
        StatusApi.as(auditor).get("/rest/V1/bulk/" + uuid + "/status")
                .then().statusCode(200).body("user_id", org.hamcrest.Matchers.equalTo(owner));
        StatusApi.as(auditor).get("/rest/V1/bulk/" + uuid + "/operation-status/2")
                .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("1"));
        // The administrator holds Magento_Backend::all, which grants it too.
        StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/detailed-status")
                .then().statusCode(200).body("user_id", org.hamcrest.Matchers.equalTo(owner));
    }

    @Test
    void anUnknownRouteUnderBulkIsMagentosNoRoute() {
        UUID uuid = BulkRows.adminBulk(COMPLETE);
        String body = StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/nonsense")
                .then().statusCode(404).contentType(ContentType.JSON).extract().asString();
        JsonOrder.assertSameJson("{\"message\": \"Request does not match any route.\"}", body);
        body = StatusApi.asAdmin().delete("/rest/V1/bulk/" + uuid + "/status")
                .then().statusCode(404).contentType(ContentType.JSON).extract().asString();
        JsonOrder.assertSameJson("{\"message\": \"Request does not match any route.\"}", body);
    }
}
