package io.catalogbulk.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import io.catalogbulk.core.fuzz.JsonGen;
import io.catalogbulk.core.webapi.ErrorBodies;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Properties of everything a URL passes through before a handler: the store code and family parsing of the raw
 * path, path templates, route resolution and the request item built from path values and body. Property: a route,
 * or a 4xx in Magento's shape; never another exception.
 */
class RoutingPropertyTest {

    private static final RouteTable TABLE = RouteTable.of(List.of(TestRoutes.postProducts(), TestRoutes.putProduct(),
            TestRoutes.deleteProduct(), TestRoutes.getProduct(), TestRoutes.getAttributes(), TestRoutes.getAttribute(),
            TestRoutes.getProductMediaList(), TestRoutes.getCustomer(), TestRoutes.putCustomer(), TestRoutes.searchCustomers(),
            TestRoutes.anonymousToken(), TestRoutes.syncOnlyPriceInformation()));

    @Test
    void anyRawPathParsesOrIsNoRoute() {
        JsonGen.theory(3000).forAll(rawPaths(), Generate.enumValues(HttpMethod.class))
                .checkAssert(RoutingPropertyTest::rawPathParsesOrIsNoRoute);
    }

    static void rawPathParsesOrIsNoRoute(String rawPath, HttpMethod method) {
        Optional<RequestPath> parsed = RequestPath.parse(rawPath);
        if (parsed.isEmpty()) {
            return;
        }
        RequestPath path = parsed.get();
        assertEquals("V1", path.routeSegments().get(0), "a route path starts at V1");
        assertTrue(path.storeCode() == null || !path.storeCode().isEmpty());
        try {
            RouteMatch match = TABLE.resolve(path.family(), method, path.routeSegments());
            assertEquals(method, match.route().method());
            for (String param : match.route().path().params()) {
                if (path.family() != RequestFamily.BULK) {
                    assertTrue(match.pathValues().containsKey(param), param);
                }
            }
        } catch (WebapiException e) {
            assertClientError(e);
        }
    }

    @Test
    void pathTemplatesMatchAnySegmentsWithoutFailing() {
        JsonGen.theory(2000).forAll(templates(), segmentLists()).checkAssert(RoutingPropertyTest::templateMatchesWithoutFailing);
    }

    static void templateMatchesWithoutFailing(String template, List<String> segments) {
        PathTemplate parsed;
        try {
            parsed = PathTemplate.parse(template);
        } catch (IllegalArgumentException declarationError) {
            return; // a malformed declaration fails at start, never on a request
        }
        assertEquals(parsed.template(), PathTemplate.parse(parsed.template()).template(), "a template re-parses to itself");
        assertEquals(parsed.params().size(), PathTemplate.split(parsed.bulkPath()).size() - parsed.literalCount());
        parsed.openApiPath();
        Optional<Map<String, String>> values = parsed.match(segments);
        values.ifPresent(v -> assertEquals(parsed.params().size(), v.size()));
        assertTrue(parsed.match(PathTemplate.split(parsed.template())).isPresent(), "a template matches its own path");
    }

    @Test
    void anyRequestItemIsValidOrRefusedWithMagentosErrors() {
        JsonGen.theory(2000).forAll(routes(), JsonGen.values(4), pathValues(), Generate.booleans())
                .checkAssert(RoutingPropertyTest::requestItemIsValidOrRefused);
    }

    static void requestItemIsValidOrRefused(RouteDeclaration route, JsonNode body, Map<String, String> pathValues, boolean bulk) {
        RouteInput.Item item;
        try {
            item = bulk ? RouteInput.fromBulkItem(route, body) : RouteInput.fromRequest(route, body, pathValues, pathValues);
        } catch (WebapiException e) {
            assertClientError(e);
            return;
        }
        if (!item.valid()) {
            assertClientError(WebapiException.ofErrors(400, item.errors()));
        }
    }

    static void assertClientError(WebapiException e) {
        assertTrue(e.status() >= 400 && e.status() < 500, e.status() + " " + e.getMessage());
        JsonNode body = ErrorBodies.of(e);
        assertTrue(body.path("message").isTextual() && !body.path("message").asText().isEmpty(), body.toString());
        assertFalse(body.has("trace"));
    }

    // --- generators ---------------------------------------------------------------------------------------------

    static Gen<String> rawPaths() {
        Gen<String> segment = JsonGen.oneOf(
                JsonGen.of("V1", "V2", "async", "bulk", "asyncProducts", "products", "bySku", "media", "attributes", "customers",
                        "search", "default", "all", "admin", "no_such_store", "MS-Champ-S", "%2F", "%", "%zz", "%C3%28", "%F0%9F%98%80",
                        "a+b", "..", ".", "byCustomerId", "integration", "admin", "token", "4294967297", "-1", "1e400"),
                JsonGen.codePointText());
        return JsonGen.listOf(segment, 8).zip(JsonGen.of("/", "//"), (segments, separator) ->
                separator + String.join(separator, segments));
    }

    static Gen<String> templates() {
        Gen<String> segment = JsonGen.oneOf(
                JsonGen.of("V1", "products", ":sku", ":entryId", ":", "::x", "media", ""),
                JsonGen.codePointText().map(t -> t.replace("/", "")));
        return JsonGen.listOf(segment, 6).map(parts -> "/" + String.join("/", parts));
    }

    static Gen<List<String>> segmentLists() {
        return JsonGen.listOf(JsonGen.oneOf(JsonGen.of("V1", "products", "x", "media", ""), JsonGen.codePointText()), 6);
    }

    static Gen<RouteDeclaration> routes() {
        List<RouteDeclaration> routes = new ArrayList<>(TABLE.routes());
        routes.add(RouteInputQueryTest.SEARCH);
        routes.add(RouteInputQueryTest.GET_ONE);
        return Generate.pick(routes);
    }

    static Gen<Map<String, String>> pathValues() {
        Gen<String> name = JsonGen.of("sku", "customerId", "attributeCode", "storeId", "searchCriteria",
                "searchCriteria[pageSize]", "searchCriteria[filter_groups][0][filters][0][field]");
        return JsonGen.mapOf(name, JsonGen.text(), 4);
    }
}
