package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SearchCriteriaParser;

/** Every operation of a bulk through a cursor, and searches limited to what a caller may see. */
class OperationReadsTest {

    private final OperationReads reads = new OperationReads();

    @BeforeEach
    void connect() {
        reads.dataSource = LedgerDatabase.dataSource();
    }

    private static <T> List<T> all(OperationReads.Cursor<T> cursor) throws Exception {
        try (cursor) {
            List<T> rows = new ArrayList<>();
            for (T row = cursor.next(); row != null; row = cursor.next()) {
                rows.add(row);
            }
            return rows;
        }
    }

    @Test
    void theCursorsReturnEveryOperationInIdOrder() throws Exception {
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), COMPLETE, NOT_RETRIABLY_FAILED, OPEN);

        assertEquals(List.of(
                new OperationReads.OperationResult(0, COMPLETE.code(), null, null),
                new OperationReads.OperationResult(1, NOT_RETRIABLY_FAILED.code(), null, 401),
                new OperationReads.OperationResult(2, OPEN.code(), null, null)), all(reads.results(bulk)));
        List<OperationReads.OperationDetail> details = all(reads.details(bulk));
        assertEquals(new OperationReads.OperationDetail(1, bulk, LedgerDatabase.TOPIC, "{\"product\":{\"sku\":\"sku-1\"}}", null,
                NOT_RETRIABLY_FAILED.code(), null, 401), details.get(1));
        assertEquals(3, details.size());
        assertEquals(List.of(), all(reads.results(UUID.randomUUID())));
    }

    /** Operations in the status, of the given bulks, by id descending. */
    private static SearchCriteria byStatus(int status, UUID... bulks) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("searchCriteria[filterGroups][0][filters][0][field]", "status");
        query.put("searchCriteria[filterGroups][0][filters][0][value]", String.valueOf(status));
        query.put("searchCriteria[filterGroups][0][filters][0][condition_type]", "eq");
        query.put("searchCriteria[filterGroups][1][filters][0][field]", "bulk_uuid");
        query.put("searchCriteria[filterGroups][1][filters][0][value]",
                Arrays.stream(bulks).map(UUID::toString).collect(Collectors.joining(",")));
        query.put("searchCriteria[filterGroups][1][filters][0][condition_type]", "in");
        query.put("searchCriteria[sortOrders][0][field]", "id");
        query.put("searchCriteria[sortOrders][0][direction]", "DESC");
        return SearchCriteriaParser.parse(query);
    }

    @Test
    void aSearchSeesTheOwnersBulksOnlyUnlessItMaySeeAll() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID mine = LedgerDatabase.bulk(owner, OPEN, COMPLETE, OPEN);
        UUID theirs = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), OPEN);

        OperationReads.SearchPage page = reads.search(byStatus(OPEN.code(), mine, theirs), owner, 1_000);
        assertEquals(2, page.total());
        assertEquals(List.of(2, 0), page.items().stream().map(found -> found.operation().id()).toList());
        assertEquals(List.of(mine, mine), page.items().stream().map(found -> found.operation().bulkUuid()).toList());
        assertNotNull(page.items().get(0).bulkStartTime());

        OperationReads.SearchPage everything = reads.search(byStatus(OPEN.code(), mine, theirs), null, 1_000);
        assertEquals(3, everything.total());
        assertEquals(1, everything.items().stream().filter(found -> found.operation().bulkUuid().equals(theirs)).count());
    }
}
