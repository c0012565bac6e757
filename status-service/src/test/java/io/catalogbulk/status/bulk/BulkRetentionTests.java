package io.catalogbulk.status.bulk;

import static io.catalogbulk.status.bulk.BulkRows.COMPLETE;
import static io.catalogbulk.status.bulk.BulkRows.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.status.bulk.BulkRows.OPEN;
import static io.catalogbulk.status.bulk.BulkRows.REJECTED;
import static io.catalogbulk.status.bulk.BulkRows.RETRIABLY_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.status.retention.BulkRetention;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * Finished bulks older than the retention (60 days) are purged in batches (2 in tests), and answer as unknown at
 * once; bulks with an open operation and recent bulks are kept.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class BulkRetentionTests {

    static final String LONG_AGO = "2000-01-01T00:00:00Z";
    static final String FIFTY_DAYS_AGO = java.time.OffsetDateTime.now().minusDays(50).toString();

    @Inject
    BulkRetention retention;

    static UUID bulk(String startTime, int... statuses) {
        List<BulkRows.Op> ops = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            ops.add(BulkRows.Op.of(i, statuses[i]));
        }
        return BulkRows.bulk(1, 2, startTime, ops);
    }

    static long rows(String table, String column, UUID uuid) throws Exception {
        try (Connection c = TestEnvironment.connect(ServiceTestResource.DATABASE);
                PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where " + column + " = ?")) {
            s.setObject(1, uuid);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void expiredFinishedBulksArePurgedInBatchesAndEverythingElseIsKept() throws Exception {
        List<UUID> expired = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expired.add(bulk(LONG_AGO, COMPLETE, NOT_RETRIABLY_FAILED, RETRIABLY_FAILED, REJECTED));
        }
        UUID oldButOpen = bulk(LONG_AGO, COMPLETE, OPEN);
        UUID recentFinished = bulk(FIFTY_DAYS_AGO, COMPLETE, COMPLETE);
        UUID newFinished = bulk(null, COMPLETE);

        int purged = retention.purge();

        assertTrue(purged >= 5, "five expired bulks in batches of two, got " + purged);
        for (UUID uuid : expired) {
            assertEquals(0, rows("bulk", "uuid", uuid));
            // Its operations wait for their weekly partition to be dropped (StoragePartitionsTest); the API answers
            // as it did when they went with the bulk: unknown, and none in any status.
            StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/status").then().statusCode(404);
            StatusApi.asAdmin().get("/rest/V1/bulk/" + uuid + "/operation-status/" + COMPLETE).then().statusCode(200)
                    .body(org.hamcrest.Matchers.equalTo("0"));
        }
        assertEquals(1, rows("bulk", "uuid", oldButOpen), "an open operation is still being worked on");
        assertEquals(2, rows("operation", "bulk_uuid", oldButOpen));
        assertEquals(1, rows("bulk", "uuid", recentFinished));
        assertEquals(1, rows("bulk", "uuid", newFinished));

        assertEquals(0, retention.purge(), "nothing left to purge");
    }
}
