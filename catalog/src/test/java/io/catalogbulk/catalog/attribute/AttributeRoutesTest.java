package io.catalogbulk.catalog.attribute;

import static io.catalogbulk.catalog.testing.RouteSamples.inputErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The product attribute routes' input rules. */
class AttributeRoutesTest {

    @Test
    void attributeRules() {
        assertEquals(List.of(), inputErrors("POST /V1/products/attributes",
                "{\"attribute\":{\"attribute_code\":\"size\",\"frontend_input\":\"select\",\"default_frontend_label\":\"Size\","
                        + "\"options\":[{\"label\":\"S\"}]}}"));
        assertTrue(inputErrors("POST /V1/products/attributes",
                "{\"attribute\":{\"attribute_code\":\"9size\",\"frontend_input\":\"select\",\"default_frontend_label\":\"Size\"}}")
                .get(0).startsWith("Attribute code \"9size\" is invalid."));
        assertEquals(List.of("\"frontend_label\" is required. Enter and try again."), inputErrors("POST /V1/products/attributes",
                "{\"attribute\":{\"attribute_code\":\"size\",\"frontend_input\":\"select\"}}"));
    }
}
