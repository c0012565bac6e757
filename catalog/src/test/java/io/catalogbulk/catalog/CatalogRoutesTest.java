package io.catalogbulk.catalog;

import static io.catalogbulk.catalog.testing.RouteSamples.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.PathTemplate;
import io.catalogbulk.core.route.RequestFamily;
import io.catalogbulk.core.route.RequestPath;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteMatch;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.WebapiException;

/** Every catalog route, and what the async machinery derives from each (api.md §1, §6). */
class CatalogRoutesTest {

    private static final Pattern TOPIC = Pattern.compile("async\\.(magento|catalogbulk)\\.[a-z0-9]+\\.api\\.[a-z0-9]+interface\\.[a-z0-9]+\\.(post|put|delete|patch)");

    private final RouteTable table = RouteTable.of(CatalogRoutes.ALL);

    private static List<RouteDeclaration> asyncRoutes() {
        return CatalogRoutes.ALL.stream().filter(RouteDeclaration::asyncAllowed).toList();
    }

    /** A concrete URL for a route: each :param replaced by a sample value. */
    private static List<String> concrete(RouteDeclaration route) {
        List<String> segments = new ArrayList<>();
        for (String segment : PathTemplate.split(route.path().template())) {
            segments.add(segment.startsWith(":") ? "12" : segment);
        }
        return segments;
    }

    private RouteMatch resolve(HttpMethod method, String rawPath) {
        RequestPath path = RequestPath.parse(rawPath).orElseThrow();
        return table.resolve(path.family(), method, path.routeSegments());
    }

    @Test
    void declaresTheExpectedRoutes() {
        Set<String> routes = CatalogRoutes.ALL.stream().map(RouteDeclaration::toString).collect(Collectors.toSet());
        // Other route groups add to these; each group's own test lists its routes exactly.
        assertTrue(routes.containsAll(Set.of(
                "POST /V1/products", "PUT /V1/products/:sku", "DELETE /V1/products/:sku", "GET /V1/products/:sku",
                "POST /V1/customers", "GET /V1/customers/:customerId",
                "PUT /V1/customers/:customerId", "DELETE /V1/customers/:customerId", "GET /V1/customers/search",
                "GET /V1/store/storeViews", "POST /V1/store/storeViews",
                "POST /V1/categories", "PUT /V1/categories/:id", "DELETE /V1/categories/:categoryId",
                "GET /V1/categories/:categoryId", "POST /V1/categories/:categoryId/products",
                "POST /V1/cmsPage", "PUT /V1/cmsPage/:id", "DELETE /V1/cmsPage/:pageId", "GET /V1/cmsPage/:pageId",
                "POST /V1/cmsBlock", "PUT /V1/cmsBlock/:id", "DELETE /V1/cmsBlock/:blockId", "GET /V1/cmsBlock/:blockId",
                "POST /V1/carts", "POST /V1/carts/:quoteId/items", "GET /V1/carts/:cartId", "GET /V1/carts/:cartId/totals")),
                routes.toString());
        assertEquals(routes.size(), CatalogRoutes.ALL.size(), "no route is declared twice");
    }

    @Test
    void theRouteTableAcceptsEveryRoute() {
        assertEquals(CatalogRoutes.ALL, table.routes());
    }

