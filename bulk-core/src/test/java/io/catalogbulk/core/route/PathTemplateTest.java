package io.catalogbulk.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/V1/products/:sku, /V1/products/bySku",
            "/V1/customers/:customerId, /V1/customers/byCustomerId",
            "/V1/products/:sku/media/:entryId, /V1/products/bySku/media/byEntryId",
            "/V1/carts/:quoteId/items, /V1/carts/byQuoteId/items",
            "/V1/cmsPage/:pageId, /V1/cmsPage/byPageId",
            "/V1/products, /V1/products",
            "/V1/store/storeViews, /V1/store/storeViews",
    })
    void bulkPathRenamesEachParamToByUcfirstName(String template, String bulkPath) {
        assertEquals(bulkPath, PathTemplate.parse(template).bulkPath());
    }

    @Test
    void openApiPathUsesBracePlaceholders() {
        assertEquals("/V1/products/{sku}/media/{entryId}",
                PathTemplate.parse("/V1/products/:sku/media/:entryId").openApiPath());
    }

    @Test
    void paramsAreListedInPathOrderAndLiteralsAreCounted() {
        PathTemplate template = PathTemplate.parse("/V1/products/:sku/media/:entryId");
        assertEquals(List.of("sku", "entryId"), template.params());
        assertEquals(3, template.literalCount());
        assertEquals(2, PathTemplate.parse("/V1/products").literalCount());
        assertEquals(List.of(), PathTemplate.parse("/V1/products").params());
    }

    @Test
    void parseNormalizesTrailingAndDoubledSlashes() {
        PathTemplate template = PathTemplate.parse("/V1//products/:sku/");
        assertEquals("/V1/products/:sku", template.template());
        assertEquals("/V1/products/:sku", template.toString());
    }

    @Test
    void parseRejectsMalformedTemplates() {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("V1/products"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/V1/products/:"));
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/V1/products/:sku/links/:sku"), "one value would be lost");
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/V1/products/::sku"));
    }

    @Test
    void matchCapturesParamValuesByName() {
        Optional<Map<String, String>> values = PathTemplate.parse("/V1/products/:sku/media/:entryId")
                .match(List.of("V1", "products", "MS-Champ-S", "media", "12"));
        assertTrue(values.isPresent());
        assertEquals(Map.of("sku", "MS-Champ-S", "entryId", "12"), values.get());
        assertEquals(List.of("sku", "entryId"), List.copyOf(values.get().keySet()), "values keep path order");
    }

    @Test
    void matchNeedsSameSegmentCountAndEqualLiterals() {
        PathTemplate template = PathTemplate.parse("/V1/products/:sku");
        assertTrue(template.match(List.of("V1", "products")).isEmpty());
        assertTrue(template.match(List.of("V1", "products", "a", "b")).isEmpty());
        assertTrue(template.match(List.of("V1", "customers", "a")).isEmpty());
        assertTrue(template.match(List.of("v1", "products", "a")).isEmpty(), "literals are case-sensitive");
        assertEquals(Map.of(), PathTemplate.parse("/V1/products").match(List.of("V1", "products")).orElseThrow());
    }

    @Test
    void splitIgnoresEmptySegments() {
        assertEquals(List.of("V1", "carts"), PathTemplate.split("/V1/carts/"));
        assertEquals(List.of("V1", "carts"), PathTemplate.split("//V1//carts"));
        assertEquals(List.of(), PathTemplate.split("/"));
    }
}
