package io.catalogbulk.core.route;

import static io.catalogbulk.core.route.TestRoutes.declare;
import static io.catalogbulk.core.route.TestRoutes.productRoute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.webapi.WebapiException;

class RouteTableTest {

    private final RouteDeclaration postProducts = TestRoutes.postProducts();
    private final RouteDeclaration putProduct = TestRoutes.putProduct();
    private final RouteDeclaration deleteProduct = TestRoutes.deleteProduct();
    private final RouteDeclaration getProduct = TestRoutes.getProduct();
    private final RouteDeclaration getAttributes = TestRoutes.getAttributes();
    private final RouteDeclaration getAttribute = TestRoutes.getAttribute();
    private final RouteDeclaration getMedia = TestRoutes.getProductMediaList();
    private final RouteDeclaration getCustomer = TestRoutes.getCustomer();
    private final RouteDeclaration putCustomer = TestRoutes.putCustomer();
    private final RouteDeclaration searchCustomers = TestRoutes.searchCustomers();
    private final RouteDeclaration token = TestRoutes.anonymousToken();
    private final RouteDeclaration priceInformation = TestRoutes.syncOnlyPriceInformation();

    /** Parameterized routes first, so a literal route cannot win merely by being declared first. */
    private final RouteTable table = RouteTable.of(
            List.of(getProduct, getAttribute, getMedia, putProduct, deleteProduct, postProducts),
            List.of(getCustomer, putCustomer, searchCustomers, getAttributes),
            List.of(token, priceInformation));

    private static List<String> segments(String path) {
        return PathTemplate.split(path);
    }

    private static void assertWebapiError(int status, String message, Runnable call) {
        WebapiException e = assertThrows(WebapiException.class, call::run);
        assertEquals(status, e.status());
        assertEquals(message, e.phrase().message());
    }

    // --- synchronous -------------------------------------------------------------------------------------

    @Test
    void syncMatchTakesPathValuesFromTheUrl() {
        RouteMatch match = table.resolve(RequestFamily.SYNC, HttpMethod.GET, segments("/V1/products/MS-Champ-S"));
        assertEquals(getProduct, match.route());
        assertEquals(Map.of("sku", "MS-Champ-S"), match.pathValues());
    }

    @Test
    void literalSegmentBeatsParameter() {
        assertEquals(getAttributes, table.resolve(RequestFamily.SYNC, HttpMethod.GET, segments("/V1/products/attributes")).route());
        assertEquals(searchCustomers, table.resolve(RequestFamily.SYNC, HttpMethod.GET, segments("/V1/customers/search")).route());
        RouteMatch customer = table.resolve(RequestFamily.SYNC, HttpMethod.GET, segments("/V1/customers/42"));
        assertEquals(getCustomer, customer.route());
        assertEquals(Map.of("customerId", "42"), customer.pathValues());
    }

    @Test
    void equalLiteralCountsResolveLikeMagentosKsortLastMatch() {
        // Both /V1/products/:sku/media and /V1/products/attributes/:attributeCode match; Magento ksorts the
        // route URLs and the last match wins, i.e. the greatest template string.
        RouteMatch match = table.resolve(RequestFamily.SYNC, HttpMethod.GET, segments("/V1/products/attributes/media"));
        assertEquals(getAttribute, match.route());
        assertEquals(Map.of("attributeCode", "media"), match.pathValues());
        RouteMatch media = table.resolve(RequestFamily.SYNC, HttpMethod.GET, segments("/V1/products/abc/media"));
        assertEquals(getMedia, media.route());
    }

    @Test
    void methodSelectsAmongRoutesOfOnePath() {
        assertEquals(putProduct, table.resolve(RequestFamily.SYNC, HttpMethod.PUT, segments("/V1/products/x")).route());
        assertEquals(deleteProduct, table.resolve(RequestFamily.SYNC, HttpMethod.DELETE, segments("/V1/products/x")).route());
        assertEquals(postProducts, table.resolve(RequestFamily.SYNC, HttpMethod.POST, segments("/V1/products")).route());
    }

