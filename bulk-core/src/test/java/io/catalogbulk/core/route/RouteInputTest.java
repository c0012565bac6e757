package io.catalogbulk.core.route;

import static io.catalogbulk.core.route.TestRoutes.declare;
import static io.catalogbulk.core.route.TestRoutes.productRoute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Top-level parameters of a request item: path values, body parameters, unknown keys, PUT override, checks. */
class RouteInputTest {

    private static final String NOT_ACCEPTED = "Parameter \"%fieldName\" is not accepted by this route. Accepted: %parameters.";

    @Test
    void bodyParamsAreNormalizedInDeclaredOrder() {
        RouteInput.Item item = RouteInput.fromRequest(TestRoutes.postProducts(),
                Json.parse("{\"saveOptions\":\"1\",\"product\":{\"price\":\"29.5\",\"sku\":\"a\"}}"), Map.of());
        assertTrue(item.valid(), () -> item.errors().toString());
        assertEquals("{\"product\":{\"sku\":\"a\",\"price\":29.5},\"saveOptions\":true}", Json.string(item.params()));
    }

    @Test
    void topLevelKeysMayBeSnakeCase() {
        RouteInput.Item item = RouteInput.fromRequest(TestRoutes.postProducts(),
                Json.parse("{\"product\":{\"sku\":\"a\"},\"save_options\":true}"), Map.of());
        assertTrue(item.valid(), () -> item.errors().toString());
        assertTrue(item.params().get("saveOptions").booleanValue());
    }

    @Test
    void unknownTopLevelKeyIsRefusedNamingTheAcceptedParameters() {
        RouteInput.Item item = RouteInput.fromRequest(TestRoutes.postProducts(),
                Json.parse("{\"product\":{\"sku\":\"a\"},\"foo\":1}"), Map.of());
        assertFalse(item.valid());
        assertEquals(1, item.errors().size());
        Phrase error = item.errors().get(0);
        assertEquals(NOT_ACCEPTED, error.message());
        assertEquals(Map.of("fieldName", "foo", "parameters", "product, saveOptions"), error.parameters());
    }

    @Test
    void aBulkItemAlsoAcceptsTheFormerPathParams() {
        RouteInput.Item bad = RouteInput.fromBulkItem(TestRoutes.putProduct(),
                Json.parse("{\"sku\":\"a\",\"product\":{},\"extra\":true}"));
        assertEquals(Map.of("fieldName", "extra", "parameters", "sku, product, saveOptions"), bad.errors().get(0).parameters());
    }

    @Test
    void aRequestMustNotRepeatThePathParamInItsBody() {
        RouteInput.Item item = RouteInput.fromRequest(TestRoutes.putProduct(),
                Json.parse("{\"sku\":\"b\",\"product\":{}}"), Map.of("sku", "a"));
        assertFalse(item.valid());
        assertEquals(NOT_ACCEPTED, item.errors().get(0).message());
    }

