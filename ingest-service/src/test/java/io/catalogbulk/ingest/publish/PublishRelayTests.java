package io.catalogbulk.ingest.publish;

import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.PrometheusText;
import io.catalogbulk.testsupport.RunQueue;
import io.catalogbulk.testsupport.ServiceTestResource;

/** A bulk stored but never confirmed as published (ingest died, broker was down) is published by the relay. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class PublishRelayTests {

    @Inject
    PublishRelay relay;

    @Inject
    RelayConfig config;

    /** A stored, never published bulk whose lease ran out, with one operation per status (ids 0, 1, ...). */
    private static UUID unpublishedBulk(OperationStatus... statuses) throws Exception {
        UUID bulk = UUID.randomUUID();
        try (var c = IngestTestSupport.db()) {
            try (PreparedStatement s = c.prepareStatement("insert into bulk (uuid, user_id, user_type, description, operation_count,"
                    + " publish_lease_until) values (?, 1, 2, 'Topic async.magento.catalog.api.productrepositoryinterface.save.post', ?, now() - interval '1 second')")) {
                s.setObject(1, bulk);
                s.setInt(2, statuses.length);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into operation (bulk_uuid, id, topic_name, serialized_data,"
                    + " store_id, store_scope, status) values (?, ?, 'async.magento.catalog.api.productrepositoryinterface.save.post', '{}', 1, 'implicit', ?)")) {
                for (int id = 0; id < statuses.length; id++) {
                    s.setObject(1, bulk);
                    s.setInt(2, id);
                    s.setInt(3, statuses[id].code());
                    s.executeUpdate();
                }
            }
        }
        return bulk;
    }

    @Test
    void aBacklogLargerThanOneClaimIsTakenInOneRun() throws Exception {
        List<UUID> bulks = new ArrayList<>();
        for (int i = 0; i < 3 * config.bulksPerRun() + 1; i++) {
            bulks.add(unpublishedBulk(OperationStatus.OPEN));
        }
        relay.run();
        // Every one was claimed by this run (or by the scheduled one running beside it): none still waits for a
        // claim, as 41 of them did when a run took one claim of bulksPerRun and left the rest to the next interval.
        try (var c = IngestTestSupport.db()) {
            Array uuids = c.createArrayOf("uuid", bulks.toArray());
            assertEquals(0, count("select count(*) from bulk where uuid = any (?) and published_at is null and publish_lease_until < now()", uuids));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                    count("select count(*) from bulk where uuid = any (?) and published_at is not null", uuids) == bulks.size());
        }
    }

    @Test
    void unpublishedBulkIsPublishedOnceItsLeaseRanOut() throws Exception {
        UUID bulk = unpublishedBulk(OperationStatus.OPEN, OperationStatus.COMPLETE, OperationStatus.OPEN);
        // Only the open operations (0 and 2) are published again.
        var messages = RunQueue.take(bulk.toString(), 2, Duration.ofSeconds(15));
        assertEquals(2, messages.size());
        assertEquals(Set.of(0, 2), Set.of(messages.get(0).json().get("id").asInt(), messages.get(1).json().get("id").asInt()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from bulk where uuid = ? and published_at is not null", bulk) == 1);
        // Dashboards read the relay's work from /q/metrics.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(PrometheusText.require(metrics, "catalog_bulk_relay_republished_total") >= 2);
    }
}
