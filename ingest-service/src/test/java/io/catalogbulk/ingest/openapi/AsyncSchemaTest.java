package io.catalogbulk.ingest.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.BodyParam;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.ingest.RouteTableProducer;

/** The async schema against the route table: every async route has a typed async and bulk operation, nothing else is there. */
class AsyncSchemaTest {

    private final RouteTable table = RouteTableProducer.routes();
    private final ObjectNode doc = AsyncSchema.document(table, "/rest/all");

    private List<RouteDeclaration> asyncRoutes() {
        return table.routes().stream().filter(RouteDeclaration::asyncAllowed).toList();
    }

    @Test
    void everyAsyncRouteHasAnAsyncAndABulkOperation() {
        JsonNode paths = doc.get("paths");
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
            operations += path.getValue().size();
        }
        assertEquals(2 * asyncRoutes().size(), operations, "one async and one bulk operation per async route, nothing else");
        for (RouteDeclaration route : asyncRoutes()) {
            String method = route.method().name().toLowerCase();
            JsonNode async = paths.path("/async" + route.path().openApiPath()).get(method);
            JsonNode bulk = paths.path("/async/bulk" + route.bulkPath()).get(method);
            assertNotNull(async, route + " async");
            assertNotNull(bulk, route + " bulk");
            for (JsonNode op : List.of(async, bulk)) {
                assertEquals("#/components/schemas/AsyncResponse",
                        op.at("/responses/202/content/application~1json/schema/$ref").asText(), route.toString());
                assertFalse(op.path("responses").has("200"), route + " answers 202 only on success");
            }
            assertEquals(route.path().params().size() + 1, async.path("parameters").size(), route + " path parameters and the key");
            for (JsonNode op : List.of(async, bulk)) {
                JsonNode key = op.path("parameters").get(op.path("parameters").size() - 1);
                assertEquals("Idempotency-Key", key.path("name").asText(), route.toString());
                assertEquals("header", key.path("in").asText(), route.toString());
                assertTrue(op.path("responses").has("409") && op.path("responses").has("422"), route + " key conflicts documented");
                assertEquals(route.lockKey().isPresent(), op.path("description").asText().contains("order they were accepted"),
                        route + " per-entity order stated where the route has an entity");
            }
            JsonNode bulkBody = bulk.at("/requestBody/content/application~1json/schema");
            assertEquals("array", bulkBody.path("type").asText(), route + " bulk body is an array");
            for (String param : route.path().params()) {
                assertTrue(bulkBody.at("/items/properties").has(param), route + " bulk item carries " + param);
            }
            for (BodyParam param : route.bodyParams()) {
                JsonNode asyncProperty = async.at("/requestBody/content/application~1json/schema/properties/" + param.name());
                assertTyped(asyncProperty, route + " " + param.name());
                assertTyped(bulkBody.at("/items/properties/" + param.name()), route + " bulk " + param.name());
                if (param.required()) {
                    assertTrue(contains(async.at("/requestBody/content/application~1json/schema/required"), param.name()));
                }
            }
        }
    }

    @Test
    void noGetPathsAndEveryReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            String name = ref.substring("#/components/schemas/".length());
            assertTrue(doc.at("/components/schemas").has(name), "unresolved " + ref);
        }
        doc.get("paths").forEach(item -> assertNull(item.get("get")));
        assertEquals("/rest/all", doc.at("/servers/0/url").asText());
        assertEquals("3.0.3", doc.get("openapi").asText());
    }

    @Test
    void componentsTypeEveryFieldOfTheirInterface() {
        JsonNode page = doc.at("/components/schemas/CmsDataPageInterface/properties");
        assertEquals("string", page.at("/identifier/type").asText());
        assertEquals("boolean", page.at("/active/type").asText());
        JsonNode item = doc.at("/components/schemas/QuoteDataCartItemInterface");
        assertEquals("number", item.at("/properties/qty/type").asText());
        assertTrue(contains(item.get("required"), "qty"));
        assertEquals("array", doc.at("/components/schemas/CatalogDataCategoryInterface/properties/custom_attributes/type").asText());
    }

    @Test
    void servicesNarrowTheDocument() {
        ObjectNode pages = AsyncSchema.document(table, "/rest", AsyncSchema.serviceFilter("cmsPageRepositoryV1"));
        assertTrue(pages.get("paths").has("/async/bulk/V1/cmsPage/byPageId"));
        assertFalse(pages.get("paths").has("/async/V1/products"));
        assertNull(AsyncSchema.serviceFilter("not a service"));
        assertEquals("catalogProductRepositoryV1", AsyncSchema.serviceName(table.routes().get(0)));
    }

    @Test
    void aBulkIsAlwaysANonEmptyArrayOfObjectsEvenForARouteWithoutInput() {
        // POST /V1/carts takes no body; its bulk still is an array with one (empty) object per operation.
        JsonNode bulk = doc.at("/paths/~1async~1bulk~1V1~1carts/post/requestBody");
        assertTrue(bulk.path("required").asBoolean());
        JsonNode schema = bulk.at("/content/application~1json/schema");
        assertEquals("array", schema.path("type").asText());
        assertEquals(1, schema.path("minItems").asInt());
        assertEquals("object", schema.at("/items/type").asText());
        assertFalse(schema.at("/items/additionalProperties").asBoolean(true));
        assertTrue(doc.at("/paths/~1async~1V1~1carts/post/requestBody").isMissingNode(), "a single call takes no body");
    }

    @Test
    void nothingStandsBesideAReference() {
        List<JsonNode> refs = new ArrayList<>();
        collectRefNodes(doc, refs);
        for (JsonNode ref : refs) {
            assertEquals(1, ref.size(), "OpenAPI 3.0 ignores what stands beside a $ref: " + ref);
        }
    }

    @Test
    void aDescribedObjectFieldKeepsItsDescriptionInAnAllOfAroundTheReference() {
        ObjectSchema dimensions = ObjectSchema.named("Vendor\\Shipping\\Api\\Data\\DimensionsInterface")
                .field("height", ScalarType.FLOAT)
                .build();
        ObjectSchema parcel = ObjectSchema.named("Vendor\\Shipping\\Api\\Data\\ParcelInterface")
                .described("weight", ScalarType.FLOAT, "Kilograms")
                .described("dimensions", dimensions, "Outer dimensions in centimetres")
                .build();
        RouteTable parcels = RouteTable.of(List.of(RouteDeclaration.route(HttpMethod.POST, "/V1/parcels")
                .service("Vendor\\Shipping\\Api\\ParcelRepositoryInterface", "save")
                .acl(AclResource.root("Vendor_Shipping::parcels"))
                .summary("Save a parcel")
                .requiredBody("parcel", parcel)
                .handledBy(Object.class, (service, context, params) -> Json.NODES.nullNode())));
        JsonNode properties = AsyncSchema.document(parcels, "/rest").at("/components/schemas/ShippingDataParcelInterface/properties");
        assertEquals("number", properties.at("/weight/type").asText());
        assertEquals("Kilograms", properties.at("/weight/description").asText());
        JsonNode described = properties.get("dimensions");
        assertEquals("Outer dimensions in centimetres", described.path("description").asText());
        assertFalse(described.has("$ref"), described.toString());
        assertEquals("#/components/schemas/ShippingDataDimensionsInterface", described.at("/allOf/0/$ref").asText());
        assertEquals(1, described.path("allOf").size());
    }

    private static void assertTyped(JsonNode property, String what) {
        assertFalse(property.isMissingNode(), what + " missing");
        assertTrue(property.has("type") || property.has("$ref"), what + " has no type: " + property);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode node : array) {
            if (node.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static void collectRefNodes(JsonNode node, List<JsonNode> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node);
        }
        node.forEach(child -> collectRefNodes(child, refs));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                refs.add(node.get("$ref").asText());
            }
            node.forEach(child -> collectRefs(child, refs));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    @Test
    void theDocumentStatesTheFiveClientGuarantees() {
        String description = doc.at("/info/description").asText();
        for (String guarantee : List.of("Idempotency-Key", "order they were accepted", "/cancel", "/V1/bulk/webhooks", "/events")) {
            assertTrue(description.contains(guarantee), guarantee + " in " + description);
        }
    }
}