    @Test
    void missingRequiredBodyParamUsesMagentosRequiredMessage() {
        for (String body : List.of("{}", "{\"product\":null}", "null")) {
            RouteInput.Item item = RouteInput.fromRequest(TestRoutes.postProducts(), Json.parse(body), Map.of());
            assertEquals(List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "product"))), item.errors(), body);
        }
    }

    @Test
    void aNonObjectItemIsRefused() {
        RouteInput.Item item = RouteInput.fromBulkItem(TestRoutes.putProduct(), Json.parse("[1,2]"));
        assertFalse(item.valid());
        assertEquals("A JSON object is expected for each request item, with the parameters %parameters.",
                item.errors().get(0).message());
        assertEquals(Map.of("parameters", "sku, product, saveOptions"), item.errors().get(0).parameters());
    }

    @Test
    void putOverrideCopiesTheUrlValueIntoTheBody() {
        RouteInput.Item item = RouteInput.fromRequest(TestRoutes.putProduct(),
                Json.parse("{\"product\":{\"sku\":\"other\",\"name\":\"N\"}}"), Map.of("sku", "MS-Champ-S"));
        assertTrue(item.valid(), () -> item.errors().toString());
        assertEquals("MS-Champ-S", item.params().get("sku").asText());
        assertEquals("MS-Champ-S", item.params().get("product").get("sku").asText());
        assertEquals("N", item.params().get("product").get("name").asText());
    }

    @Test
    void putOverrideAlsoAppliesToBulkItems() {
        RouteInput.Item item = RouteInput.fromBulkItem(TestRoutes.putProduct(),
                Json.parse("{\"sku\":\"MS-Champ-S\",\"product\":{\"name\":\"N\"}}"));
        assertTrue(item.valid(), () -> item.errors().toString());
        assertEquals("MS-Champ-S", item.params().get("sku").asText());
        assertEquals(Json.parse("{\"name\":\"N\",\"sku\":\"MS-Champ-S\"}"), item.params().get("product"));
    }

    @Test
    void bulkItemFormerPathParamMayBeCamelOrSnakeCase() {
        RouteDeclaration delete = declare(RouteDeclaration.route(HttpMethod.DELETE, "/V1/cmsPage/:pageId")
                .service("Magento\\Cms\\Api\\PageRepositoryInterface", "deleteById")
                .acl(AclResources.ALL.child("Magento_Cms::page"))
                .pathParam("pageId", ScalarType.INT));
        RouteInput.Item snake = RouteInput.fromBulkItem(delete, Json.parse("{\"page_id\":\"1\"}"));
        assertTrue(snake.valid(), () -> snake.errors().toString());
        assertEquals("{\"pageId\":1}", Json.string(snake.params()));
        RouteInput.Item camel = RouteInput.fromBulkItem(delete, Json.parse("{\"pageId\":2}"));
        assertEquals("{\"pageId\":2}", Json.string(camel.params()));
    }

    @Test
    void missingFormerPathParamInABulkItemIsRequired() {
        RouteInput.Item item = RouteInput.fromBulkItem(TestRoutes.deleteProduct(), Json.parse("{}"));
        assertEquals(List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "sku"))), item.errors());
    }

    @Test
    void typedPathParamIsCoercedOrRefused() {
        RouteInput.Item ok = RouteInput.fromRequest(TestRoutes.putCustomer(), null, Map.of("customerId", "12"));
        assertTrue(ok.valid(), () -> ok.errors().toString());
        assertEquals(12, ok.params().get("customerId").intValue());
        RouteInput.Item bad = RouteInput.fromRequest(TestRoutes.putCustomer(), null, Map.of("customerId", "abc"));
        assertEquals(1, bad.errors().size());
        assertEquals("The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.",
                bad.errors().get(0).message());
        assertEquals(Map.of("value", "abc", "type", "int"), bad.errors().get(0).parameters());
    }

    @Test
    void checksRunOnlyOnOtherwiseValidItems() {
        AtomicInteger calls = new AtomicInteger();
        RouteDeclaration route = declare(productRoute(HttpMethod.POST, "/V1/products", "save")
                .requiredBody("product", TestRoutes.PRODUCT)
                .check(params -> {
                    calls.incrementAndGet();
                    return params.path("product").path("sku").asText().isEmpty()
                            ? List.of(Phrase.of("no sku")) : List.of();
                }));
        RouteInput.Item invalid = RouteInput.fromRequest(route, Json.parse("{\"product\":{\"price\":\"x\"}}"), Map.of());
        assertEquals(0, calls.get());
        assertEquals(1, invalid.errors().size());
        RouteInput.Item noSku = RouteInput.fromRequest(route, Json.parse("{\"product\":{\"name\":\"n\"}}"), Map.of());
        assertEquals(1, calls.get());
        assertEquals(List.of(Phrase.of("no sku")), noSku.errors());
    }

    @Test
    void everyInvalidParameterIsReported() {
        RouteInput.Item item = RouteInput.fromRequest(TestRoutes.postProducts(),
                Json.parse("{\"product\":{\"price\":\"abc\",\"colour\":1},\"saveOptions\":\"maybe\",\"x\":1}"), Map.of());
        assertEquals(4, item.errors().size(), () -> item.errors().toString());
    }
}
