package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestTokens;

/**
 * Two ERP integrations holding catalog resources (but not the bulk log) and an administrator: each
 * integration sees exactly its own bulks on every status route and in search, the other's do not exist for it;
 * the administrator sees both. Search criteria never reach SQL as text.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class TwoIntegrationsAndAnAdminTests {

    private static Response call(String token, String[] route) {
        var request = StatusApi.as(token);
        return route[0].equals("GET") ? request.get(route[1]) : request.contentType(ContentType.JSON).body("{}").post(route[1]);
    }

    private static String searchByUuids(UUID a, UUID b) {
        return "/rest/V1/bulk?searchCriteria[filter_groups][0][filters][0][field]=bulk_uuid"
                + "&searchCriteria[filter_groups][0][filters][0][value]=" + a + "," + b
                + "&searchCriteria[filter_groups][0][filters][0][condition_type]=in";
    }

    @Test
    void eachSeesOnlyWhatItShouldOnEveryRoute() {
        int erpA = BulkRows.freshUserId();
        int erpB = erpA + 1;
        String tokenA = TestTokens.token(erpA, StatusApi.INTEGRATION, Set.of("Magento_Catalog::products", "Magento_Customer::manage"));
        String tokenB = TestTokens.token(erpB, StatusApi.INTEGRATION, Set.of("Magento_Catalog::products"));
        // Finished bulks, so retry (nothing to re-queue) and acknowledge answer 200 to whoever may see them.
        UUID bulkA = BulkRows.bulk(erpA, StatusApi.INTEGRATION, COMPLETE, COMPLETE);
        UUID bulkB = BulkRows.bulk(erpB, StatusApi.INTEGRATION, COMPLETE, COMPLETE);

        for (String[] route : BulkAccessTests.routes(bulkA.toString())) {
            assertEquals(200, call(tokenA, route).statusCode(), route[1]);
            assertEquals(200, call(TestTokens.admin(), route).statusCode(), route[1]);
        }
        for (String[] route : BulkAccessTests.notFoundRoutes(bulkA.toString())) {
            call(tokenB, route).then().statusCode(404).body("message", equalTo(StatusApi.NOT_FOUND));
        }
        for (String[] route : BulkAccessTests.routes(bulkB.toString())) {
            assertEquals(200, call(tokenB, route).statusCode(), route[1]);
        }
        for (String[] route : BulkAccessTests.notFoundRoutes(bulkB.toString())) {
            call(tokenA, route).then().statusCode(404).body("parameters.bulkUuid", equalTo(bulkB.toString()));
        }
        // operation-status answers the other integration's bulk with the 0 of an unknown one (Magento's answer).
        StatusApi.as(tokenB).get("/rest/V1/bulk/" + bulkA + "/operation-status/1").then().statusCode(200).body(equalTo("0"));
        StatusApi.as(tokenA).get("/rest/V1/bulk/" + bulkA + "/operation-status/1").then().statusCode(200).body(equalTo("2"));
        StatusApi.as(tokenA).get(searchByUuids(bulkA, bulkB)).then().statusCode(200)
                .body("total_count", equalTo(2)).body("items.bulk_uuid", everyItem(equalTo(bulkA.toString())));
        StatusApi.as(tokenB).get(searchByUuids(bulkA, bulkB)).then().statusCode(200)
                .body("total_count", equalTo(2)).body("items.bulk_uuid", everyItem(equalTo(bulkB.toString())));
        StatusApi.as(TestTokens.admin()).get(searchByUuids(bulkA, bulkB)).then().statusCode(200).body("total_count", equalTo(4));
    }

    @Test
    void searchCriteriaThatLookLikeSqlAreBadRequests() {
        String f = "searchCriteria[filter_groups][0][filters][0]";
        for (String query : List.of(
                "/rest/V1/bulk?" + f + "[field]=status;DROP TABLE bulk&" + f + "[value]=1",
                "/rest/V1/bulk?" + f + "[field]=status&" + f + "[value]=1&" + f + "[condition_type]=eq OR 1=1",
                "/rest/V1/bulk?searchCriteria[sort_orders][0][field]=status&searchCriteria[sort_orders][0][direction]=ASC,(SELECT 1)",
                "/rest/V1/bulk?searchCriteria[sort_orders][0][field]=user_id) OR (1=1",
                "/rest/V1/bulk?searchCriteria[filter_groups][0][filters][0][field]=status&searchCriteria[filter_groups][0][filters][0][value]=1' OR '1'='1",
                "/rest/V1/bulk?searchCriteria[pageSize]=1;DELETE FROM bulk")) {
            StatusApi.as(TestTokens.admin()).get(query).then().statusCode(400);
        }
    }
}
