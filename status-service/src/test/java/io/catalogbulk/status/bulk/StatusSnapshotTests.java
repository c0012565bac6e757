package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.status.bulk.BulkRows.OPEN;
import static io.catalogbulk.status.bulk.BulkRows.RETRIABLY_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.catalogbulk.core.operation.BulkStatus;
import io.catalogbulk.core.operation.OperationCounts;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * Every status body is one moment of the bulk (issue #16: a short status showed 3 complete and 1 failed operation in
 * its list while its counts said 2 open and 2 complete). Two writers move a bulk's operations along the way workers
 * do, in small transactions, while the test reads the short status, the detailed status and searches over and over;
 * every body must agree with itself.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class StatusSnapshotTests {

    private static final int OPERATIONS = 1000; // every search page holds them all (max page size 1000)
    private static final int WRITERS = 2;

    @Test
    void countsBulkStatusAndTheListAgreeInEveryBodyWhileTheBulkRuns() throws Exception {
        int[] open = new int[OPERATIONS];
        java.util.Arrays.fill(open, OPEN);
        UUID uuid = BulkRows.adminBulk(open);
        // Warm up the routes first, so the writers do not finish while the very first request is still compiling.
        checkStatusBody(uuid, "status");
        checkStatusBody(uuid, "detailed-status");
        checkSearch(uuid);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            done.add(writers.submit(() -> runOperations(uuid, writer)));
        }
        int reads = 0;
        int readsMidway = 0;
        try {
            while (!done.stream().allMatch(Future::isDone)) {
                OperationCounts shortCounts = checkStatusBody(uuid, "status");
                OperationCounts detailedCounts = checkStatusBody(uuid, "detailed-status");
                checkSearch(uuid);
                reads++;
                if (isMidway(shortCounts) || isMidway(detailedCounts)) {
                    readsMidway++;
                }
            }
            for (Future<Integer> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        // The race was real: bodies were read while operations were moving, not only before or after.
        assertTrue(readsMidway >= 3, "status read " + reads + " times, only " + readsMidway + " while the bulk ran");
        OperationCounts last = checkStatusBody(uuid, "status");
        assertEquals(0, last.open());
        assertEquals(OPERATIONS, last.complete() + last.retriablyFailed() + last.notRetriablyFailed());
    }

    /** Reads one status body and checks its counts, bulk_status and list against each other; returns its counts. */
    private static OperationCounts checkStatusBody(UUID uuid, String route) {
        JsonNode body = JsonOrder.parse(StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/" + route)
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString());
        JsonNode list = body.get("operations_list");
        assertEquals(OPERATIONS, list.size(), route + ": every operation is listed");
        long[] listed = new long[6];
        for (JsonNode operation : list) {
            listed[operation.get("status").asInt()]++;
        }
        JsonNode counts = body.get("extension_attributes").get("counts");
        OperationCounts reported = new OperationCounts(counts.get("open").asLong(), counts.get("complete").asLong(),
                counts.get("retriably_failed").asLong(), counts.get("not_retriably_failed").asLong(),
                counts.get("rejected").asLong());
        String context = route + " " + body.get("extension_attributes");
        assertEquals(listed[OPEN], reported.open(), context);
        assertEquals(listed[COMPLETE], reported.complete(), context);
        assertEquals(listed[RETRIABLY_FAILED], reported.retriablyFailed(), context);
        assertEquals(listed[NOT_RETRIABLY_FAILED], reported.notRetriablyFailed(), context);
        assertEquals(BulkStatus.of(reported).code(), body.get("extension_attributes").get("bulk_status").asInt(), context);
        return reported;
    }

    /** A search's total_count counts exactly the items it pages through (the page holds them all). */
    private static void checkSearch(UUID uuid) {
        JsonNode body = JsonOrder.parse(StatusApi.asAdmin()
                .get("/rest/V1/bulk?searchCriteria[filter_groups][0][filters][0][field]=bulk_uuid"
                        + "&searchCriteria[filter_groups][0][filters][0][value]=" + uuid
                        + "&searchCriteria[filter_groups][1][filters][0][field]=status"
                        + "&searchCriteria[filter_groups][1][filters][0][value]=" + COMPLETE
                        + "&searchCriteria[page_size]=" + OPERATIONS)
                .then().statusCode(200).extract().asString());
        assertEquals(body.get("total_count").asInt(), body.get("items").size(), "total_count and items of one search");
        for (JsonNode item : body.get("items")) {
            assertEquals(COMPLETE, item.get("status").asInt());
        }
    }

    private static boolean isMidway(OperationCounts counts) {
        return counts.open() > 0 && counts.open() < OPERATIONS;
    }

    /**
     * Executes this writer's share of the operations (ids with id % WRITERS == writer) in random order, a few per
     * transaction as a worker batch does: most complete, some fail. Returns how many it moved.
     */
    private static int runOperations(UUID uuid, int writer) throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (int id = writer; id < OPERATIONS; id += WRITERS) {
            ids.add(id);
        }
        Random random = new Random(writer);
        Collections.shuffle(ids, random);
        try (Connection connection = TestEnvironment.connect(ServiceTestResource.DATABASE);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE operation SET status = ?, result_message = ?, error_code = ?, finished_at = now()"
                                + " WHERE bulk_uuid = ? AND id = ? AND status = ?")) {
            connection.setAutoCommit(false);
            int moved = 0;
            while (moved < ids.size()) {
                int batch = Math.min(1 + random.nextInt(4), ids.size() - moved);
                for (int i = 0; i < batch; i++) {
                    int roll = random.nextInt(10);
                    int status = roll < 7 ? COMPLETE : roll < 9 ? RETRIABLY_FAILED : NOT_RETRIABLY_FAILED;
                    update.setShort(1, (short) status);
                    update.setString(2, status == COMPLETE ? "Service execution success" : "failed on purpose");
                    update.setObject(3, status == COMPLETE ? null : 400, java.sql.Types.INTEGER);
                    update.setObject(4, uuid);
                    update.setInt(5, ids.get(moved + i));
                    update.setShort(6, (short) OPEN);
                    // One statement per operation, as a worker records each outcome: the list and the counts
                    // move in several steps within one transaction.
                    update.executeUpdate();
                }
                connection.commit();
                moved += batch;
                // Paced so that the bulk runs for seconds and many status reads fall in the middle of it.
                Thread.sleep(25);
            }
            return moved;
        }
    }
}
