package io.catalogbulk.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    @ParameterizedTest
    @CsvSource({
            "attributeSetId, attribute_set_id",
            "attribute_set_id, attribute_set_id",
            "sku, sku",
            "saveOptions, save_options",
            "Sku, sku",
    })
    void snake(String key, String expected) {
        assertEquals(expected, Names.snake(key));
    }

    @ParameterizedTest
    @CsvSource({
            "page_id, pageId",
            "pageId, pageId",
            "save_options, saveOptions",
            "_private, private",
    })
    void camel(String key, String expected) {
        assertEquals(expected, Names.camel(key));
    }

    @ParameterizedTest
    @CsvSource({
            "attribute_set_id, AttributeSetId",
            "colour, Colour",
            "websiteIds, WebsiteIds",
    })
    void upperCamelIsThePhpPropertyName(String key, String expected) {
        assertEquals(expected, Names.upperCamel(key));
    }
}
