package io.catalogbulk.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.webapi.WebapiException;

class RouteInputQueryTest {

    static final RouteDeclaration SEARCH = RouteDeclaration.route(HttpMethod.GET, "/V1/things")
            .service("Magento\\Test\\Api\\ThingRepositoryInterface", "getList")
            .acl(AclResources.ALL.child("Magento_Test::things"))
            .searchCriteria()
            .handledBy(Object.class, (s, c, p) -> p);

    static final RouteDeclaration GET_ONE = RouteDeclaration.route(HttpMethod.GET, "/V1/things/:id")
            .service("Magento\\Test\\Api\\ThingRepositoryInterface", "get")
            .acl(AclResources.ALL.child("Magento_Test::things"))
            .pathParam("id", ScalarType.INT)
            .query("storeId", ScalarType.INT)
            .handledBy(Object.class, (s, c, p) -> p);

    @Test
    void searchCriteriaIsParsedIntoTheParameters() {
        RouteInput.Item item = RouteInput.fromRequest(SEARCH, null, Map.of(), Map.of(
                "searchCriteria[filter_groups][0][filters][0][field]", "sku",
                "searchCriteria[filter_groups][0][filters][0][value]", "MS%",
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "like",
                "searchCriteria[pageSize]", "20"));
        assertTrue(item.valid());
        SearchCriteria criteria = SearchCriteria.fromJson(item.params().get("searchCriteria"));
        assertEquals("sku", criteria.filterGroups().get(0).filters().get(0).field());
        assertEquals("like", criteria.filterGroups().get(0).filters().get(0).condition());
        assertEquals(20, criteria.pageSize());
        assertEquals(criteria.echo(), SearchCriteria.fromJson(criteria.toJson()).echo());
    }

    @Test
    void missingSearchCriteriaIsMagentosRequiredFieldError() {
        WebapiException e = assertThrows(WebapiException.class, () -> RouteInput.fromRequest(SEARCH, null, Map.of(), Map.of()));
        assertEquals(400, e.status());
    }

    @Test
    void emptySearchCriteriaListsEverything() {
        RouteInput.Item item = RouteInput.fromRequest(SEARCH, null, Map.of(), Map.of("searchCriteria", ""));
        assertTrue(item.valid());
        assertTrue(SearchCriteria.fromJson(item.params().get("searchCriteria")).filterGroups().isEmpty());
    }

    @Test
    void declaredQueryParametersAreTypedAndOthersIgnored() {
        RouteInput.Item item = RouteInput.fromRequest(GET_ONE, null, Map.of("id", "7"), Map.of("store_id", "2", "forceReload", "1"));
        assertTrue(item.valid());
        assertEquals(2, item.params().get("storeId").asInt());
        assertFalse(item.params().has("forceReload"));

        RouteInput.Item bad = RouteInput.fromRequest(GET_ONE, null, Map.of("id", "7"), Map.of("storeId", "two"));
        assertFalse(bad.valid());
    }
}
