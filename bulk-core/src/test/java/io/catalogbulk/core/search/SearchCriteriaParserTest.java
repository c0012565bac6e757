package io.catalogbulk.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;

/** entities.md §8: Magento's searchCriteria query parameters. */
class SearchCriteriaParserTest {

    private static Map<String, String> query(String... keyValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        return query;
    }

    private static WebapiException refused(Map<String, String> query) {
        return assertThrows(WebapiException.class, () -> SearchCriteriaParser.parse(query));
    }

    private static void assertInvalidValue(WebapiException e, String value, String field) {
        assertEquals(400, e.status());
        assertEquals(WebapiException.INVALID_FIELD_VALUE, e.phrase().message());
        assertEquals(Map.of("value", value, "fieldName", field), e.phrase().parameters());
    }

    private static void assertNotASearchField(WebapiException e, String key) {
        assertEquals(400, e.status());
        assertEquals("\"%fieldName\" is not a searchCriteria field.", e.phrase().message());
        assertEquals(Map.of("fieldName", key), e.phrase().parameters());
    }

    @Test
    void parsesTheMagentoExampleQuery() {
        SearchCriteria criteria = SearchCriteriaParser.parse(query(
                "searchCriteria[filter_groups][0][filters][0][field]", "sku",
                "searchCriteria[filter_groups][0][filters][0][value]", "MS%",
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "like",
                "searchCriteria[sortOrders][0][field]", "name",
                "searchCriteria[sortOrders][0][direction]", "ASC",
                "searchCriteria[pageSize]", "20",
                "searchCriteria[currentPage]", "1"));
        assertEquals(List.of(new SearchCriteria.FilterGroup(List.of(new SearchCriteria.Filter("sku", "MS%", "like")))),
                criteria.filterGroups());
        assertEquals(List.of(new SearchCriteria.SortOrder("name", "ASC")), criteria.sortOrders());
        assertEquals(20, criteria.pageSize());
        assertEquals(1, criteria.currentPage());
        assertEquals(Json.parse("{\"filter_groups\":[{\"filters\":[{\"field\":\"sku\",\"value\":\"MS%\",\"condition_type\":\"like\"}]}],"
                + "\"sort_orders\":[{\"field\":\"name\",\"direction\":\"ASC\"}],\"page_size\":20,\"current_page\":1}"), criteria.echo());
    }

    @Test
    void camelCaseKeysWorkLikeSnakeCase() {
        SearchCriteria criteria = SearchCriteriaParser.parse(query(
                "searchCriteria[filterGroups][0][filters][0][field]", "status",
                "searchCriteria[filterGroups][0][filters][0][value]", "2",
                "searchCriteria[filterGroups][0][filters][0][conditionType]", "EQ",
                "searchCriteria[sort_orders][0][field]", "start_time",
                "searchCriteria[sort_orders][0][direction]", "desc",
                "searchCriteria[page_size]", "5",
                "searchCriteria[current_page]", "3"));
        assertEquals(new SearchCriteria.Filter("status", "2", "eq"), criteria.filterGroups().get(0).filters().get(0));
        assertEquals(new SearchCriteria.SortOrder("start_time", "DESC"), criteria.sortOrders().get(0));
        assertEquals(5, criteria.pageSize());
        assertEquals(3, criteria.currentPage());
    }

    @Test
    void snakeCaseTopLevelParameterIsAcceptedAsMagentoDoes() {
        // ServiceInputProcessor accepts a method parameter by its name or its snake_case form.
        SearchCriteria criteria = SearchCriteriaParser.parse(query(
                "search_criteria[filter_groups][0][filters][0][field]", "bulk_uuid",
                "search_criteria[filter_groups][0][filters][0][value]", "abc",
                "search_criteria[page_size]", "10"));
        assertEquals(new SearchCriteria.Filter("bulk_uuid", "abc", null), criteria.filterGroups().get(0).filters().get(0));
        assertEquals(10, criteria.pageSize());
    }

    @Test
    void filtersInAGroupAreOrAndGroupsAreAndOrderedByIndex() {
        SearchCriteria criteria = SearchCriteriaParser.parse(query(
                "searchCriteria[filter_groups][1][filters][0][field]", "topic_name",
                "searchCriteria[filter_groups][1][filters][0][value]", "async.magento.catalog.api.productrepositoryinterface.save.post",
                "searchCriteria[filter_groups][0][filters][1][field]", "status",
                "searchCriteria[filter_groups][0][filters][1][value]", "3",
                "searchCriteria[filter_groups][0][filters][0][field]", "status",
                "searchCriteria[filter_groups][0][filters][0][value]", "2"));
        assertEquals(2, criteria.filterGroups().size());
        assertEquals(List.of(new SearchCriteria.Filter("status", "2", null), new SearchCriteria.Filter("status", "3", null)),
                criteria.filterGroups().get(0).filters());
        assertEquals("topic_name", criteria.filterGroups().get(1).filters().get(0).field());
    }

    @Test
    void conditionDefaultsToEqAndIsNotEchoedWhenAbsent() {
        SearchCriteria criteria = SearchCriteriaParser.parse(query(
                "searchCriteria[filter_groups][0][filters][0][field]", "status",
                "searchCriteria[filter_groups][0][filters][0][value]", "1"));
        SearchCriteria.Filter filter = criteria.filterGroups().get(0).filters().get(0);
        assertNull(filter.conditionType());
        assertEquals("eq", filter.condition());
        assertEquals(Json.parse("{\"filter_groups\":[{\"filters\":[{\"field\":\"status\",\"value\":\"1\"}]}]}"), criteria.echo(),
                "no sort_orders, page_size or current_page when none were given");
    }

