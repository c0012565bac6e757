package io.catalogbulk.ingest.metrics;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.PrometheusText;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Accepted operations by topic, as the dashboards read them from /q/metrics. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class IngestMetricsTests {

    static final String TOPIC = "async.magento.catalog.api.productrepositoryinterface.save.post";

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void acceptedOperationsAreCountedByTopic() {
        double before = PrometheusText.value(metrics(), "catalog_bulk_operations_accepted_total", "topic", TOPIC).orElse(0);
        String a = unique("metric-a");
        String b = unique("metric-b");
        asAdmin().body("[{\"product\":{\"sku\":\"" + a + "\",\"name\":\"A\",\"price\":1,\"attribute_set_id\":4}},"
                        + "{\"product\":{\"sku\":\"" + b + "\",\"name\":\"B\",\"price\":2,\"attribute_set_id\":4}}]")
                .post("/rest/async/bulk/V1/products").then().statusCode(202);
        double after = PrometheusText.require(metrics(), "catalog_bulk_operations_accepted_total", "topic", TOPIC);
        assertTrue(after >= before + 2, "before " + before + ", after " + after);
        // Registered at start, so it is on the page even before the relay ever had work.
        PrometheusText.require(metrics(), "catalog_bulk_relay_republished_total");
    }
}
