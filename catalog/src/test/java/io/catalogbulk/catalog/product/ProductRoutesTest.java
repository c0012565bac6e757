package io.catalogbulk.catalog.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Product routes of module-catalog's webapi.xml and the request items they accept. */
class ProductRoutesTest {

    private static RouteDeclaration route(HttpMethod method, String path) {
        return ProductRoutes.ROUTES.stream()
                .filter(r -> r.method() == method && r.path().template().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError(method + " " + path));
    }

    private static final RouteDeclaration POST = route(HttpMethod.POST, "/V1/products");
    private static final RouteDeclaration PUT = route(HttpMethod.PUT, "/V1/products/:sku");
    private static final RouteDeclaration DELETE = route(HttpMethod.DELETE, "/V1/products/:sku");
    private static final RouteDeclaration GET = route(HttpMethod.GET, "/V1/products/:sku");

    @Test
    void routesCallProductRepositoryWithTheProductsAcl() {
        assertEquals(5, ProductRoutes.ROUTES.size());
        for (RouteDeclaration route : ProductRoutes.ROUTES) {
            assertEquals("Magento\\Catalog\\Api\\ProductRepositoryInterface", route.service().serviceClass());
            assertEquals("Magento_Catalog::products", route.aclResource().name());
        }
        assertEquals("save", POST.service().method());
        assertEquals("save", PUT.service().method());
        assertEquals("deleteById", DELETE.service().method());
        assertEquals("get", GET.service().method());
        assertEquals("getList", ProductRoutes.ROUTES.get(4).service().method());
        assertTrue(ProductRoutes.ROUTES.get(4).searchCriteria());
        assertFalse(ProductRoutes.ROUTES.get(4).asyncAllowed());
    }

    @Test
    void topicsAndBulkPaths() {
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.post", POST.topic());
        assertEquals("async.magento.catalog.api.productrepositoryinterface.save.put", PUT.topic());
        assertEquals("async.magento.catalog.api.productrepositoryinterface.deletebyid.delete", DELETE.topic());
        assertEquals("/V1/products/bySku", PUT.bulkPath());
        assertFalse(GET.asyncAllowed());
    }

    @Test
    void postNormalizesTheProduct() {
        RouteInput.Item item = RouteInput.fromRequest(POST, Json.parse("{\"product\":{\"sku\":\"MS-Champ-S\",\"name\":\"Champ Tee\","
                + "\"attributeSetId\":\"4\",\"price\":\"25\",\"type_id\":\"simple\",\"extension_attributes\":{\"website_ids\":[\"1\"]},"
                + "\"custom_attributes\":{\"url_key\":\"champ-tee\"}},\"saveOptions\":true}"), Map.of());
        assertTrue(item.valid(), () -> item.errors().toString());
        assertEquals(Json.parse("{\"product\":{\"sku\":\"MS-Champ-S\",\"name\":\"Champ Tee\",\"attribute_set_id\":4,\"price\":25,"
                + "\"type_id\":\"simple\",\"extension_attributes\":{\"website_ids\":[1]},"
                + "\"custom_attributes\":[{\"attribute_code\":\"url_key\",\"value\":\"champ-tee\"}]},\"saveOptions\":true}"),
                reparsed(item.params()));
    }

    @Test
    void postWithoutSkuGetsTheEmptyAttributeMessage() {
        for (String product : List.of("{\"name\":\"N\"}", "{\"sku\":\"  \"}")) {
            RouteInput.Item item = RouteInput.fromRequest(POST, Json.parse("{\"product\":" + product + "}"), Map.of());
            assertEquals(List.of(Phrase.positional("The \"%1\" attribute value is empty. Set the attribute and try again.", "sku")),
                    item.errors(), product);
        }
    }

