package io.catalogbulk.status.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.testsupport.PrometheusText;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/** The backlog gauges the "operations open too long" alert reads, and the queue gauges for "no consumer". */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class OpenOperationsMetricsTests {

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void anOldOpenOperationShowsInTheBacklogGauges() throws Exception {
        UUID bulk = UUID.randomUUID();
        try (Connection c = TestEnvironment.connect(ServiceTestResource.DATABASE)) {
            try (PreparedStatement s = c.prepareStatement("insert into bulk (uuid, user_id, user_type, description,"
                    + " operation_count, start_time, publish_lease_until, published_at)"
                    + " values (?, 1, 2, 'Topic async.magento.catalog.api.productrepositoryinterface.save.post', 1, now() - interval '2 hours', now(), now())")) {
                s.setObject(1, bulk);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into operation (bulk_uuid, id, topic_name, serialized_data,"
                    + " store_id, store_scope, status) values (?, 0, 'async.magento.catalog.api.productrepositoryinterface.save.post', '{}', 1, 'implicit', ?)")) {
                s.setObject(1, bulk);
                s.setInt(2, OperationStatus.OPEN.code());
                s.executeUpdate();
            }
            try {
                String page = metrics();
                assertTrue(PrometheusText.require(page, "catalog_bulk_operations_open") >= 1);
                // Two hours old at least; other suites may have older open rows in the shared database.
                assertTrue(PrometheusText.require(page, "catalog_bulk_operations_open_oldest_seconds") >= 7200);
            } finally {
                // An open operation left behind would keep this gauge (and the alert in dashboards) up. Deleting the
                // bulk alone would leave it for the partition drop (retention never deletes a bulk with one open).
                for (String delete : new String[] {"delete from operation where bulk_uuid = ?", "delete from bulk where uuid = ?"}) {
                    try (PreparedStatement s = c.prepareStatement(delete)) {
                        s.setObject(1, bulk);
                        s.executeUpdate();
                    }
                }
            }
        }
    }

    @Test
    void storagePartitionCoverageIsExported() {
        // Created at start for this week and PARTITION_WEEKS_AHEAD (2) more: at least a week of margin.
        assertTrue(PrometheusText.require(metrics(), "catalog_bulk_storage_partition_weeks_ahead") >= 2);
    }

    @Test
    void queueGaugesAreExported() {
        String page = metrics();
        for (String queue : new String[] {ServiceTestResource.brokerNames().queue(), ServiceTestResource.brokerNames().interactiveQueue()}) {
            double messages = PrometheusText.require(page, "catalog_bulk_queue_messages", "queue", queue);
            assertFalse(Double.isNaN(messages), "the broker answered the passive declare of " + queue);
        }
    }
}
