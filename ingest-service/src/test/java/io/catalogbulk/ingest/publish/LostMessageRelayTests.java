package io.catalogbulk.ingest.publish;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.RunQueue;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Operations of a bulk whose publish was confirmed but whose messages never reached a worker (lost queue,
 * dead-lettered, purged) are published again once the bulk made no progress for lost-after (5 s in tests);
 * bulks still progressing are left alone, and finished bulks leave the relay's index for good.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class LostMessageRelayTests {

    static final String TOPIC = "async.magento.catalog.api.productrepositoryinterface.save.post";

    @Inject
    LostMessageRelay relay;

    /** A published bulk (published an hour ago) with operations in the given statuses, finished at finishedAgo. */
    static UUID publishedBulk(Duration finishedAgo, OperationStatus... statuses) throws Exception {
        UUID bulk = UUID.randomUUID();
        try (var c = IngestTestSupport.db()) {
            try (PreparedStatement s = c.prepareStatement("insert into bulk (uuid, user_id, user_type, description, operation_count,"
                    + " publish_lease_until, published_at) values (?, 1, 2, 'Topic " + TOPIC + "', ?, now(), now() - interval '1 hour')")) {
                s.setObject(1, bulk);
                s.setInt(2, statuses.length);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into operation (bulk_uuid, id, topic_name, serialized_data,"
                    + " store_id, store_scope, status, finished_at) values (?, ?, '" + TOPIC + "', '{}', 1, 'implicit', ?,"
                    + " now() - ? * interval '1 millisecond')")) {
                for (int id = 0; id < statuses.length; id++) {
                    s.setObject(1, bulk);
                    s.setInt(2, id);
                    s.setInt(3, statuses[id].code());
                    // An open operation has not finished.
                    if (statuses[id] == OPEN) {
                        s.setNull(4, Types.BIGINT);
                    } else {
                        s.setLong(4, finishedAgo.toMillis());
                    }
                    s.executeUpdate();
                }
            }
        }
        return bulk;
    }

    @Test
    void openOperationsOfAStuckPublishedBulkArePublishedAgainOnce() throws Exception {
        UUID bulk = publishedBulk(Duration.ofMinutes(30), OPEN, COMPLETE, OPEN, NOT_RETRIABLY_FAILED);

        relay.runOnce();
        var messages = RunQueue.take(bulk.toString(), 2, Duration.ofSeconds(10));
        assertEquals(Set.of(0, 2), messages.stream().map(m -> m.json().get("id").asInt()).collect(Collectors.toSet()),
                "only the open operations");
        assertTrue(messages.stream().allMatch(RunQueue.Delivered::persistent));
        assertEquals(1, count("select count(*) from bulk where uuid = ? and lost_checked_at is not null and settled_at is null", bulk));

        // Checked a moment ago: another relay (or the next run) leaves it alone until lost-after passed again.
        relay.runOnce();
        assertEquals(0, RunQueue.take(bulk.toString(), 1, Duration.ofSeconds(2)).size(), "not published a third time");
    }

    @Test
    void bulkStillMakingProgressIsNotPublishedAgain() throws Exception {
        UUID bulk = publishedBulk(Duration.ZERO, OPEN, COMPLETE);

        relay.runOnce();
        assertEquals(0, RunQueue.take(bulk.toString(), 1, Duration.ofSeconds(2)).size());
    }

    @Test
    void finishedBulkIsSettledAndWatchedAgainOnlyAfterARetryPublishedIt() throws Exception {
        UUID bulk = publishedBulk(Duration.ofMinutes(30), COMPLETE, NOT_RETRIABLY_FAILED);

        relay.runOnce();
        assertEquals(1, count("select count(*) from bulk where uuid = ? and settled_at is not null", bulk));
        assertEquals(0, count("select count(*) from bulk where uuid = ? and (settled_at is null or settled_at < published_at)", bulk),
                "out of bulk_unsettled_idx");

        // A retry re-opens an operation and publishes it again (published_at moves past settled_at); that message
        // is lost too: the bulk is watched again and its open operation recovered.
        try (var c = IngestTestSupport.db(); var s = c.createStatement()) {
            s.executeUpdate("update operation set status = " + OPEN.code() + ", finished_at = null where bulk_uuid = '" + bulk + "' and id = 1");
            s.executeUpdate("update bulk set settled_at = now() - interval '55 minutes', published_at = now() - interval '50 minutes',"
                    + " lost_checked_at = null where uuid = '" + bulk + "'");
        }
        relay.runOnce();
        var messages = RunQueue.take(bulk.toString(), 1, Duration.ofSeconds(10));
        assertEquals(1, messages.size());
        assertEquals(1, messages.get(0).json().get("id").asInt());
    }
}
