package io.catalogbulk.worker.metrics;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.PrometheusText;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;

/** The metrics the dashboards, alerts and autoscaler read, as Prometheus scrapes them from /q/metrics. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class OperationMetricsTests {

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void completedAndFailedOperationsAreCountedByTopicWithTheirExecutionTime() throws Exception {
        String before = metrics();
        double completeBefore = PrometheusText.value(before, "catalog_bulk_operations_finished_total",
                "topic", PRODUCT_POST, "status", "complete").orElse(0);
        double failedBefore = PrometheusText.value(before, "catalog_bulk_operations_finished_total",
                "topic", PRODUCT_POST, "status", "not_retriably_failed").orElse(0);
        double executedBefore = PrometheusText.value(before, "catalog_bulk_operation_execution_seconds_count",
                "topic", PRODUCT_POST).orElse(0);

        UUID ok = bulk(NewOperation.implicit(PRODUCT_POST, productJson(unique("W-Metric"), "Measured", 10)));
        UUID bad = bulk(NewOperation.implicit(PRODUCT_POST, "{\"product\":{\"sku\":\"" + unique("W-MetricBad") + "\"}}"));
        publish(message(ok, 0, PRODUCT_POST), message(bad, 0, PRODUCT_POST));
        assertEquals(COMPLETE, awaitFinished(ok, 0).status());
        assertEquals(NOT_RETRIABLY_FAILED, awaitFinished(bad, 0).status());

        String after = metrics();
        // Other tests of this JVM may finish operations meanwhile: at least ours are counted.
        assertTrue(PrometheusText.require(after, "catalog_bulk_operations_finished_total",
                "topic", PRODUCT_POST, "status", "complete") >= completeBefore + 1);
        assertTrue(PrometheusText.require(after, "catalog_bulk_operations_finished_total",
                "topic", PRODUCT_POST, "status", "not_retriably_failed") >= failedBefore + 1);
        assertTrue(PrometheusText.require(after, "catalog_bulk_operation_execution_seconds_count",
                "topic", PRODUCT_POST) >= executedBefore + 2);
        assertTrue(PrometheusText.require(after, "catalog_bulk_operation_execution_seconds_sum", "topic", PRODUCT_POST) > 0);
        PrometheusText.require(after, "catalog_bulk_operation_execution_seconds_bucket", "topic", PRODUCT_POST, "le", "0.1");
    }

    @Test
    void queueDepthAndConsumersOfTheOperationsQueueAreExported() {
        String page = metrics();
        String queue = ServiceTestResource.brokerNames().queue();
        double messages = PrometheusText.require(page, "catalog_bulk_queue_messages", "queue", queue);
        double consumers = PrometheusText.require(page, "catalog_bulk_queue_consumers", "queue", queue);
        assertFalse(Double.isNaN(messages), "the broker answered the passive declare");
        assertTrue(messages >= 0);
        assertTrue(consumers >= 1, "this worker consumes the queue: " + consumers);
    }
}
