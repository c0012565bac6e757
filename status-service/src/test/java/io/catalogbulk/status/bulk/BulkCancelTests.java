package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.OPEN;
import static io.catalogbulk.status.bulk.BulkRows.REJECTED;
import static io.catalogbulk.status.bulk.BulkRows.RETRIABLY_FAILED;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * POST /V1/bulk/:uuid/cancel: every open operation ends as rejected with "Cancelled by the user.", operations
 * already finished or being executed are left alone, the answer is how many were cancelled, and a bulk the caller
 * may not see is answered like an unknown one.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class BulkCancelTests {

    private static int cancel(RequestSpecification caller, UUID uuid) {
        String answer = caller.post("/rest/V1/bulk/" + uuid + "/cancel")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString();
        return Integer.parseInt(answer.trim());
    }

    private static int status(UUID uuid, int id) {
        return ((Number) BulkRows.operationRow(uuid, id).get("status")).intValue();
    }

    @Test
    void openOperationsAreCancelledAndTheBulkIsFinished() {
        UUID uuid = BulkRows.adminBulk(COMPLETE, OPEN, OPEN, RETRIABLY_FAILED);
        assertEquals(2, cancel(StatusApi.asAdmin(), uuid));
        for (int id : new int[] {1, 2}) {
            Map<String, Object> row = BulkRows.operationRow(uuid, id);
            assertEquals(REJECTED, ((Number) row.get("status")).intValue());
            assertEquals("Cancelled by the user.", row.get("result_message"));
            assertNull(row.get("error_code"));
            assertNotNull(row.get("finished_at"));
        }
        assertEquals(COMPLETE, status(uuid, 0));
        assertEquals(RETRIABLY_FAILED, status(uuid, 3));
        StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/operation-status/" + OPEN).then().statusCode(200).body(equalTo("0"));
        StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/operation-status/" + REJECTED).then().statusCode(200).body(equalTo("2"));
        StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/status").then().statusCode(200)
                .body("operations_list[1].result_message", equalTo("Cancelled by the user."));
        assertEquals(0, cancel(StatusApi.asAdmin(), uuid), "a second cancel finds nothing open");
    }

    @Test
    void anOperationBeingExecutedIsLeftToFinish() throws Exception {
        UUID uuid = BulkRows.adminBulk(OPEN, OPEN, OPEN);
        // This connection plays a worker in the middle of a batch: it holds operation 1's row lock.
        try (Connection worker = TestEnvironment.connect(ServiceTestResource.DATABASE)) {
            worker.setAutoCommit(false);
            try (PreparedStatement lock = worker.prepareStatement(
                    "SELECT id FROM operation WHERE bulk_uuid = ? AND id = 1 FOR UPDATE")) {
                lock.setObject(1, uuid);
                lock.executeQuery().close();
            }
            assertEquals(2, cancel(StatusApi.asAdmin(), uuid), "answered at once, without waiting for the batch");
            try (PreparedStatement finish = worker.prepareStatement(
                    "UPDATE operation SET status = " + COMPLETE + ", result_message = 'done' WHERE bulk_uuid = ? AND id = 1")) {
                finish.setObject(1, uuid);
                finish.executeUpdate();
            }
            worker.commit();
        }
        assertEquals(REJECTED, status(uuid, 0));
        assertEquals(COMPLETE, status(uuid, 1));
        assertEquals("done", BulkRows.operationRow(uuid, 1).get("result_message"));
        assertEquals(REJECTED, status(uuid, 2));
    }

    @Test
    void theOwnerMayCancelAndNobodyElse() {
        int owner = BulkRows.freshUserId();
        UUID uuid = BulkRows.bulk(owner, StatusApi.INTEGRATION, OPEN, OPEN);
        String body = StatusApi.asIntegration(owner + 1).post("/rest/V1/bulk/" + uuid + "/cancel")
                .then().statusCode(404).extract().asString();
        JsonOrder.assertSameJson(StatusApi.notFoundBody(uuid.toString()), body);
        assertEquals(OPEN, status(uuid, 0));
        assertEquals(2, cancel(StatusApi.asIntegration(owner), uuid));
    }

    @Test
    void anUnknownOrMalformedBulkIs404AndNoTokenIs401() {
        String unknown = UUID.randomUUID().toString();
        StatusApi.asAdmin().post("/rest/V1/bulk/" + unknown + "/cancel").then().statusCode(404)
                .body("message", equalTo(StatusApi.NOT_FOUND)).body("parameters.bulkUuid", equalTo(unknown));
        StatusApi.asAdmin().post("/rest/V1/bulk/not-a-uuid/cancel").then().statusCode(404);
        io.restassured.RestAssured.given().post("/rest/V1/bulk/" + unknown + "/cancel").then().statusCode(401);
    }
}
