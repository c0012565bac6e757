package io.catalogbulk.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.catalogbulk.core.fuzz.JsonGen.of;
import static io.catalogbulk.core.fuzz.JsonGen.oneOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import io.catalogbulk.core.fuzz.JsonGen;
import io.catalogbulk.core.webapi.ErrorBodies;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Property: any query string, in searchCriteria's shape or almost, either parses into criteria that survive their
 * JSON form unchanged and turn into bound SQL, or is a 4xx in Magento's shape. Never another exception.
 */
class SearchCriteriaPropertyTest {

    private static final Map<String, SearchField> FIELDS = Map.of(
            "bulk_uuid", new SearchField("bulk_uuid", "o.bulk_uuid", SearchField.ValueType.UUID),
            "status", new SearchField("status", "o.status", SearchField.ValueType.INTEGER),
            "topic_name", new SearchField("topic_name", "o.topic_name", SearchField.ValueType.TEXT),
            "start_time", new SearchField("start_time", "b.start_time", SearchField.ValueType.TIMESTAMP));

    @Test
    void anyQueryIsCriteriaOrAClientError() {
        JsonGen.theory(3000).forAll(queries()).checkAssert(SearchCriteriaPropertyTest::criteriaOrClientError);
    }

    static void criteriaOrClientError(Map<String, String> query) {
        SearchCriteria criteria;
        try {
            criteria = SearchCriteriaParser.parse(query);
        } catch (WebapiException e) {
            assertClientError(e);
            return;
        }
        JsonNode json = criteria.toJson();
        assertEquals(criteria, SearchCriteria.fromJson(json), "criteria survive their JSON form");
        try {
            SqlSearch search = SqlSearch.of(criteria, FIELDS, "o.id", 1000);
            assertTrue(search.limit() > 0 && search.limit() <= 1000);
            assertTrue(search.offset() >= 0);
            assertTrue(!search.where().contains(";"), "no request text reaches the SQL: " + search.where());
        } catch (WebapiException e) {
            assertClientError(e);
        }
    }

    static void assertClientError(WebapiException e) {
        assertTrue(e.status() >= 400 && e.status() < 500, e.status() + " " + e.getMessage());
        assertTrue(ErrorBodies.of(e).path("message").isTextual());
    }

    static Gen<Map<String, String>> queries() {
        Gen<String> index = oneOf(integers().between(0, 3).map(i -> String.valueOf(i)),
                of("-1", "1001", "2147483648", "", "a", "0x1", " 1", "\u0661"));
        Gen<String> part = of("field", "value", "condition_type", "conditionType", "direction", "bogus", "");
        Gen<String> filterKey = of("searchCriteria", "search_criteria", "searchcriteria")
                .zip(of("filter_groups", "filterGroups"), index, (root, groups, g) -> root + "[" + groups + "][" + g + "]")
                .zip(of("filters", "filter"), index, part, (prefix, filters, f, p) -> prefix + "[" + filters + "][" + f + "][" + p + "]");
        Gen<String> sortKey = index.zip(part, (i, p) -> "searchCriteria[sort_orders][" + i + "][" + p + "]");
        Gen<String> pageKey = of("searchCriteria[pageSize]", "searchCriteria[page_size]", "searchCriteria[currentPage]",
                "searchCriteria[current_page]", "searchCriteria", "searchCriteria[", "searchCriteria]]", "searchCriteria[[x]]",
                "searchCriteria[filter_groups]", "searchCriteria[filter_groups][0][filters][0][field][x]", "other", "storeId");
        Gen<String> key = JsonGen.weighted(5, filterKey, 2, sortKey, 2, pageKey, 1, JsonGen.codePointText());
        Gen<String> value = oneOf(
                of("status", "bulk_uuid", "topic_name", "start_time", "nope", "eq", "neq", "like", "in", "nin", "gt", "lteq",
                        "null", "notnull", "from", "to", "finset", "ASC", "desc", "sideways", "1,2,3", "1,,x", "%", "0", "-1", "20",
                        "2147483647", "2147483648", "99999999999999999999", "2026-01-01", "2026-02-30 10:00", "0000-00-00",
                        "7a6a9d0c-1d63-4a2e-9c3e-0b0a1f2e3d4c", "not-a-uuid", "'; DROP TABLE bulk; --"),
                JsonGen.text());
        return JsonGen.mapOf(key, value, 8);
    }
}
