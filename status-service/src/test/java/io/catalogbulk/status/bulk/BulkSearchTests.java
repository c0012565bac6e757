package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.CUSTOMER_TOPIC;
import static io.catalogbulk.status.bulk.BulkRows.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.status.bulk.BulkRows.OPEN;
import static io.catalogbulk.status.bulk.BulkRows.PRODUCT_TOPIC;
import static io.catalogbulk.status.bulk.BulkRows.REJECTED;
import static io.catalogbulk.status.bulk.BulkRows.RETRIABLY_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.catalogbulk.status.bulk.BulkRows.Op;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestTokens;

/**
 * GET /rest/V1/bulk?searchCriteria[...]: Magento's operation search. Each test searches as an integration user
 * of its own, so it sees only the bulks it made although other runs share the database.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class BulkSearchTests {

    private static final String F = "searchCriteria[filter_groups][%d][filters][%d][%s]";

    /** Query parameters in the order given. */
    private static Map<String, String> criteria(String... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], pairs[i + 1]);
        }
        return query;
    }

    private static String filter(int group, int index, String member) {
        return F.formatted(group, index, member);
    }

    /** Searches as an integration user without ACL resources: only its own bulks. */
    private static JsonNode search(int user, Map<String, String> query) {
        return search(TestTokens.token(user, StatusApi.INTEGRATION, Set.of()), query);
    }

    private static JsonNode search(String token, Map<String, String> query) {
        return JsonOrder.parse(StatusApi.as(token).queryParams(query).get("/rest/V1/bulk")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString());
    }

    private static String searchError(Map<String, String> query) {
        return StatusApi.asIntegration(BulkRows.freshUserId()).queryParams(query).get("/rest/V1/bulk")
                .then().statusCode(400).contentType(ContentType.JSON)
                .extract().asString();
    }

    /** (bulk uuid, id) of each item, in answer order. */
    private static List<String> keys(JsonNode body) {
        List<String> keys = new ArrayList<>();
        body.get("items").forEach(item -> keys.add(item.get("bulk_uuid").asText() + "/" + item.get("id").asInt()));
        return keys;
    }

    @Test
    void itemsAreDetailedOperationsWithTheBulksStartTimeAndTheCriteriaAreEchoed() {
        int user = BulkRows.freshUserId();
        UUID uuid = BulkRows.bulk(user, StatusApi.INTEGRATION, "2023-06-07 10:11:12+00", List.of(
                Op.of(0, COMPLETE),
                Op.of(1, RETRIABLY_FAILED)));
        JsonNode body = search(user, criteria(
                filter(0, 0, "field"), "bulk_uuid",
                filter(0, 0, "value"), uuid.toString(),
                filter(0, 0, "condition_type"), "eq",
                "searchCriteria[sort_orders][0][field]", "id",
                "searchCriteria[sort_orders][0][direction]", "desc",
                "searchCriteria[page_size]", "10",
                "searchCriteria[current_page]", "1"));
        String data0 = Op.of(0, COMPLETE).data().replace("\"", "\\\"");
        String data1 = Op.of(1, COMPLETE).data().replace("\"", "\\\"");
        JsonOrder.assertSameJson("""
                {"items": [
                   {"id": 1, "bulk_uuid": "%1$s", "topic_name": "%2$s", "serialized_data": "%4$s",
                    "result_serialized_data": null, "status": 2,
                    "result_message": "Database lock wait timeout; retry later", "error_code": 503,
                    "extension_attributes": {"start_time": "2023-06-07 10:11:12"}},
                   {"id": 0, "bulk_uuid": "%1$s", "topic_name": "%2$s", "serialized_data": "%3$s",
                    "result_serialized_data": "{\\"sku\\":\\"sku-0\\",\\"id\\":1000}", "status": 1,
                    "result_message": null, "error_code": null,
                    "extension_attributes": {"start_time": "2023-06-07 10:11:12"}}],
                 "search_criteria": {
                   "filter_groups": [{"filters": [{"field": "bulk_uuid", "value": "%1$s", "condition_type": "eq"}]}],
                   "sort_orders": [{"field": "id", "direction": "DESC"}],
                   "page_size": 10,
                   "current_page": 1},
                 "total_count": 2}
                """.formatted(uuid, PRODUCT_TOPIC, data0, data1), body.toString());
    }

    @Test
    void searchCriteriaKeysMayBeCamelCaseAndTheEchoIsSnakeCase() {
        int user = BulkRows.freshUserId();
        UUID uuid = BulkRows.bulk(user, StatusApi.INTEGRATION, COMPLETE, OPEN);
        JsonNode body = search(user, criteria(
                "searchCriteria[filterGroups][0][filters][0][field]", "status",
                "searchCriteria[filterGroups][0][filters][0][value]", "4",
                "searchCriteria[pageSize]", "5"));
        assertEquals(List.of(uuid + "/1"), keys(body));
        JsonOrder.assertSameJson("""
                {"filter_groups": [{"filters": [{"field": "status", "value": "4"}]}], "page_size": 5}
                """, body.get("search_criteria").toString());
        assertEquals(List.of("items", "search_criteria", "total_count"), JsonOrder.keys(body));
    }

    @Test
    void filtersByStatusWithEqInAndNeq() {
        int user = BulkRows.freshUserId();
        UUID a = BulkRows.bulk(user, StatusApi.INTEGRATION, COMPLETE, RETRIABLY_FAILED, NOT_RETRIABLY_FAILED, OPEN, REJECTED);
        UUID b = BulkRows.bulk(user, StatusApi.INTEGRATION, RETRIABLY_FAILED, COMPLETE);

        JsonNode failed = search(user, criteria(filter(0, 0, "field"), "status", filter(0, 0, "value"), "2",
                "searchCriteria[sort_orders][0][field]", "start_time"));
        assertEquals(Set.of(a + "/1", b + "/0"), Set.copyOf(keys(failed)));
        assertEquals(2, failed.get("total_count").asInt());

        JsonNode in = search(user, criteria(filter(0, 0, "field"), "status", filter(0, 0, "value"), "3, 5",
                filter(0, 0, "condition_type"), "in"));
        assertEquals(List.of(a + "/2", a + "/4"), keys(in));

        JsonNode notComplete = search(user, criteria(filter(0, 0, "field"), "status", filter(0, 0, "value"), "1",
                filter(0, 0, "condition_type"), "neq"));
        assertEquals(5, notComplete.get("total_count").asInt());
    }

    @Test
    void filtersInAGroupAreOrAndGroupsAreAnd() {
        int user = BulkRows.freshUserId();
        UUID a = BulkRows.bulk(user, StatusApi.INTEGRATION, null, List.of(
                Op.of(0, COMPLETE).topic(CUSTOMER_TOPIC),
                Op.of(1, RETRIABLY_FAILED).topic(CUSTOMER_TOPIC),
                Op.of(2, NOT_RETRIABLY_FAILED).topic(PRODUCT_TOPIC),
                Op.of(3, REJECTED).topic(CUSTOMER_TOPIC)));
        // (status = 2 OR status = 5) AND topic_name LIKE %customer%
        JsonNode body = search(user, criteria(
                filter(0, 0, "field"), "status", filter(0, 0, "value"), "2",
                filter(0, 1, "field"), "status", filter(0, 1, "value"), "5",
                filter(1, 0, "field"), "topic_name", filter(1, 0, "value"), "%customer%",
                filter(1, 0, "condition_type"), "like"));
        assertEquals(List.of(a + "/1", a + "/3"), keys(body));
        assertEquals(2, body.get("total_count").asInt());
    }

    @Test
    void filtersByErrorCode() {
        int user = BulkRows.freshUserId();
        UUID a = BulkRows.bulk(user, StatusApi.INTEGRATION, null, List.of(
                Op.of(0, RETRIABLY_FAILED).error(503, "lock wait"),
                Op.of(1, RETRIABLY_FAILED).error(504, "timeout"),
                Op.of(2, NOT_RETRIABLY_FAILED).error(400, "bad input"),
                Op.of(3, COMPLETE)));
        assertEquals(List.of(a + "/1"), keys(search(user, criteria(
                filter(0, 0, "field"), "error_code", filter(0, 0, "value"), "504"))));
        assertEquals(List.of(a + "/0", a + "/1"), keys(search(user, criteria(
                filter(0, 0, "field"), "error_code", filter(0, 0, "value"), "500",
                filter(0, 0, "condition_type"), "gteq"))));
        assertEquals(List.of(a + "/3"), keys(search(user, criteria(
                filter(0, 0, "field"), "error_code", filter(0, 0, "condition_type"), "null"))));
    }

    @Test
    void filtersByStartTime() {
        int user = BulkRows.freshUserId();
        UUID early = BulkRows.bulk(user, StatusApi.INTEGRATION, "2021-01-01 08:00:00+00", List.of(Op.of(0, COMPLETE)));
        UUID middle = BulkRows.bulk(user, StatusApi.INTEGRATION, "2021-01-02 08:00:00+00", List.of(Op.of(0, COMPLETE)));
        // 2021-01-03 01:00 at +02:00 is 2021-01-02 23:00 UTC.
        UUID late = BulkRows.bulk(user, StatusApi.INTEGRATION, "2021-01-03 01:00:00+02", List.of(Op.of(0, OPEN)));
        String sort = "searchCriteria[sort_orders][0][field]";

        JsonNode since = search(user, criteria(filter(0, 0, "field"), "start_time",
                filter(0, 0, "value"), "2021-01-02 08:00:00", filter(0, 0, "condition_type"), "gteq", sort, "start_time"));
        assertEquals(List.of(middle + "/0", late + "/0"), keys(since));
        assertEquals("2021-01-02 23:00:00", since.at("/items/1/extension_attributes/start_time").asText());

        JsonNode before = search(user, criteria(filter(0, 0, "field"), "start_time",
                filter(0, 0, "value"), "2021-01-02", filter(0, 0, "condition_type"), "lt"));
        assertEquals(List.of(early + "/0"), keys(before));

        // from/to in two groups: a range.
        JsonNode range = search(user, criteria(
                filter(0, 0, "field"), "start_time", filter(0, 0, "value"), "2021-01-01 08:00:01",
                filter(0, 0, "condition_type"), "from",
                filter(1, 0, "field"), "start_time", filter(1, 0, "value"), "2021-01-02 23:00:00",
                filter(1, 0, "condition_type"), "to"));
        assertEquals(Set.of(middle + "/0", late + "/0"), Set.copyOf(keys(range)));
    }

    @Test
    void pagesThroughResultsWithTotalCountOfAllMatches() {
        int user = BulkRows.freshUserId();
        int[] statuses = new int[7];
        java.util.Arrays.fill(statuses, COMPLETE);
        UUID uuid = BulkRows.bulk(user, StatusApi.INTEGRATION, statuses);
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode body = search(user, criteria(
                    filter(0, 0, "field"), "bulk_uuid", filter(0, 0, "value"), uuid.toString(),
                    "searchCriteria[sort_orders][0][field]", "id",
                    "searchCriteria[page_size]", "3",
                    "searchCriteria[current_page]", String.valueOf(page)));
            assertEquals(7, body.get("total_count").asInt(), "page " + page);
            assertEquals(page, body.at("/search_criteria/current_page").asInt());
            assertEquals(3, body.at("/search_criteria/page_size").asInt());
            seen.addAll(keys(body));
        }
        List<String> expected = new ArrayList<>();
        for (int id = 0; id < 7; id++) {
            expected.add(uuid + "/" + id);
        }
        assertEquals(expected, seen);

        JsonNode beyond = search(user, criteria(filter(0, 0, "field"), "bulk_uuid", filter(0, 0, "value"), uuid.toString(),
                "searchCriteria[page_size]", "3", "searchCriteria[current_page]", "4"));
        assertEquals(0, beyond.get("items").size());
        assertEquals(7, beyond.get("total_count").asInt());
    }

    @Test
    void anOwnerSeesOnlyItsOwnOperationsAndTheBulkLogAclSeesEveryones() {
        int user = BulkRows.freshUserId();
        int other = user + 1;
        UUID mine = BulkRows.bulk(user, StatusApi.INTEGRATION, COMPLETE, OPEN);
        UUID theirs = BulkRows.bulk(other, StatusApi.INTEGRATION, COMPLETE);
        // Same id, other user type: not the same user.
        UUID adminTyped = BulkRows.bulk(user, StatusApi.ADMIN, COMPLETE);

        JsonNode everythingOfMine = search(user, criteria("searchCriteria[page_size]", "0"));
        assertEquals(List.of(mine + "/0", mine + "/1"), keys(everythingOfMine));
        assertEquals(2, everythingOfMine.get("total_count").asInt());

        JsonNode askingForTheirs = search(user, criteria(
                filter(0, 0, "field"), "bulk_uuid", filter(0, 0, "value"), theirs + "," + adminTyped,
                filter(0, 0, "condition_type"), "in"));
        assertEquals(0, askingForTheirs.get("total_count").asInt());
        assertEquals(0, askingForTheirs.get("items").size());

        String auditor = TestTokens.token(BulkRows.freshUserId(), StatusApi.INTEGRATION, Set.of(StatusApi.BULK_LOG));
        for (String everyone : List.of(auditor, TestTokens.admin())) {
            JsonNode all = search(everyone, criteria(
                    filter(0, 0, "field"), "bulk_uuid", filter(0, 0, "value"), mine + "," + theirs + "," + adminTyped,
                    filter(0, 0, "condition_type"), "in"));
            assertEquals(4, all.get("total_count").asInt());
        }
    }

    @Test
    void searchCriteriaAreRequired() {
        String body = searchError(criteria());
        JsonOrder.assertSameJson("""
                {"message": "\\"%fieldName\\" is required. Enter and try again.", "parameters": {"fieldName": "searchCriteria"}}
                """, body);
    }

    @Test
    void anUnsearchableFieldIsABadRequestNamingIt() {
        String body = searchError(criteria(
                filter(0, 0, "field"), "serialized_data", filter(0, 0, "value"), "x"));
        JsonNode error = JsonOrder.parse(body);
        assertEquals("Cannot search by \"%fieldName\". Searchable fields: %fields.", error.get("message").asText());
        assertEquals("serialized_data", error.at("/parameters/fieldName").asText());
        assertEquals(Set.of("bulk_uuid", "id", "status", "topic_name", "error_code", "start_time"),
                Set.of(error.at("/parameters/fields").asText().split(", ")));
    }

    @Test
    void malformedCriteriaAreBadRequests() {
        JsonOrder.assertSameJson("""
                {"message": "Invalid value of \\"%value\\" provided for the %fieldName field.",
                 "parameters": {"value": "abc", "fieldName": "status"}}
                """, searchError(criteria(filter(0, 0, "field"), "status", filter(0, 0, "value"), "abc")));
        JsonOrder.assertSameJson("""
                {"message": "Invalid value of \\"%value\\" provided for the %fieldName field.",
                 "parameters": {"value": "yesterday", "fieldName": "start_time"}}
                """, searchError(
                criteria(filter(0, 0, "field"), "start_time", filter(0, 0, "value"), "yesterday")));
        JsonOrder.assertSameJson("""
                {"message": "Invalid value of \\"%value\\" provided for the %fieldName field.",
                 "parameters": {"value": "between", "fieldName": "condition_type"}}
                """, searchError(criteria(
                filter(0, 0, "field"), "status", filter(0, 0, "value"), "1", filter(0, 0, "condition_type"), "between")));
        JsonOrder.assertSameJson("""
                {"message": "Invalid value of \\"%value\\" provided for the %fieldName field.",
                 "parameters": {"value": "0", "fieldName": "currentPage"}}
                """, searchError(criteria("searchCriteria[current_page]", "0")));
        JsonOrder.assertSameJson("""
                {"message": "Maximum SearchCriteria pageSize is %max", "parameters": {"max": 1000}}
                """, searchError(criteria("searchCriteria[page_size]", "1001")));
        JsonOrder.assertSameJson("""
                {"message": "\\"%fieldName\\" is not a searchCriteria field.",
                 "parameters": {"fieldName": "searchCriteria[limit]"}}
                """, searchError(criteria("searchCriteria[limit]", "5")));
    }
}
