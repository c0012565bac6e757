package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.status.bulk.BulkRows.OPEN;
import static io.catalogbulk.status.bulk.BulkRows.PRODUCT_TOPIC;
import static io.catalogbulk.status.bulk.BulkRows.REJECTED;
import static io.catalogbulk.status.bulk.BulkRows.RETRIABLY_FAILED;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.catalogbulk.status.bulk.BulkRows.Op;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;
import io.catalogbulk.testsupport.TestTokens;

/** Short and detailed status: exact shapes, bulk_status derivation, counts, operation-status counts. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class BulkStatusTests {

    private static String admin() {
        return TestTokens.bearer(TestTokens.admin());
    }

    private static String get(String path) {
        return given().header("Authorization", admin()).get(path)
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString();
    }

    /** Operations inserted out of id order, start time given with a +02:00 offset. */
    private static UUID mixedBulk() {
        return BulkRows.bulk(1, 2, "2024-03-05 09:08:09+02", List.of(
                Op.of(2, OPEN),
                Op.of(0, COMPLETE),
                Op.of(1, RETRIABLY_FAILED).error(503, "Database lock wait timeout; retry later")));
    }

    @Test
    void shortStatusHasMagentosShapeAndKeyOrder() {
        UUID uuid = mixedBulk();
        String body = get("/rest/V1/bulk/" + uuid + "/status");
        JsonOrder.assertSameJson("""
                {"bulk_id": "%s",
                 "description": "Topic %s",
                 "start_time": "2024-03-05 07:08:09",
                 "user_id": 1,
                 "user_type": 2,
                 "operation_count": 3,
                 "operations_list": [
                   {"id": 0, "status": 1, "result_message": null, "error_code": null},
                   {"id": 1, "status": 2, "result_message": "Database lock wait timeout; retry later", "error_code": 503},
                   {"id": 2, "status": 4, "result_message": null, "error_code": null}],
                 "extension_attributes": {
                   "bulk_status": 1,
                   "counts": {"open": 1, "complete": 1, "retriably_failed": 1, "not_retriably_failed": 0, "rejected": 0}}}
                """.formatted(uuid, PRODUCT_TOPIC), body);
    }

    @Test
    void detailedStatusHasEveryOperationMemberInOrder() {
        UUID uuid = mixedBulk();
        String body = get("/rest/V1/bulk/" + uuid + "/detailed-status");
        String data0 = Op.of(0, COMPLETE).data().replace("\"", "\\\"");
        String data1 = Op.of(1, COMPLETE).data().replace("\"", "\\\"");
        String data2 = Op.of(2, COMPLETE).data().replace("\"", "\\\"");
        JsonOrder.assertSameJson("""
                {"bulk_id": "%1$s",
                 "description": "Topic %2$s",
                 "start_time": "2024-03-05 07:08:09",
                 "user_id": 1,
                 "user_type": 2,
                 "operation_count": 3,
                 "operations_list": [
                   {"id": 0, "bulk_uuid": "%1$s", "topic_name": "%2$s", "serialized_data": "%3$s",
                    "result_serialized_data": "{\\"sku\\":\\"sku-0\\",\\"id\\":1000}", "status": 1,
                    "result_message": null, "error_code": null},
                   {"id": 1, "bulk_uuid": "%1$s", "topic_name": "%2$s", "serialized_data": "%4$s",
                    "result_serialized_data": null, "status": 2,
                    "result_message": "Database lock wait timeout; retry later", "error_code": 503},
                   {"id": 2, "bulk_uuid": "%1$s", "topic_name": "%2$s", "serialized_data": "%5$s",
                    "result_serialized_data": null, "status": 4, "result_message": null, "error_code": null}],
                 "extension_attributes": {
                   "bulk_status": 1,
                   "counts": {"open": 1, "complete": 1, "retriably_failed": 1, "not_retriably_failed": 0, "rejected": 0}}}
                """.formatted(uuid, PRODUCT_TOPIC, data0, data1, data2), body);
    }

    @Test
    void guestBulkShowsANullUserId() {
        UUID uuid = BulkRows.bulk(null, 4, COMPLETE);
        JsonNode body = JsonOrder.parse(get("/rest/V1/bulk/" + uuid + "/status"));
        assertEquals(List.of("bulk_id", "description", "start_time", "user_id", "user_type", "operation_count",
                "operations_list", "extension_attributes"), JsonOrder.keys(body));
        assertEquals(true, body.get("user_id").isNull());
        assertEquals(4, body.get("user_type").asInt());
        assertEquals(2, body.at("/extension_attributes/bulk_status").asInt());
    }

    static Stream<Arguments> statusCases() {
        return Stream.of(
                Arguments.of("all open: not started", new int[] {OPEN, OPEN, OPEN}, 0),
                Arguments.of("open and complete: in progress", new int[] {OPEN, COMPLETE, OPEN}, 1),
                Arguments.of("all complete: finished successfully", new int[] {COMPLETE, COMPLETE}, 2),
                Arguments.of("complete and not retriably failed: finished with failure",
                        new int[] {COMPLETE, NOT_RETRIABLY_FAILED}, 3),
                Arguments.of("complete and retriably failed: finished with failure", new int[] {COMPLETE, RETRIABLY_FAILED}, 3),
                Arguments.of("open and retriably failed: never finished", new int[] {OPEN, RETRIABLY_FAILED}, 1),
                Arguments.of("open and not retriably failed: never finished", new int[] {NOT_RETRIABLY_FAILED, OPEN}, 1),
                Arguments.of("open and rejected: never finished", new int[] {OPEN, REJECTED}, 1),
                Arguments.of("complete and rejected: rejected counts as failed", new int[] {COMPLETE, REJECTED}, 3),
                Arguments.of("only rejected: finished with failure", new int[] {REJECTED, REJECTED}, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statusCases")
    void bulkStatusAndCountsFollowTheOperations(String name, int[] statuses, int bulkStatus) {
        UUID uuid = BulkRows.adminBulk(statuses);
        long[] expected = new long[6];
        for (int status : statuses) {
            expected[status]++;
        }
        for (String route : List.of("status", "detailed-status")) {
            JsonNode body = JsonOrder.parse(get("/rest/V1/bulk/" + uuid + "/" + route));
            assertEquals(bulkStatus, body.at("/extension_attributes/bulk_status").asInt(), route + " bulk_status");
            JsonNode counts = body.at("/extension_attributes/counts");
            assertEquals(expected[OPEN], counts.get("open").asLong(), route + " open");
            assertEquals(expected[COMPLETE], counts.get("complete").asLong(), route + " complete");
            assertEquals(expected[RETRIABLY_FAILED], counts.get("retriably_failed").asLong(), route + " retriably_failed");
            assertEquals(expected[NOT_RETRIABLY_FAILED], counts.get("not_retriably_failed").asLong(), route + " not_retriably_failed");
            assertEquals(expected[REJECTED], counts.get("rejected").asLong(), route + " rejected");
            assertEquals(statuses.length, body.get("operations_list").size(), route + " operations_list");
            assertEquals(statuses.length, body.get("operation_count").asInt(), route + " operation_count");
        }
    }

    @Test
    void operationStatusAnswersABareCountForEachStatus() {
        UUID uuid = BulkRows.adminBulk(COMPLETE, COMPLETE, RETRIABLY_FAILED, NOT_RETRIABLY_FAILED, NOT_RETRIABLY_FAILED,
                NOT_RETRIABLY_FAILED, OPEN, OPEN, OPEN, OPEN, REJECTED, REJECTED, REJECTED, REJECTED, REJECTED);
        int[] expected = {0, 2, 1, 3, 4, 5};
        for (int status = 1; status <= 5; status++) {
            String body = given().header("Authorization", admin())
                    .get("/rest/V1/bulk/" + uuid + "/operation-status/" + status)
                    .then().statusCode(200).contentType(ContentType.JSON)
                    .extract().asString();
            assertEquals(String.valueOf(expected[status]), body.trim(), "operation-status/" + status);
        }
    }

    /**
     * The counts come from the per-bulk status differences the database keeps (V60): they must follow every change
     * of an operation's status, and a change rolled back must leave no trace.
     */
    @Test
    void operationStatusFollowsChangesAndIgnoresRolledBackOnes() throws Exception {
        UUID uuid = BulkRows.adminBulk(OPEN, OPEN, OPEN, OPEN, OPEN);
        BulkRows.execute("UPDATE operation SET status = " + COMPLETE + " WHERE bulk_uuid = ?::uuid AND id < 3", uuid.toString());
        BulkRows.execute("UPDATE operation SET status = " + NOT_RETRIABLY_FAILED + " WHERE bulk_uuid = ?::uuid AND id = 3",
                uuid.toString());
        BulkRows.execute("UPDATE operation SET status = " + OPEN + " WHERE bulk_uuid = ?::uuid AND id = 0", uuid.toString());
        BulkRows.execute("UPDATE operation SET attempts = attempts + 1 WHERE bulk_uuid = ?::uuid", uuid.toString());
        try (Connection connection = TestEnvironment.connect(ServiceTestResource.DATABASE)) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE operation SET status = " + RETRIABLY_FAILED + " WHERE bulk_uuid = ?")) {
                update.setObject(1, uuid);
                update.executeUpdate();
            }
            connection.rollback();
        }
        int[] expected = {0, 2, 0, 1, 2, 0};
        for (int status = 1; status <= 5; status++) {
            given().header("Authorization", admin())
                    .get("/rest/V1/bulk/" + uuid + "/operation-status/" + status)
                    .then().statusCode(200).body(equalTo(String.valueOf(expected[status])));
            int wanted = status;
            long rows = BulkRows.operationRows(uuid).stream().filter(row -> ((Number) row.get("status")).intValue() == wanted).count();
            assertEquals(expected[status], rows, "the answer is the number of rows with status " + status);
        }
        JsonNode counts = JsonOrder.parse(get("/rest/V1/bulk/" + uuid + "/status")).at("/extension_attributes/counts");
        assertEquals(2, counts.get("open").asLong());
        assertEquals(2, counts.get("complete").asLong());
        assertEquals(1, counts.get("not_retriably_failed").asLong());
        assertEquals(0, counts.get("retriably_failed").asLong());
    }

    @Test
    void operationStatusCountsOnlyThatBulk() {
        UUID uuid = BulkRows.adminBulk(REJECTED);
        BulkRows.adminBulk(REJECTED, REJECTED);
        given().header("Authorization", admin())
                .get("/rest/V1/bulk/" + uuid + "/operation-status/5")
                .then().statusCode(200).body(equalTo("1"));
    }

    @Test
    void operationStatusIsZeroForAStatusNoOperationHas() {
        UUID uuid = BulkRows.adminBulk(COMPLETE, COMPLETE);
        for (int status : new int[] {RETRIABLY_FAILED, NOT_RETRIABLY_FAILED, OPEN, REJECTED}) {
            given().header("Authorization", admin())
                    .get("/rest/V1/bulk/" + uuid + "/operation-status/" + status)
                    .then().statusCode(200).body(equalTo("0"));
        }
    }

    static Stream<Arguments> nonIntegerStatuses() {
        return Stream.of(Arguments.of("abc"), Arguments.of("1.5"), Arguments.of("1e2"), Arguments.of("true"));
    }

    @ParameterizedTest(name = "operation-status/{0}")
    @MethodSource("nonIntegerStatuses")
    void aNonIntegerStatusIsABadRequest(String status) {
        UUID uuid = BulkRows.adminBulk(COMPLETE);
        String body = given().header("Authorization", admin())
                .get("/rest/V1/bulk/" + uuid + "/operation-status/" + status)
                .then().statusCode(400).contentType(ContentType.JSON)
                .extract().asString();
        JsonOrder.assertSameJson("""
                {"message": "The \\"%%value\\" value's type is invalid. The \\"%%type\\" type was expected. Verify and try again.",
                 "parameters": {"value": "%s", "type": "int"}}
                """.formatted(status), body);
    }

    @ParameterizedTest(name = "operation-status/{0}")
    @ValueSource(strings = {"0", "6", "-1", "42", "4294967297", "4294967298", "99999999999999999999"})
    void anIntegerThatIsNoOperationStatusIsABadRequest(String status) {
        // 4294967297 and 4294967298 would wrap around to 1 and 2 if read as a 32-bit int.
        UUID uuid = BulkRows.adminBulk(COMPLETE, RETRIABLY_FAILED);
        String body = given().header("Authorization", admin())
                .get("/rest/V1/bulk/" + uuid + "/operation-status/" + status)
                .then().statusCode(400).contentType(ContentType.JSON)
                .extract().asString();
        JsonOrder.assertSameJson("""
                {"message": "Invalid value of \\"%%value\\" provided for the %%fieldName field.",
                 "parameters": {"value": "%s", "fieldName": "status"}}
                """.formatted(status), body);
    }

    @Test
    void operationStatusOfAnUnknownBulkIsZeroButAnInvalidStatusIsStillABadRequest() {
        String unknown = UUID.randomUUID().toString();
        given().header("Authorization", admin()).get("/rest/V1/bulk/" + unknown + "/operation-status/3")
                .then().statusCode(200).body(equalTo("0"));
        // The status is a typed parameter: Magento refuses it before the count, whatever the bulk.
        given().header("Authorization", admin()).get("/rest/V1/bulk/" + unknown + "/operation-status/abc")
                .then().statusCode(400);
        given().header("Authorization", admin()).get("/rest/V1/bulk/" + unknown + "/operation-status/9")
                .then().statusCode(400);
    }

    /** Every non-empty combination of the five operation statuses, each present once or twice. */
    static Stream<Arguments> everyCombinationOfStatuses() {
        List<Arguments> cases = new ArrayList<>();
        for (int mask = 1; mask < 32; mask++) {
            List<Integer> statuses = new ArrayList<>();
            for (int status = 1; status <= 5; status++) {
                if ((mask & (1 << (status - 1))) != 0) {
                    statuses.add(status);
                    if ((mask + status) % 2 == 0) {
                        statuses.add(status);
                    }
                }
            }
            // Spec (api.md §4): 0 nothing has left open, 1 anything still open, 2 all complete, 3 nothing open, something failed.
            long open = statuses.stream().filter(s -> s == OPEN).count();
            long complete = statuses.stream().filter(s -> s == COMPLETE).count();
            int expected = open == statuses.size() ? 0 : open > 0 ? 1 : complete == statuses.size() ? 2 : 3;
            Collections.shuffle(statuses, new Random(mask));
            cases.add(Arguments.of(statuses.toString(), statuses.stream().mapToInt(Integer::intValue).toArray(), expected));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> bulk_status {2}")
    @MethodSource("everyCombinationOfStatuses")
    void bulkStatusOfEveryCombinationOfOperationStatuses(String name, int[] statuses, int bulkStatus) {
        bulkStatusAndCountsFollowTheOperations(name, statuses, bulkStatus);
        if (Arrays.stream(statuses).anyMatch(s -> s == OPEN)) {
            assertNotEquals(2, bulkStatus, "a bulk with an open operation is never finished");
            assertNotEquals(3, bulkStatus, "a bulk with an open operation is never finished");
        }
    }

    @Test
    void manyOperationsAreAllListedInIdOrderWithExactCounts() {
        int[] statuses = new int[2500];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = 1 + i % 5;
        }
        UUID uuid = BulkRows.adminBulk(statuses);
        JsonNode body = JsonOrder.parse(get("/rest/V1/bulk/" + uuid + "/status"));
        JsonNode list = body.get("operations_list");
        assertEquals(2500, list.size());
        for (int i = 0; i < list.size(); i++) {
            assertEquals(i, list.get(i).get("id").asInt());
            assertEquals(1 + i % 5, list.get(i).get("status").asInt());
        }
        JsonOrder.assertSameJson("""
                {"bulk_status": 1,
                 "counts": {"open": 500, "complete": 500, "retriably_failed": 500, "not_retriably_failed": 500, "rejected": 500}}
                """, body.get("extension_attributes").toString());
    }
}
