package io.catalogbulk.catalog.price;

import static io.catalogbulk.catalog.testing.RouteSamples.route;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/** The price storage routes lock the products they change. */
class PriceRoutesTest {

    @Test
    void theLockKeyIsTheSmallestSkuOfTheCall() {
        assertEquals("product:a-1", route("POST /V1/products/base-prices").lockKey().orElseThrow()
                .of((ObjectNode) Json.parse("{\"prices\":[{\"sku\":\"B-2\"},{\"sku\":\"A-1\"}]}")));
    }
}