    @Test
    void everyAsyncRouteHasAUniqueLowerCaseTopic() {
        Map<String, String> topics = asyncRoutes().stream()
                .collect(Collectors.toMap(RouteDeclaration::topic, RouteDeclaration::toString));
        assertEquals(asyncRoutes().size(), topics.size(), "topics are unique");
        Map<String, String> expected = new HashMap<>(Map.of(
                "async.magento.catalog.api.productrepositoryinterface.save.post", "POST /V1/products",
                "async.magento.catalog.api.productrepositoryinterface.save.put", "PUT /V1/products/:sku",
                "async.magento.catalog.api.productrepositoryinterface.deletebyid.delete", "DELETE /V1/products/:sku",
                "async.magento.customer.api.accountmanagementinterface.createaccount.post", "POST /V1/customers",
                "async.catalogbulk.store.api.storeviewmanagementinterface.create.post", "POST /V1/store/storeViews"));
        expected.putAll(Map.of(
                "async.magento.customer.api.customerrepositoryinterface.save.put", "PUT /V1/customers/:customerId",
                "async.magento.customer.api.customerrepositoryinterface.deletebyid.delete", "DELETE /V1/customers/:customerId",
                "async.magento.catalog.api.categoryrepositoryinterface.save.post", "POST /V1/categories",
                "async.magento.catalog.api.categoryrepositoryinterface.save.put", "PUT /V1/categories/:id",
                "async.magento.catalog.api.categoryrepositoryinterface.deletebyidentifier.delete", "DELETE /V1/categories/:categoryId",
                "async.magento.catalog.api.categorylinkrepositoryinterface.save.post", "POST /V1/categories/:categoryId/products",
                "async.magento.quote.api.cartmanagementinterface.createemptycart.post", "POST /V1/carts",
                "async.magento.quote.api.cartitemrepositoryinterface.save.post", "POST /V1/carts/:quoteId/items"));
        expected.putAll(Map.of(
                "async.magento.cms.api.pagerepositoryinterface.save.post", "POST /V1/cmsPage",
                "async.magento.cms.api.pagerepositoryinterface.save.put", "PUT /V1/cmsPage/:id",
                "async.magento.cms.api.pagerepositoryinterface.deletebyid.delete", "DELETE /V1/cmsPage/:pageId",
                "async.magento.cms.api.blockrepositoryinterface.save.post", "POST /V1/cmsBlock",
                "async.magento.cms.api.blockrepositoryinterface.save.put", "PUT /V1/cmsBlock/:id",
                "async.magento.cms.api.blockrepositoryinterface.deletebyid.delete", "DELETE /V1/cmsBlock/:blockId"));
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), topics.get(entry.getKey()), entry.getKey());
        }
        for (String topic : topics.keySet()) {
            assertTrue(TOPIC.matcher(topic).matches(), topic);
        }
    }

    @Test
    void everyRouteDerivesAUniqueTopicEvenIfItIsSyncOnly() {
        Set<String> topics = new HashSet<>();
        for (RouteDeclaration route : CatalogRoutes.ALL) {
            assertTrue(topics.add(route.topic()), route + " repeats " + route.topic());
        }
    }

    @Test
    void everyAsyncRouteIsFoundByItsTopic() {
        for (RouteDeclaration route : asyncRoutes()) {
            assertEquals(route, table.byTopic(route.topic()).orElseThrow(), route.toString());
        }
    }

    @Test
    void everyAsyncRouteIsServedOnItsBulkPath() {
        for (RouteDeclaration route : asyncRoutes()) {
            assertFalse(route.bulkPath().contains(":"), route.bulkPath());
            RouteMatch match = table.resolve(RequestFamily.BULK, route.method(), PathTemplate.split(route.bulkPath()));
            assertEquals(route, match.route(), route.toString());
            assertEquals(Map.of(), match.pathValues());
        }
    }

    @Test
    void everyAsyncRouteIsServedOnItsAsyncPath() {
        for (RouteDeclaration route : asyncRoutes()) {
            RouteMatch match = table.resolve(RequestFamily.ASYNC, route.method(), concrete(route));
            assertEquals(route, match.route(), route.toString());
            for (String param : route.path().params()) {
                assertEquals("12", match.pathValues().get(param));
            }
        }
    }

    @Test
    void bulkPathsRenameParameters() {
        Map<String, String> bulkPaths = CatalogRoutes.ALL.stream()
                .collect(Collectors.toMap(RouteDeclaration::toString, RouteDeclaration::bulkPath));
        assertEquals("/V1/products/bySku", bulkPaths.get("PUT /V1/products/:sku"));
        assertEquals("/V1/products/bySku", bulkPaths.get("DELETE /V1/products/:sku"));
        assertEquals("/V1/products", bulkPaths.get("POST /V1/products"));
        assertEquals("/V1/customers/byCustomerId", bulkPaths.get("GET /V1/customers/:customerId"));
        assertEquals("/V1/cmsPage/byPageId", bulkPaths.get("DELETE /V1/cmsPage/:pageId"));
        assertEquals("/V1/carts/byQuoteId/items", bulkPaths.get("POST /V1/carts/:quoteId/items"));
        assertEquals("/V1/categories/byCategoryId/products", bulkPaths.get("POST /V1/categories/:categoryId/products"));
    }

    @Test
    void getRoutesAreSyncOnly() {
        List<RouteDeclaration> gets = CatalogRoutes.ALL.stream().filter(r -> r.method() == HttpMethod.GET).toList();
        assertTrue(gets.size() >= 3, gets.toString());
        for (RouteDeclaration route : gets) {
            assertFalse(route.asyncAllowed(), route.toString());
            assertTrue(table.byTopic(route.topic()).isEmpty(), route.toString());
            assertEquals(route, table.resolve(RequestFamily.SYNC, HttpMethod.GET, concrete(route)).route());
            WebapiException async = assertThrows(WebapiException.class,
                    () -> table.resolve(RequestFamily.ASYNC, HttpMethod.GET, concrete(route)));
            assertEquals(400, async.status());
            assertEquals(WebapiException.CANNOT_PROCESS, async.phrase().message());
            WebapiException bulk = assertThrows(WebapiException.class,
                    () -> table.resolve(RequestFamily.BULK, HttpMethod.GET, PathTemplate.split(route.bulkPath())));
            assertTrue(bulk.status() == 400 || bulk.status() == 404, route + ": " + bulk.status());
        }
    }

    @Test
    void everyNonGetRouteIsAsyncAndNeedsAnAclResource() {
        for (RouteDeclaration route : CatalogRoutes.ALL) {
            assertNotNull(route.service(), route.toString());
            assertNotNull(route.aclResource(), route.toString());
            assertFalse(route.anonymous(), route + " is an integration route");
            // Adobe's synchronous import routes are not queued as one operation: their requests may carry customer
            // passwords in the CSV, and their asynchronous form is the import machinery's (rows sealed, one operation each).
            // The import rows route is an ordinary route (its check seals the password before anything is stored).
            boolean adobeImport = route.path().toString().startsWith("/V1/import/") && !route.path().toString().startsWith("/V1/import/rows/");
            assertEquals(route.method() != HttpMethod.GET && !adobeImport, route.asyncAllowed(), route.toString());
        }
    }

    @Test
    void everyAsyncRouteDeclaresALockKey() {
        for (RouteDeclaration route : asyncRoutes()) {
            assertTrue(route.lockKey().isPresent(), route.toString());
        }
    }

    @Test
    void fullRequestPathsResolve() {
        assertEquals("PUT /V1/products/:sku", resolve(HttpMethod.PUT, "/default/async/bulk/V1/products/bySku").route().toString());
        assertEquals("DELETE /V1/products/:sku", resolve(HttpMethod.DELETE, "/async/bulk/V1/products/bySku").route().toString());
        assertEquals("POST /V1/products", resolve(HttpMethod.POST, "/asyncProducts").route().toString());
        assertEquals("POST /V1/products", resolve(HttpMethod.POST, "/all/async/V1/products").route().toString());
        assertEquals("POST /V1/customers", resolve(HttpMethod.POST, "/async/bulk/V1/customers").route().toString());
        RouteMatch customer = resolve(HttpMethod.GET, "/V1/customers/12");
        assertEquals("GET /V1/customers/:customerId", customer.route().toString());
        assertEquals(Map.of("customerId", "12"), customer.pathValues());
        RouteMatch product = resolve(HttpMethod.GET, "/default/V1/products/24-MB01%2Fblue");
        assertEquals(Map.of("sku", "24-MB01/blue"), product.pathValues());
    }

    @Test
    void undeclaredRequestsAreNoRoute() {
        for (Object[] request : List.of(
                new Object[] {HttpMethod.PATCH, "/async/bulk/V1/customers/byCustomerId"},
                new Object[] {HttpMethod.DELETE, "/V1/customers/12/addresses"},
                new Object[] {HttpMethod.PUT, "/async/bulk/V1/cmsPage/byPageId"},
                new Object[] {HttpMethod.PATCH, "/async/V1/products/x"},
                new Object[] {HttpMethod.POST, "/async/bulk/V1/products/bySku"},
                new Object[] {HttpMethod.PUT, "/async/bulk/V1/products/x"},
                new Object[] {HttpMethod.PATCH, "/V1/categories"})) {
            WebapiException e = assertThrows(WebapiException.class, () -> resolve((HttpMethod) request[0], (String) request[1]));
            assertEquals(404, e.status(), request[0] + " " + request[1]);
            assertEquals(WebapiException.NO_ROUTE, e.phrase().message());
        }
    }

    @Test
    void theRoutesAroundProductsAreAsyncWithTheirTopicsAndBulkPaths() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("POST /V1/products/:sku/media", "async.magento.catalog.api.productattributemediagallerymanagementinterface.create.post /V1/products/bySku/media");
        expected.put("PUT /V1/products/:sku/media/:entryId",
                "async.magento.catalog.api.productattributemediagallerymanagementinterface.update.put /V1/products/bySku/media/byEntryId");
        expected.put("DELETE /V1/products/:sku/media/:entryId",
                "async.magento.catalog.api.productattributemediagallerymanagementinterface.remove.delete /V1/products/bySku/media/byEntryId");
        expected.put("POST /V1/products/attributes", "async.magento.catalog.api.productattributerepositoryinterface.save.post /V1/products/attributes");
        expected.put("POST /V1/products/attributes/:attributeCode/options",
                "async.magento.catalog.api.productattributeoptionmanagementinterface.add.post /V1/products/attributes/byAttributeCode/options");
        expected.put("POST /V1/configurable-products/:sku/options",
                "async.magento.configurableproduct.api.optionrepositoryinterface.save.post /V1/configurable-products/bySku/options");
        expected.put("POST /V1/configurable-products/:sku/child",
                "async.magento.configurableproduct.api.linkmanagementinterface.addchild.post /V1/configurable-products/bySku/child");
        expected.put("POST /V1/products/options", "async.magento.catalog.api.productcustomoptionrepositoryinterface.save.post /V1/products/options");
        expected.put("POST /V1/products/base-prices", "async.magento.catalog.api.basepricestorageinterface.update.post /V1/products/base-prices");
        expected.put("POST /V1/products/special-price", "async.magento.catalog.api.specialpricestorageinterface.update.post /V1/products/special-price");
        expected.put("POST /V1/inventory/source-items", "async.magento.inventoryapi.api.sourceitemssaveinterface.execute.post /V1/inventory/source-items");
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            RouteDeclaration route = route(entry.getKey());
            assertTrue(route.asyncAllowed(), entry.getKey());
            assertTrue(route.lockKey().isPresent(), entry.getKey());
            assertEquals(entry.getValue(), route.topic() + " " + route.bulkPath(), entry.getKey());
            assertEquals(route, table.byTopic(route.topic()).orElseThrow());
            assertEquals(route, table.resolve(RequestFamily.BULK, route.method(), PathTemplate.split(route.bulkPath())).route());
        }
    }

    @Test
    void readRoutesAreSyncOnly() {
        for (String name : List.of("GET /V1/products", "GET /V1/products/:sku/media", "GET /V1/products/attributes/:attributeCode",
                "GET /V1/configurable-products/:sku/children", "GET /V1/inventory/source-items")) {
            assertFalse(route(name).asyncAllowed(), name);
        }
        assertTrue(route("GET /V1/products").searchCriteria());
        assertTrue(route("GET /V1/inventory/source-items").searchCriteria());
    }

    @Test
    void literalSegmentsWinOverTheSkuParameter() {
        assertEquals("GET /V1/products/attributes/:attributeCode",
                table.resolve(RequestFamily.SYNC, HttpMethod.GET, List.of("V1", "products", "attributes", "size")).route().toString());
        assertEquals("GET /V1/products/:sku",
                table.resolve(RequestFamily.SYNC, HttpMethod.GET, List.of("V1", "products", "attributes")).route().toString());
        assertEquals("POST /V1/products/options",
                table.resolve(RequestFamily.ASYNC, HttpMethod.POST, List.of("V1", "products", "options")).route().toString());
    }

    @Test
    void mostRoutesHangOffProducts() {
        Map<String, Long> byFirstSegment = CatalogRoutes.ALL.stream()
                .collect(Collectors.groupingBy(r -> r.path().template().split("/")[2], Collectors.counting()));
        assertTrue(byFirstSegment.get("products") >= 13, byFirstSegment.toString());
    }
}
