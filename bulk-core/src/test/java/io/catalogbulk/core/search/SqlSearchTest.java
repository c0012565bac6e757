package io.catalogbulk.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.webapi.WebapiException;

/** The WHERE/ORDER BY/LIMIT built from searchCriteria: only declared columns, values always bound. */
class SqlSearchTest {

    private static final Map<String, SearchField> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("bulk_uuid", new SearchField("bulk_uuid", "o.bulk_uuid", SearchField.ValueType.UUID));
        FIELDS.put("status", new SearchField("status", "o.status", SearchField.ValueType.INTEGER));
        FIELDS.put("topic_name", new SearchField("topic_name", "o.topic_name", SearchField.ValueType.TEXT));
        FIELDS.put("start_time", new SearchField("start_time", "b.start_time", SearchField.ValueType.TIMESTAMP));
    }

    private static SqlSearch search(String... keyValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            query.put(keyValues[i], keyValues[i + 1]);
        }
        return SqlSearch.of(SearchCriteriaParser.parse(query), FIELDS, "o.id", 100);
    }

    private static List<Object> boundValues(SqlSearch search) throws Exception {
        List<Object> values = new ArrayList<>();
        PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setObject")) {
                        assertEquals(values.size() + 1, args[0], "parameters are bound in order");
                        values.add(args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        assertEquals(values.size() + 1 + countPlaceholders(search.where()), search.bind(statement, 1));
        return values;
    }

    private static int countPlaceholders(String sql) {
        return (int) sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void noFiltersSelectsEverythingWithTheDefaultOrderAndMaximumPage() throws Exception {
        SqlSearch search = search("searchCriteria", "");
        assertEquals("TRUE", search.where());
        assertEquals("o.id", search.orderBy());
        assertEquals(100, search.limit());
        assertEquals(0, search.offset());
        assertEquals(List.of(), boundValues(search));
    }

    @Test
    void groupsAreAndedFiltersOredAndValuesBoundByType() throws Exception {
        String uuid = "799a59c0-09ca-4d60-b432-2953986c1c38";
        SqlSearch search = search(
                "searchCriteria[filter_groups][0][filters][0][field]", "status",
                "searchCriteria[filter_groups][0][filters][0][value]", "2",
                "searchCriteria[filter_groups][0][filters][1][field]", "status",
                "searchCriteria[filter_groups][0][filters][1][value]", "3",
                "searchCriteria[filter_groups][1][filters][0][field]", "bulk_uuid",
                "searchCriteria[filter_groups][1][filters][0][value]", uuid,
                "searchCriteria[filter_groups][2][filters][0][field]", "start_time",
                "searchCriteria[filter_groups][2][filters][0][value]", "2026-11-22 16:07:53",
                "searchCriteria[filter_groups][2][filters][0][condition_type]", "gteq");
        assertEquals("(o.status = ? OR o.status = ?) AND (o.bulk_uuid = ?) AND (b.start_time >= ?)", search.where());
        assertEquals(List.of(2L, 3L, UUID.fromString(uuid), OffsetDateTime.of(2026, 11, 22, 16, 7, 53, 0, ZoneOffset.UTC)),
                boundValues(search));
    }

    @Test
    void likeInAndNullConditions() throws Exception {
        SqlSearch search = search(
                "searchCriteria[filter_groups][0][filters][0][field]", "topic_name",
                "searchCriteria[filter_groups][0][filters][0][value]", "async.catalog.%",
                "searchCriteria[filter_groups][0][filters][0][condition_type]", "like",
                "searchCriteria[filter_groups][1][filters][0][field]", "status",
                "searchCriteria[filter_groups][1][filters][0][value]", "2, 3",
                "searchCriteria[filter_groups][1][filters][0][condition_type]", "in",
                "searchCriteria[filter_groups][2][filters][0][field]", "topic_name",
                "searchCriteria[filter_groups][2][filters][0][condition_type]", "notnull");
        assertEquals("(o.topic_name::text ILIKE ?) AND (o.status IN (?, ?)) AND (o.topic_name IS NOT NULL)", search.where());
        assertEquals(List.of("async.catalog.%", 2L, 3L), boundValues(search));
    }

    @Test
    void sortOrdersComeBeforeTheDefaultOrderAndPagesBecomeOffsets() {
        SqlSearch search = search(
                "searchCriteria[sortOrders][0][field]", "start_time",
                "searchCriteria[sortOrders][0][direction]", "DESC",
                "searchCriteria[pageSize]", "20",
                "searchCriteria[currentPage]", "3");
        assertEquals("b.start_time DESC, o.id", search.orderBy());
        assertEquals(20, search.limit());
        assertEquals(40, search.offset());
    }

    @Test
    void anUndeclaredFieldIsRefusedNamingTheSearchableOnes() {
        WebapiException e = assertThrows(WebapiException.class, () -> search(
                "searchCriteria[filter_groups][0][filters][0][field]", "o.id; drop table bulk",
                "searchCriteria[filter_groups][0][filters][0][value]", "1"));
        assertEquals(400, e.status());
        assertEquals("Cannot search by \"%fieldName\". Searchable fields: %fields.", e.phrase().message());
        assertEquals(Map.of("fieldName", "o.id; drop table bulk", "fields", "bulk_uuid, status, topic_name, start_time"),
                e.phrase().parameters());
        assertThrows(WebapiException.class, () -> search("searchCriteria[sortOrders][0][field]", "password"));
    }

    @Test
    void aValueOfTheWrongTypeIsAnInvalidValue() {
        WebapiException e = assertThrows(WebapiException.class, () -> search(
                "searchCriteria[filter_groups][0][filters][0][field]", "status",
                "searchCriteria[filter_groups][0][filters][0][value]", "two"));
        assertEquals(400, e.status());
        assertEquals(Map.of("value", "two", "fieldName", "status"), e.phrase().parameters());
        assertThrows(WebapiException.class, () -> search(
                "searchCriteria[filter_groups][0][filters][0][field]", "bulk_uuid",
                "searchCriteria[filter_groups][0][filters][0][value]", "not-a-uuid"));
        assertThrows(WebapiException.class, () -> search(
                "searchCriteria[filter_groups][0][filters][0][field]", "start_time",
                "searchCriteria[filter_groups][0][filters][0][value]", "yesterday"));
    }

    @Test
    void anOversizedPageIsRefusedWithMagentosMessage() {
        WebapiException e = assertThrows(WebapiException.class, () -> search("searchCriteria[pageSize]", "101"));
        assertEquals(400, e.status());
        assertEquals("Maximum SearchCriteria pageSize is %max", e.phrase().message());
        assertEquals(Map.of("max", 100), e.phrase().parameters());
        assertTrue(search("searchCriteria[pageSize]", "0").limit() == 100, "page size 0 means the maximum");
    }
}