    @Test
    void aFilterWithoutValueMatchesTheEmptyString() {
        SearchCriteria criteria = SearchCriteriaParser.parse(query(
                "searchCriteria[filter_groups][0][filters][0][field]", "error_code",
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "null"));
        assertEquals(new SearchCriteria.Filter("error_code", "", "null"), criteria.filterGroups().get(0).filters().get(0));
    }

    @Test
    void everyMagentoConditionIsAccepted() {
        for (String condition : List.of("eq", "neq", "in", "nin", "lt", "lteq", "gt", "gteq", "like", "nlike", "null", "notnull",
                "from", "to")) {
            SearchCriteria criteria = SearchCriteriaParser.parse(query(
                    "searchCriteria[filter_groups][0][filters][0][field]", "status",
                    "searchCriteria[filter_groups][0][filters][0][value]", "1",
                    "searchCriteria[filter_groups][0][filters][0][condition_type]", condition));
            assertEquals(condition, criteria.filterGroups().get(0).filters().get(0).condition());
        }
    }

    @Test
    void sortDirectionDefaultsToAsc() {
        SearchCriteria criteria = SearchCriteriaParser.parse(query("searchCriteria[sortOrders][0][field]", "id"));
        assertEquals(List.of(new SearchCriteria.SortOrder("id", "ASC")), criteria.sortOrders());
    }

    @Test
    void pageSizeZeroIsAllowedButCurrentPageZeroIsNot() {
        assertEquals(0, SearchCriteriaParser.parse(query("searchCriteria[pageSize]", "0")).pageSize());
        assertInvalidValue(refused(query("searchCriteria[currentPage]", "0")), "0", "currentPage");
    }

    @Test
    void emptySearchCriteriaListsEverything() {
        SearchCriteria criteria = SearchCriteriaParser.parse(query("searchCriteria", ""));
        assertEquals(List.of(), criteria.filterGroups());
        assertEquals(List.of(), criteria.sortOrders());
        assertNull(criteria.pageSize());
        assertNull(criteria.currentPage());
        assertEquals(Json.parse("{\"filter_groups\":[]}"), criteria.echo());
    }

    @Test
    void otherQueryParametersAreIgnored() {
        SearchCriteria criteria = SearchCriteriaParser.parse(query("fields", "items[id]", "searchCriteria[pageSize]", "2"));
        assertEquals(2, criteria.pageSize());
    }

    // --- refusals -------------------------------------------------------------------------------------------

    @Test
    void missingSearchCriteriaIsARequiredField() {
        WebapiException e = refused(query("fields", "items"));
        assertEquals(400, e.status());
        assertEquals(WebapiException.REQUIRED_FIELD, e.phrase().message());
        assertEquals(Map.of("fieldName", "searchCriteria"), e.phrase().parameters());
        assertEquals(400, refused(Map.of()).status());
    }

    @Test
    void unknownOrMisshapenKeysAreRefused() {
        for (String key : List.of(
                "searchCriteria[foo]",
                "searchCriteria[filter_groups][0][filters][0][colour]",
                "searchCriteria[filter_groups][0][field]",
                "searchCriteria[filter_groups][0][filters][0]",
                "searchCriteria[filter_groups][0][other][0][field]",
                "searchCriteria[sortOrders][0]",
                "searchCriteria[sortOrders][0][order]",
                "searchCriteria[filter_groups][x][filters][0][field]",
                "searchCriteria[filter_groups][-1][filters][0][field]",
                "searchCriteria[filter_groups][1001][filters][0][field]",
                "searchCriteria[filter_groups][0][filters][99999999999][field]",
                "searchCriteriaX",
                "searchCriteria[pageSize",
                "search_criteria_x")) {
            assertNotASearchField(refused(query(key, "1")), key);
        }
    }

    @Test
    void aNonEmptyBareSearchCriteriaIsRefused() {
        assertNotASearchField(refused(query("searchCriteria", "all")), "searchCriteria");
    }

    @Test
    void unknownConditionIsAnInvalidValue() {
        assertInvalidValue(refused(query(
                "searchCriteria[filter_groups][0][filters][0][field]", "status",
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "regexp")), "regexp", "condition_type");
    }

    @Test
    void aFilterOrSortWithoutFieldIsARequiredField() {
        WebapiException filter = refused(query("searchCriteria[filter_groups][0][filters][0][value]", "x"));
        assertEquals(Map.of("fieldName", "field"), filter.phrase().parameters());
        assertEquals(WebapiException.REQUIRED_FIELD, filter.phrase().message());
        WebapiException sort = refused(query("searchCriteria[sortOrders][0][direction]", "ASC"));
        assertEquals(Map.of("fieldName", "field"), sort.phrase().parameters());
    }

    @Test
    void badDirectionIsAnInvalidValue() {
        assertInvalidValue(refused(query("searchCriteria[sortOrders][0][field]", "id",
                "searchCriteria[sortOrders][0][direction]", "up")), "UP", "direction");
    }

    @Test
    void badPageNumbersAreInvalidValues() {
        assertInvalidValue(refused(query("searchCriteria[pageSize]", "abc")), "abc", "pageSize");
        assertInvalidValue(refused(query("searchCriteria[pageSize]", "-1")), "-1", "pageSize");
        assertInvalidValue(refused(query("searchCriteria[pageSize]", "99999999999")), "99999999999", "pageSize");
        assertInvalidValue(refused(query("searchCriteria[currentPage]", "1.5")), "1.5", "currentPage");
        assertInvalidValue(refused(query("searchCriteria[currentPage]", "")), "", "currentPage");
    }
}
