package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.OPEN;
import static io.catalogbulk.status.bulk.BulkRows.RETRIABLY_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.catalogbulk.status.bulk.BulkRows.Op;
import io.catalogbulk.testsupport.ServiceTestResource;

/** The status routes under a store code, /rest/<store>/V1/bulk/...: the same answers; an unknown store is 400. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class StoreScopeTests {

    private static String get(String path) {
        return StatusApi.asAdmin().get(path).then().statusCode(200).contentType(ContentType.JSON).extract().asString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "all", "admin", "DEFAULT"})
    void storeScopedPathsAnswerTheSameAsUnscopedOnes(String store) {
        UUID uuid = BulkRows.bulk(1, StatusApi.ADMIN, "2024-03-05 09:08:09+02", List.of(
                Op.of(2, OPEN), Op.of(0, COMPLETE), Op.of(1, RETRIABLY_FAILED)));
        JsonOrder.assertSameJson(get("/rest/V1/bulk/" + uuid + "/status"), get("/rest/" + store + "/V1/bulk/" + uuid + "/status"));
        JsonOrder.assertSameJson(get("/rest/V1/bulk/" + uuid + "/detailed-status"),
                get("/rest/" + store + "/V1/bulk/" + uuid + "/detailed-status"));
        assertEquals("1", get("/rest/" + store + "/V1/bulk/" + uuid + "/operation-status/4").trim());
        String search = "/V1/bulk?searchCriteria[filter_groups][0][filters][0][field]=bulk_uuid"
                + "&searchCriteria[filter_groups][0][filters][0][value]=" + uuid;
        JsonOrder.assertSameJson(get("/rest" + search), get("/rest/" + store + search));
    }

    @Test
    void theOwnerCheckAppliesUnderAStoreCodeToo() {
        int owner = BulkRows.freshUserId();
        UUID uuid = BulkRows.bulk(owner, StatusApi.INTEGRATION, COMPLETE);
        StatusApi.asIntegration(owner).get("/rest/default/V1/bulk/" + uuid + "/status").then().statusCode(200);
        String body = StatusApi.asIntegration(owner + 1).get("/rest/default/V1/bulk/" + uuid + "/status")
                .then().statusCode(404).extract().asString();
        JsonOrder.assertSameJson(StatusApi.notFoundBody(uuid.toString()), body);
    }

    @Test
    void anUnknownStoreCodeIs400OnEveryRoute() {
        UUID uuid = BulkRows.adminBulk(COMPLETE, RETRIABLY_FAILED);
        String expected = "{\"message\": \"" + StatusApi.STORE_NOT_FOUND + "\"}";
        for (String[] route : List.of(
                new String[] {"GET", "/rest/nosuchstore/V1/bulk/" + uuid + "/status"},
                new String[] {"GET", "/rest/nosuchstore/V1/bulk/" + uuid + "/detailed-status"},
                new String[] {"GET", "/rest/nosuchstore/V1/bulk/" + uuid + "/operation-status/1"},
                new String[] {"GET", "/rest/nosuchstore/V1/bulk?searchCriteria[page_size]=1"},
                new String[] {"POST", "/rest/nosuchstore/V1/bulk/" + uuid + "/retry"},
                new String[] {"POST", "/rest/nosuchstore/V1/bulk/" + uuid + "/acknowledge"})) {
            var request = StatusApi.asAdmin();
            var response = route[0].equals("GET") ? request.get(route[1])
                    : request.contentType(ContentType.JSON).body("{}").post(route[1]);
            String body = response.then().statusCode(400).contentType(ContentType.JSON).extract().asString();
            JsonOrder.assertSameJson(expected, body);
        }
        // Nothing was retried or acknowledged.
        assertEquals(RETRIABLY_FAILED, ((Number) BulkRows.operationRow(uuid, 1).get("status")).intValue());
        assertEquals(0, ((Number) BulkRows.bulkRow(uuid).get("publish_epoch")).intValue());
        assertEquals(null, BulkRows.bulkRow(uuid).get("acknowledged_at"));
    }
}
