package io.catalogbulk.catalog.configurable;

import static io.catalogbulk.catalog.testing.RouteSamples.inputErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The configurable product routes' input rules. */
class ConfigurableRoutesTest {

    @Test
    void optionsNeedValuesAndALinkAChild() {
        assertEquals(List.of("Option values are not specified."), inputErrors("POST /V1/configurable-products/:sku/options",
                "{\"sku\":\"p\",\"option\":{\"attribute_id\":\"1000\",\"label\":\"Size\",\"values\":[]}}"));
        assertEquals(List.of("\"childSku\" is required. Enter and try again."),
                inputErrors("POST /V1/configurable-products/:sku/child", "{\"sku\":\"p\"}"));
    }
}
