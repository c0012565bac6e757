package io.catalogbulk.catalog.option;

import static io.catalogbulk.catalog.testing.RouteSamples.inputErrors;
import static io.catalogbulk.catalog.testing.RouteSamples.route;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/** The custom option route: its input rules, and its lock is the product's. */
class CustomOptionRoutesTest {

    @Test
    void aListOptionNeedsValues() {
        assertEquals(List.of("A \"drop_down\" option needs values. Add at least one value and try again."),
                inputErrors("POST /V1/products/options", "{\"option\":{\"product_sku\":\"p\",\"title\":\"Gift\",\"type\":\"drop_down\"}}"));
    }

    @Test
    void theLockKeyIsTheProducts() {
        assertEquals("product:tee", route("POST /V1/products/options").lockKey().orElseThrow()
                .of((ObjectNode) Json.parse("{\"option\":{\"product_sku\":\"Tee\"}}")));
    }
}
