package io.catalogbulk.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import io.catalogbulk.core.fuzz.JsonArbitraries;
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

    @Property(tries = 3000)
    void anyQueryIsCriteriaOrAClientError(@ForAll("queries") Map<String, String> query) {
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

    @Provide
    Arbitrary<Map<String, String>> queries() {
        Arbitrary<String> index = Arbitraries.oneOf(Arbitraries.integers().between(0, 3).map(String::valueOf),
                Arbitraries.of("-1", "1001", "2147483648", "", "a", "0x1", " 1", "\u0661"));
        Arbitrary<String> part = Arbitraries.of("field", "value", "condition_type", "conditionType", "direction", "bogus", "");
        Arbitrary<String> filterKey = Combinators.combine(Arbitraries.of("searchCriteria", "search_criteria", "searchcriteria"),
                Arbitraries.of("filter_groups", "filterGroups"), index, Arbitraries.of("filters", "filter"), index, part)
                .as((root, groups, g, filters, f, p) -> root + "[" + groups + "][" + g + "][" + filters + "][" + f + "][" + p + "]");
        Arbitrary<String> sortKey = Combinators.combine(index, part)
                .as((i, p) -> "searchCriteria[sort_orders][" + i + "][" + p + "]");
        Arbitrary<String> pageKey = Arbitraries.of("searchCriteria[pageSize]", "searchCriteria[page_size]", "searchCriteria[currentPage]",
                "searchCriteria[current_page]", "searchCriteria", "searchCriteria[", "searchCriteria]]", "searchCriteria[[x]]",
                "searchCriteria[filter_groups]", "searchCriteria[filter_groups][0][filters][0][field][x]", "other", "storeId");
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(5, filterKey), Tuple.of(2, sortKey), Tuple.of(2, pageKey),
                Tuple.of(1, JsonArbitraries.codePointText()));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("status", "bulk_uuid", "topic_name", "start_time", "nope", "eq", "neq", "like", "in", "nin", "gt", "lteq",
                        "null", "notnull", "from", "to", "finset", "ASC", "desc", "sideways", "1,2,3", "1,,x", "%", "0", "-1", "20",
                        "2147483647", "2147483648", "99999999999999999999", "2026-01-01", "2026-02-30 10:00", "0000-00-00",
                        "7a6a9d0c-1d63-4a2e-9c3e-0b0a1f2e3d4c", "not-a-uuid", "'; DROP TABLE bulk; --"),
                JsonArbitraries.text());
        return Arbitraries.maps(key, value).ofMaxSize(8);
    }

}