    @Test
    void unknownPathOrUndeclaredMethodIsNoRoute() {
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.SYNC, HttpMethod.GET, segments("/V1/nothing")));
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.SYNC, HttpMethod.GET, segments("/V1/products/a/b/c")));
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.SYNC, HttpMethod.PATCH, segments("/V1/products/x")));
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.SYNC, HttpMethod.DELETE, segments("/V1/products")));
    }

    @Test
    void syncServesAnonymousAndSyncOnlyRoutes() {
        assertEquals(token, table.resolve(RequestFamily.SYNC, HttpMethod.POST, segments("/V1/integration/admin/token")).route());
        assertEquals(priceInformation,
                table.resolve(RequestFamily.SYNC, HttpMethod.POST, segments("/V1/products/base-prices-information")).route());
    }

    // --- asynchronous -------------------------------------------------------------------------------------

    @Test
    void asyncMatchesNonGetRoutesWithUrlValues() {
        RouteMatch match = table.resolve(RequestFamily.ASYNC, HttpMethod.PUT, segments("/V1/products/MS-Champ-S"));
        assertEquals(putProduct, match.route());
        assertEquals(Map.of("sku", "MS-Champ-S"), match.pathValues());
        assertEquals(postProducts, table.resolve(RequestFamily.ASYNC, HttpMethod.POST, segments("/V1/products")).route());
    }

    @Test
    void asyncGetOnAKnownPathCannotBeProcessed() {
        assertWebapiError(400, WebapiException.CANNOT_PROCESS,
                () -> table.resolve(RequestFamily.ASYNC, HttpMethod.GET, segments("/V1/products/x")));
        assertWebapiError(400, WebapiException.CANNOT_PROCESS,
                () -> table.resolve(RequestFamily.ASYNC, HttpMethod.GET, segments("/V1/customers/search")));
    }

    @Test
    void asyncGetOnAnUnknownPathCannotBeProcessedEither() {
        // Magento refuses GET before matching a route, so an unknown path is the same 400, not a 404.
        assertWebapiError(400, WebapiException.CANNOT_PROCESS,
                () -> table.resolve(RequestFamily.ASYNC, HttpMethod.GET, segments("/V1/nothing")));
    }

    @Test
    void asyncRefusesAnonymousAndSyncOnlyRoutes() {
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.ASYNC, HttpMethod.POST, segments("/V1/integration/admin/token")));
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.ASYNC, HttpMethod.POST, segments("/V1/products/base-prices-information")));
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.ASYNC, HttpMethod.PATCH, segments("/V1/products/x")));
    }

    // --- bulk ---------------------------------------------------------------------------------------------

    @Test
    void bulkMatchesTheRenamedPathWithoutUrlValues() {
        RouteMatch put = table.resolve(RequestFamily.BULK, HttpMethod.PUT, segments("/V1/products/bySku"));
        assertEquals(putProduct, put.route());
        assertEquals(Map.of(), put.pathValues());
        assertEquals(deleteProduct, table.resolve(RequestFamily.BULK, HttpMethod.DELETE, segments("/V1/products/bySku")).route());
        assertEquals(postProducts, table.resolve(RequestFamily.BULK, HttpMethod.POST, segments("/V1/products")).route());
        assertEquals(putCustomer, table.resolve(RequestFamily.BULK, HttpMethod.PUT, segments("/V1/customers/byCustomerId")).route());
    }

    @Test
    void bulkDoesNotAcceptTheParameterizedSyncPath() {
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.BULK, HttpMethod.PUT, segments("/V1/products/MS-Champ-S")));
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.BULK, HttpMethod.PUT, segments("/V1/products/bysku")));
    }

    @Test
    void bulkWithAnUndeclaredMethodIsNoRoute() {
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.BULK, HttpMethod.POST, segments("/V1/products/bySku")));
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.BULK, HttpMethod.POST, segments("/V1/integration/admin/token")));
        assertWebapiError(404, WebapiException.NO_ROUTE,
                () -> table.resolve(RequestFamily.BULK, HttpMethod.POST, segments("/V1/products/base-prices-information")));
    }

    @Test
    void bulkGetCannotBeProcessedOnAnyPath() {
        assertWebapiError(400, WebapiException.CANNOT_PROCESS,
                () -> table.resolve(RequestFamily.BULK, HttpMethod.GET, segments("/V1/products/bySku")));
        // The sync path under /async/bulk, as the client sent it: refused before matching, not 404.
        assertWebapiError(400, WebapiException.CANNOT_PROCESS,
                () -> table.resolve(RequestFamily.BULK, HttpMethod.GET, segments("/V1/products/MS-Champ-S")));
        assertWebapiError(400, WebapiException.CANNOT_PROCESS,
                () -> table.resolve(RequestFamily.BULK, HttpMethod.GET, segments("/V1/nothing")));
    }

    // --- topics and construction ----------------------------------------------------------------------------

    @Test
    void byTopicFindsAsyncRoutesOnly() {
        assertEquals(postProducts, table.byTopic("async.magento.catalog.api.productrepositoryinterface.save.post").orElseThrow());
        assertEquals(putProduct, table.byTopic("async.magento.catalog.api.productrepositoryinterface.save.put").orElseThrow());
        assertEquals(deleteProduct, table.byTopic("async.magento.catalog.api.productrepositoryinterface.deletebyid.delete").orElseThrow());
        assertTrue(table.byTopic("async.magento.catalog.api.productrepositoryinterface.get.get").isEmpty(), "GET routes have no topic entry");
        assertTrue(table.byTopic("async.catalog.product.get.get").isEmpty(), "nor a legacy one");
        assertTrue(table.byTopic("async.integration.admintokenservice.createadminaccesstoken.post").isEmpty());
        assertTrue(table.byTopic("async.catalog.baseprice.get.post").isEmpty(), "sync-only");
        assertTrue(table.byTopic("async.unknown").isEmpty());
    }

    @Test
    void messagesPublishedUnderTheEarlierShortTopicNamesStillFindTheirRoute() {
        assertEquals(postProducts, table.byTopic("async.catalog.product.save.post").orElseThrow());
        assertEquals(putProduct, table.byTopic("async.catalog.product.save.put").orElseThrow());
        assertEquals(deleteProduct, table.byTopic("async.catalog.product.deletebyid.delete").orElseThrow());
    }

    @Test
    void routesAreKeptInDeclarationOrder() {
        assertEquals(12, table.routes().size());
        assertEquals(getProduct, table.routes().get(0));
        assertEquals(priceInformation, table.routes().get(11));
    }

    @Test
    void aRouteDeclaredTwiceIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RouteTable.of(List.of(TestRoutes.putProduct(), TestRoutes.putProduct())));
        assertTrue(e.getMessage().contains("PUT /V1/products/:sku"), e.getMessage());
    }

    @Test
    void twoAsyncRoutesDerivingOneTopicAreRefused() {
        RouteDeclaration other = declare(productRoute(HttpMethod.POST, "/V1/products/other", "save"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RouteTable.of(List.of(TestRoutes.postProducts(), other)));
        assertTrue(e.getMessage().contains("async.magento.catalog.api.productrepositoryinterface.save.post"), e.getMessage());
    }

    @Test
    void getRoutesSharingAServiceMethodDoNotClash() {
        RouteDeclaration a = declare(productRoute(HttpMethod.GET, "/V1/products/:sku", "get"));
        RouteDeclaration b = declare(productRoute(HttpMethod.GET, "/V1/products/bySku/:sku", "get"));
        assertEquals(2, RouteTable.of(List.of(a, b)).routes().size());
    }
}
