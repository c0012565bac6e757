package io.catalogbulk.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    private static RequestPath parse(String raw) {
        return RequestPath.parse(raw).orElseThrow(() -> new AssertionError("expected " + raw + " to parse"));
    }

    @Test
    void syncWithoutStoreCode() {
        RequestPath path = parse("/V1/products");
        assertNull(path.storeCode());
        assertEquals(RequestFamily.SYNC, path.family());
        assertEquals(List.of("V1", "products"), path.routeSegments());
        assertEquals("/V1/products", path.routePath());
    }

    @Test
    void syncWithDefaultStoreCode() {
        RequestPath path = parse("/default/V1/products/MS-Champ-S");
        assertEquals("default", path.storeCode());
        assertEquals(RequestFamily.SYNC, path.family());
        assertEquals(List.of("V1", "products", "MS-Champ-S"), path.routeSegments());
    }

    @Test
    void allIsCapturedAsAStoreCode() {
        RequestPath path = parse("/all/V1/products");
        assertEquals("all", path.storeCode());
        assertEquals(RequestFamily.SYNC, path.family());
    }

    @Test
    void anUnknownStoreCodeIsStillParsedSoItCanBeReportedClearly() {
        RequestPath path = parse("/nowhere/async/V1/products");
        assertEquals("nowhere", path.storeCode());
        assertEquals(RequestFamily.ASYNC, path.family());
    }

    @Test
    void asyncWithoutStoreCode() {
        RequestPath path = parse("/async/V1/products/abc");
        assertNull(path.storeCode());
        assertEquals(RequestFamily.ASYNC, path.family());
        assertEquals("/V1/products/abc", path.routePath());
    }

    @Test
    void bulkWithStoreCode() {
        RequestPath path = parse("/default/async/bulk/V1/products/bySku");
        assertEquals("default", path.storeCode());
        assertEquals(RequestFamily.BULK, path.family());
        assertEquals(List.of("V1", "products", "bySku"), path.routeSegments());
    }

    @Test
    void bulkWithoutStoreCode() {
        RequestPath path = parse("/async/bulk/V1/products");
        assertNull(path.storeCode());
        assertEquals(RequestFamily.BULK, path.family());
    }

    @Test
    void asyncProductsAliasIsAsyncPostProducts() {
        RequestPath path = parse("/asyncProducts");
        assertNull(path.storeCode());
        assertEquals(RequestFamily.ASYNC, path.family());
        assertEquals("/V1/products", path.routePath());
        RequestPath scoped = parse("/default/asyncProducts/");
        assertEquals("default", scoped.storeCode());
        assertEquals(RequestFamily.ASYNC, scoped.family());
        assertEquals("/V1/products", scoped.routePath());
    }

    @Test
    void trailingAndDoubledSlashesAreIgnored() {
        assertEquals(List.of("V1", "carts"), parse("/V1/carts/").routeSegments());
        assertEquals(List.of("V1", "carts"), parse("//V1//carts").routeSegments());
    }

    @Test
    void segmentsAreDecodedAfterSplittingSoAnEncodedSlashStaysInTheSku() {
        assertEquals(List.of("V1", "products", "a/b"), parse("/V1/products/a%2Fb").routeSegments());
        assertEquals(List.of("V1", "products", "a b"), parse("/V1/products/a%20b").routeSegments());
        assertEquals(List.of("V1", "products", "24-MB01+x"), parse("/V1/products/24-MB01+x").routeSegments(),
                "a literal + is a plus in a path, not a space");
        assertEquals(List.of("V1", "products", "caf\u00e9"), parse("/V1/products/caf%C3%A9").routeSegments());
    }

    @Test
    void aMalformedEscapeIsKeptAsIs() {
        assertEquals(List.of("V1", "products", "100%zz"), parse("/V1/products/100%zz").routeSegments());
    }

    @ParameterizedTest(name = "\"{0}\" is no route")
    @ValueSource(strings = {
            "",
            "/",
            "/default",
            "/default/",
            "/async",
            "/async/bulk",
            "/async/bulk/",
            "/default/async/bulk",
            "/products",
            "/v1/products",
            "/default/all/V1/products",
            "/async/bulk/bulk/V1/products",
            "/async/V2/products",
            "/asyncProducts/extra",
            "/default/schema",
    })
    void nonRoutesAreEmpty(String raw) {
        assertTrue(RequestPath.parse(raw).isEmpty(), raw);
    }

    @Test
    void bulkWithoutAsyncIsReadAsAStoreCodeNamedBulk() {
        RequestPath path = parse("/bulk/V1/products");
        assertEquals("bulk", path.storeCode());
        assertEquals(RequestFamily.SYNC, path.family());
    }

    @Test
    void v1AloneIsAPathWithNoRoute() {
        RequestPath path = parse("/V1");
        assertEquals("/V1", path.routePath());
        assertEquals(RequestFamily.SYNC, path.family());
    }
}