    @Test
    void postWithoutProductIsRequired() {
        RouteInput.Item item = RouteInput.fromRequest(POST, Json.parse("{\"saveOptions\":true}"), Map.of());
        assertEquals(List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "product"))), item.errors());
    }

    @Test
    void productFieldsAreValidatedWithMagentoTexts() {
        RouteInput.Item item = RouteInput.fromRequest(POST, Json.parse("{\"product\":{\"sku\":\"" + "s".repeat(65) + "\","
                + "\"price\":\"cheap\",\"type_id\":\"bundle\",\"visibility\":5,\"colour\":\"red\"}}"), Map.of());
        List<String> messages = item.errors().stream().map(Phrase::render).toList();
        assertEquals(List.of(
                "SKU length should be 64 characters maximum.",
                "Error occurred during \"price\" processing. The \"cheap\" value's type is invalid. The \"float\" type was expected. "
                        + "Verify and try again.",
                "Invalid value of \"bundle\" provided for the type_id field.",
                "Invalid value of \"5\" provided for the visibility field.",
                "Property \"Colour\" does not have accessor method \"getColour\" in class \"Magento\\Catalog\\Api\\Data\\ProductInterface\"."),
                messages, "one error per invalid field, in body order");
    }

    @Test
    void putTakesTheSkuFromTheUrl() {
        RouteInput.Item item = RouteInput.fromRequest(PUT, Json.parse("{\"product\":{\"sku\":\"ignored\",\"price\":30}}"),
                Map.of("sku", "MS-Champ-S"));
        assertTrue(item.valid(), () -> item.errors().toString());
        assertEquals("MS-Champ-S", item.params().get("sku").asText());
        assertEquals("MS-Champ-S", item.params().get("product").get("sku").asText());
    }

    @Test
    void putBulkItemCarriesTheSkuAsAField() {
        RouteInput.Item item = RouteInput.fromBulkItem(PUT, Json.parse("{\"sku\":\"MS-Champ-S\",\"product\":{\"price\":\"30\"}}"));
        assertTrue(item.valid(), () -> item.errors().toString());
        assertEquals(Json.parse("{\"price\":30,\"sku\":\"MS-Champ-S\"}"), reparsed(item.params().get("product")));
        RouteInput.Item missing = RouteInput.fromBulkItem(PUT, Json.parse("{\"product\":{\"price\":30}}"));
        assertEquals(List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "sku"))), missing.errors());
    }

    @Test
    void aBlankSkuIsRequiredOnPutAndDelete() {
        Phrase required = Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "sku"));
        assertEquals(List.of(required), RouteInput.fromRequest(PUT, Json.parse("{\"product\":{}}"), Map.of("sku", " ")).errors());
        assertEquals(List.of(required), RouteInput.fromBulkItem(DELETE, Json.parse("{\"sku\":\"\"}")).errors());
        assertTrue(RouteInput.fromBulkItem(DELETE, Json.parse("{\"sku\":\"MS-Champ-S\"}")).valid());
    }

    @Test
    void deleteAcceptsNoBody() {
        RouteInput.Item item = RouteInput.fromRequest(DELETE, null, Map.of("sku", "MS-Champ-S"));
        assertTrue(item.valid());
        assertEquals(Json.parse("{\"sku\":\"MS-Champ-S\"}"), item.params());
        RouteInput.Item extra = RouteInput.fromRequest(DELETE, Json.parse("{\"force\":true}"), Map.of("sku", "x"));
        assertEquals("Parameter \"%fieldName\" is not accepted by this route. Accepted: %parameters.", extra.errors().get(0).message());
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) Json.parse(json);
    }

    @Test
    void lockKeyIsTheSkuCaseInsensitively() {
        assertEquals("product:ms-champ-s", ProductSchemas.lockKey(object("{\"sku\":\"MS-Champ-S\"}")));
        assertEquals("product:ms-champ-s", POST.lockKey().orElseThrow().of(object("{\"product\":{\"sku\":\"MS-Champ-S\"}}")));
        assertEquals(PUT.lockKey().orElseThrow().of(object("{\"sku\":\"ABC\",\"product\":{\"sku\":\"ABC\"}}")),
                DELETE.lockKey().orElseThrow().of(object("{\"sku\":\"abc\"}")));
    }

    @Test
    void productTypesAreTheSupportedOnes() {
        assertEquals(List.of("simple", "virtual", "configurable"), ProductSchemas.TYPES);
        for (String type : ProductSchemas.TYPES) {
            assertTrue(RouteInput.fromRequest(POST, Json.parse("{\"product\":{\"sku\":\"a\",\"type_id\":\"" + type + "\"}}"), Map.of())
                    .valid(), type);
        }
    }

    /** Parsed back from its serialization, so numbers compare by value whatever node type held them. */
    private static JsonNode reparsed(JsonNode node) {
        return Json.parse(Json.string(node));
    }
}
