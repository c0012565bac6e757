package io.catalogbulk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.PathTemplate;
import io.catalogbulk.core.route.RequestFamily;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;

/** The routes around products: what each declares, and the rules checked before anything is stored. */
class ProductFeatureRoutesTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};

    private final RouteTable table = RouteTable.of(CatalogRoutes.ALL);

    private static RouteDeclaration route(String name) {
        return CatalogRoutes.ALL.stream().filter(r -> r.toString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + name));
    }

    private static List<String> errors(String route, String body) {
        return RouteInput.fromBulkItem(route(route), Json.parse(body)).errors().stream().map(Phrase::render).toList();
    }

    @Test
    void asyncRoutesAndTheirTopicsAndBulkPaths() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("POST /V1/products/:sku/media", "async.catalog.productattributemediagallery.create.post /V1/products/bySku/media");
        expected.put("PUT /V1/products/:sku/media/:entryId",
                "async.catalog.productattributemediagallery.update.put /V1/products/bySku/media/byEntryId");
        expected.put("DELETE /V1/products/:sku/media/:entryId",
                "async.catalog.productattributemediagallery.remove.delete /V1/products/bySku/media/byEntryId");
        expected.put("POST /V1/products/attributes", "async.catalog.productattribute.save.post /V1/products/attributes");
        expected.put("POST /V1/products/attributes/:attributeCode/options",
                "async.catalog.productattributeoption.add.post /V1/products/attributes/byAttributeCode/options");
        expected.put("POST /V1/configurable-products/:sku/options",
                "async.configurableproduct.option.save.post /V1/configurable-products/bySku/options");
        expected.put("POST /V1/configurable-products/:sku/child",
                "async.configurableproduct.link.addchild.post /V1/configurable-products/bySku/child");
        expected.put("POST /V1/products/options", "async.catalog.productcustomoption.save.post /V1/products/options");
        expected.put("POST /V1/products/base-prices", "async.catalog.basepricestorage.update.post /V1/products/base-prices");
        expected.put("POST /V1/products/special-price", "async.catalog.specialpricestorage.update.post /V1/products/special-price");
        expected.put("POST /V1/inventory/source-items", "async.inventoryapi.sourceitemssave.execute.post /V1/inventory/source-items");
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
    void imagesAreCheckedAtIngest() {
        String good = Base64.getEncoder().encodeToString(PNG);
        String route = "POST /V1/products/:sku/media";
        assertEquals(List.of(), errors(route, "{\"sku\":\"a\",\"entry\":{\"media_type\":\"image\",\"types\":[\"image\"],"
                + "\"content\":{\"base64_encoded_data\":\"" + good + "\",\"type\":\"image/png\",\"name\":\"tee.png\"}}}"));
        assertEquals(List.of("The image content must be valid base64 encoded data."),
                errors(route, "{\"sku\":\"a\",\"entry\":{\"content\":{\"base64_encoded_data\":\"not*base64!\",\"type\":\"image/png\",\"name\":\"a.png\"}}}"));
        assertEquals(List.of("The image MIME type is not valid or not supported."),
                errors(route, "{\"sku\":\"a\",\"entry\":{\"content\":{\"base64_encoded_data\":\"" + good + "\",\"type\":\"image/bmp\",\"name\":\"a.bmp\"}}}"));
        assertEquals(List.of("The image content is not a image/jpeg image: its bytes do not match its declared MIME type."),
                errors(route, "{\"sku\":\"a\",\"entry\":{\"content\":{\"base64_encoded_data\":\"" + good + "\",\"type\":\"image/jpeg\",\"name\":\"a.jpg\"}}}"));
        assertEquals(List.of("\"content\" is required. Enter and try again."), errors(route, "{\"sku\":\"a\",\"entry\":{\"label\":\"x\"}}"));
        // An update may leave the image as it is.
        assertEquals(List.of(), errors("PUT /V1/products/:sku/media/:entryId", "{\"sku\":\"a\",\"entryId\":3,\"entry\":{\"label\":\"x\"}}"));
    }

    @Test
    void attributeAndOptionRules() {
        assertEquals(List.of(), errors("POST /V1/products/attributes",
                "{\"attribute\":{\"attribute_code\":\"size\",\"frontend_input\":\"select\",\"default_frontend_label\":\"Size\","
                        + "\"options\":[{\"label\":\"S\"}]}}"));
        assertTrue(errors("POST /V1/products/attributes",
                "{\"attribute\":{\"attribute_code\":\"9size\",\"frontend_input\":\"select\",\"default_frontend_label\":\"Size\"}}")
                .get(0).startsWith("Attribute code \"9size\" is invalid."));
        assertEquals(List.of("\"frontend_label\" is required. Enter and try again."), errors("POST /V1/products/attributes",
                "{\"attribute\":{\"attribute_code\":\"size\",\"frontend_input\":\"select\"}}"));
        assertEquals(List.of("Option values are not specified."), errors("POST /V1/configurable-products/:sku/options",
                "{\"sku\":\"p\",\"option\":{\"attribute_id\":\"1000\",\"label\":\"Size\",\"values\":[]}}"));
        assertEquals(List.of("\"childSku\" is required. Enter and try again."),
                errors("POST /V1/configurable-products/:sku/child", "{\"sku\":\"p\"}"));
        assertEquals(List.of("A \"drop_down\" option needs values. Add at least one value and try again."),
                errors("POST /V1/products/options", "{\"option\":{\"product_sku\":\"p\",\"title\":\"Gift\",\"type\":\"drop_down\"}}"));
    }

    @Test
    void lockKeysFollowTheProduct() {
        assertEquals("product:a-1", route("POST /V1/products/base-prices").lockKey().orElseThrow()
                .of((com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(
                        "{\"prices\":[{\"sku\":\"B-2\"},{\"sku\":\"A-1\"}]}")));
        assertEquals("product:tee", route("POST /V1/products/options").lockKey().orElseThrow()
                .of((com.fasterxml.jackson.databind.node.ObjectNode) Json.parse("{\"option\":{\"product_sku\":\"Tee\"}}")));
        Map<String, Long> byFirstSegment = CatalogRoutes.ALL.stream()
                .collect(Collectors.groupingBy(r -> r.path().template().split("/")[2], Collectors.counting()));
        assertTrue(byFirstSegment.get("products") >= 13, byFirstSegment.toString());
    }
}
