package io.catalogbulk.worker.ordering;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.DEFAULT_STORE;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_PUT;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.price;
import static io.catalogbulk.worker.WorkerFixtures.priceUpdateJson;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static io.catalogbulk.worker.ordering.OrderedBulks.accept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.catalogbulk.core.ledger.NewBulkWriter;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.testsupport.ServiceTestResource;

/** ORDERING_ENABLED=false: the worker executes what it receives at once, as before per-entity order existed. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
@TestProfile(EntityOrderDisabledTests.OrderingOff.class)
class EntityOrderDisabledTests {

    public static class OrderingOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog-bulk.ordering.enabled", "false");
        }
    }

    @Inject
    NewBulkWriter writer;

    @Inject
    RouteTable routes;

    @Test
    void theMessageDeliveredLastWins() throws Exception {
        String sku = unique("O-Off");
        UUID created = accept(writer, routes, PRODUCT_POST, productJson(sku, "Unordered Tee", 1));
        publish(message(created, 0, PRODUCT_POST));
        assertEquals(COMPLETE, awaitFinished(created, 0).status());
        UUID first = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(sku, 10));
        UUID second = accept(writer, routes, PRODUCT_PUT, priceUpdateJson(sku, 12));

        publish(message(second, 0, PRODUCT_PUT));
        assertEquals(COMPLETE, awaitFinished(second, 0).status(), "runs at once: nothing waits");
        assertFalse(OrderedBulks.waiting(second, 0));
        publish(message(first, 0, PRODUCT_PUT));
        assertEquals(COMPLETE, awaitFinished(first, 0).status());
        assertEquals(0, new BigDecimal("10").compareTo(price(sku, DEFAULT_STORE)), "the earlier price, executed last, is left");
    }
}
