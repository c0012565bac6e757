package io.catalogbulk.ingest.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.CustomAttributesType;
import io.catalogbulk.core.input.Field;
import io.catalogbulk.core.input.InputType;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.BodyParam;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.ingest.idempotency.IdempotentRequest;

/**
 * The one walk of the route declarations into OpenAPI: paths, operations and the component schemas they refer
 * to, as OpenAPI JSON. Both published documents are this walk: {@link AsyncSchema} (Magento's
 * {@code /async/schema}: the async and bulk families) writes it out as it is, {@link RouteOpenApiFilter}
 * ({@code /q/openapi}: all three families) turns it into the MicroProfile model. Schemas are written so that
 * they mean the same in OpenAPI 3.0 and 3.1: nothing stands beside a {@code $ref} (3.0 ignores it).
 */
final class RouteOpenApi {

    /** The three routes each declaration gives: synchronous, asynchronous (one operation, 202), bulk (an array, 202). */
    enum Family { SYNC, ASYNC, BULK }

    static final String ACCEPTED = "AsyncResponse";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String ERROR = "Error";
    static final String BEARER = "bearerAuth";

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String ANY_VALUE = "Any scalar, or an array of scalars";

    private final ObjectNode schemas = Json.NODES.objectNode();
    private final Map<String, ObjectNode> paths = new TreeMap<>();

    private RouteOpenApi() {
    }

    /**
     * @param pathPrefix what goes before each route's own path ({@code /rest}, or nothing when the document's
     *                   server names it)
     * @param families   which of each route's families to describe
     * @param selected   which routes to describe
     * @return the {@code paths} and {@code components} members of an OpenAPI document
     */
    static ObjectNode walk(RouteTable table, String pathPrefix, Set<Family> families, Predicate<RouteDeclaration> selected) {
        RouteOpenApi walk = new RouteOpenApi();
        walk.schemas.set(ACCEPTED, acceptedSchema());
        walk.schemas.set(ERROR, errorSchema());
        for (RouteDeclaration route : table.routes()) {
            if (!selected.test(route)) {
                continue;
            }
            if (families.contains(Family.SYNC)) {
                walk.add(pathPrefix + route.path().openApiPath(), route, Family.SYNC);
            }
            if (route.asyncAllowed()) {
                if (families.contains(Family.ASYNC)) {
                    walk.add(pathPrefix + "/async" + route.path().openApiPath(), route, Family.ASYNC);
                }
                if (families.contains(Family.BULK)) {
                    walk.add(pathPrefix + "/async/bulk" + route.bulkPath(), route, Family.BULK);
                }
            }
        }
        ObjectNode out = Json.NODES.objectNode();
        ObjectNode pathsNode = out.putObject("paths");
        walk.paths.forEach(pathsNode::set);
        ObjectNode components = out.putObject("components");
        components.set("schemas", walk.schemas);
        components.putObject("securitySchemes").putObject(BEARER)
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "Token from POST /rest/V1/integration/admin/token");
        return out;
    }

    private void add(String path, RouteDeclaration route, Family family) {
        paths.computeIfAbsent(path, p -> Json.NODES.objectNode())
                .set(route.method().name().toLowerCase(), operation(route, family));
    }

    private ObjectNode operation(RouteDeclaration route, Family family) {
        ObjectNode op = Json.NODES.objectNode();
        op.put("operationId", route.method().name().toLowerCase() + family.name().charAt(0)
                + family.name().substring(1).toLowerCase() + route.path().template().replaceAll("[^A-Za-z0-9]", "_"));
        op.putArray("tags").add(route.service().module());
        op.put("summary", switch (family) {
            case SYNC -> route.summary();
            case ASYNC -> route.summary() + " (asynchronous)";
            case BULK -> route.summary() + " (bulk: one operation per array element)";
        });
        op.put("description", "Service " + route.service().display() + "; ACL resource " + route.aclResource()
                + (route.asyncAllowed() ? "; topic " + route.topic() : "")
                + ". Prefix the path with a store code (/rest/<store>/...) or 'all' to choose the store scope."
                + (family != Family.SYNC && route.lockKey().isPresent()
                        ? " Operations on the same entity take effect in the order they were accepted, across requests." : ""));
        if (!route.anonymous()) {
            op.putArray("security").addObject().putArray(BEARER);
        }
        ArrayNode parameters = Json.NODES.arrayNode();
        if (family != Family.BULK) {
            for (String param : route.path().params()) {
                parameters.addObject().put("name", param).put("in", "path").put("required", true)
                        .set("schema", schema(route.pathParamType(param)));
            }
        }
        if (family != Family.SYNC) {
            parameters.addObject().put("name", IDEMPOTENCY_KEY).put("in", "header").put("required", false)
                    .put("description", "A client's key for this request (IETF httpapi Idempotency-Key): the same key with the"
                            + " same request within the retention window answers the first 202 again (same bulk_uuid, header"
                            + " Idempotent-Replayed: true) and stores nothing; scoped per principal; 1 to "
                            + IdempotentRequest.MAX_KEY_LENGTH + " characters.")
                    .set("schema", typed("string"));
        }
        if (family == Family.SYNC) {
            route.queryParams().forEach((name, type) -> parameters.addObject().put("name", name).put("in", "query")
                    .put("required", false).set("schema", schema(type)));
            if (route.searchCriteria()) {
                parameters.addObject().put("name", "searchCriteria").put("in", "query").put("required", true)
                        .put("description", "Magento searchCriteria: searchCriteria[filter_groups][0][filters][0][field]=sku&"
                                + "searchCriteria[filter_groups][0][filters][0][value]=MS%25&"
                                + "searchCriteria[filter_groups][0][filters][0][condition_type]=like&searchCriteria[page_size]=20"
                                + " (searchCriteria= alone lists everything)")
                        .put("style", "deepObject").put("explode", true).set("schema", object());
            }
        }
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        ObjectNode body = route.method() == HttpMethod.GET ? null : bodySchema(route, family == Family.BULK);
        if (body != null) {
            ObjectNode requestBody = op.putObject("requestBody");
            requestBody.put("required", family == Family.BULK || route.bodyParams().stream().anyMatch(BodyParam::required));
            // A bulk holds at least one item: an empty array is refused like a malformed one.
            json(requestBody, family == Family.BULK ? array(body).put("minItems", 1) : body);
        }
        ObjectNode responses = op.putObject("responses");
        if (family == Family.SYNC) {
            responses.putObject("200").put("description", "What the service method returns");
        } else {
            response(responses, "202", "Accepted: stored and queued; follow it with GET /rest/V1/bulk/{bulk_uuid}/status", ACCEPTED);
        }
        response(responses, "400", family == Family.BULK ? "Invalid input: nothing of the bulk is stored" : "Invalid input", ERROR);
        if (!route.anonymous()) {
            response(responses, "401", "Missing or invalid token, or the token lacks the route's ACL resource", ERROR);
        }
        if (family == Family.SYNC) {
            response(responses, "404", "No such entity, or no such route", ERROR);
        } else {
            response(responses, "409", "A request with the same Idempotency-Key is still being stored; retry later", ERROR);
            response(responses, "413", "Body or bulk larger than the configured limits", ERROR);
            response(responses, "422", "The Idempotency-Key was used for a different request", ERROR);
            response(responses, "503", "Database or broker unavailable; nothing stored; see Retry-After", ERROR);
        }
        return op;
    }

    /**
     * The body of one item: body parameters, plus (bulk) the former path parameters. Null when a single call
     * takes no body; a bulk item always is an object, even an empty one.
     */
    private ObjectNode bodySchema(RouteDeclaration route, boolean withPathParams) {
        ObjectNode body = object();
        ObjectNode properties = Json.NODES.objectNode();
        List<String> required = new ArrayList<>();
        if (withPathParams) {
            for (String param : route.path().params()) {
                properties.set(param, schema(route.pathParamType(param)));
                required.add(param);
            }
        }
        for (BodyParam param : route.bodyParams()) {
            properties.set(param.name(), schema(param.type()));
            if (param.required()) {
                required.add(param.name());
            }
        }
        if (properties.isEmpty() && !withPathParams) {
            return null;
        }
        if (!properties.isEmpty()) {
            body.set("properties", properties);
        }
        required(body, required);
        return body.put("additionalProperties", false);
    }

    /** The schema of an input type; an object type becomes a component (once) and a reference to it. */
    private ObjectNode schema(InputType type) {
        if (type instanceof ScalarType scalar) {
            return switch (scalar) {
                case STRING -> typed("string");
                case INT -> typed("integer");
                case FLOAT -> typed("number");
                case BOOL -> typed("boolean");
                case MIXED -> Json.NODES.objectNode().put("description", ANY_VALUE);
            };
        }
        if (type instanceof ListType list) {
            return array(schema(list.element()));
        }
        if (type instanceof CustomAttributesType) {
            ObjectNode item = object();
            ObjectNode properties = item.putObject("properties");
            properties.set("attribute_code", typed("string"));
            properties.putObject("value").put("description", ANY_VALUE);
            item.putArray("required").add("attribute_code").add("value");
            return array(item);
        }
        if (type instanceof ObjectSchema object) {
            String name = object.componentName();
            if (!schemas.has(name)) {
                ObjectNode component = object().put("description", object.interfaceName());
                // Registered before its fields, so a schema that refers to itself ends.
                schemas.set(name, component);
                ObjectNode properties = Json.NODES.objectNode();
                List<String> required = new ArrayList<>();
                for (Field field : object.fields().values()) {
                    properties.set(field.name(), described(schema(field.type()), field.description()));
                    if (field.required()) {
                        required.add(field.name());
                    }
                }
                if (!properties.isEmpty()) {
                    component.set("properties", properties);
                }
                required(component, required);
                component.put("additionalProperties", false);
            }
            return ref(name);
        }
        // A new kind of input type must be described here before any route may use it.
        throw new IllegalStateException("No OpenAPI schema for input type " + type.getClass().getName());
    }

    /** A field's description; beside a $ref it would be ignored (OpenAPI 3.0), so the reference is wrapped in allOf. */
    static ObjectNode described(ObjectNode schema, String description) {
        if (description == null) {
            return schema;
        }
        if (schema.has("$ref")) {
            ObjectNode wrapper = Json.NODES.objectNode().put("description", description);
            wrapper.putArray("allOf").add(schema);
            return wrapper;
        }
        return schema.put("description", description);
    }

    private static ObjectNode acceptedSchema() {
        ObjectNode item = object();
        ObjectNode itemProperties = item.putObject("properties");
        itemProperties.set("id", typed("integer").put("description", "Index of the item in the request"));
        itemProperties.set("data_hash", typed("string").put("description", "SHA-256 of the stored data"));
        ObjectNode status = typed("string");
        status.putArray("enum").add("accepted").add("rejected");
        itemProperties.set("status", status);
        itemProperties.set("error_message", typed("string"));
        itemProperties.set("error_code", typed("integer"));
        item.putArray("required").add("id").add("data_hash").add("status");
        ObjectNode out = object();
        ObjectNode properties = out.putObject("properties");
        properties.set("bulk_uuid", typed("string").put("format", "uuid"));
        properties.set("request_items", array(item));
        properties.set("errors", typed("boolean"));
        out.putArray("required").add("bulk_uuid").add("request_items").add("errors");
        return out;
    }

    /** Magento's error body (ErrorBodies): message, the invalid bulk items, placeholder parameters. */
    private static ObjectNode errorSchema() {
        ObjectNode error = object();
        ObjectNode errorProperties = error.putObject("properties");
        errorProperties.set("message", typed("string"));
        errorProperties.putObject("parameters");
        errorProperties.set("index", typed("integer").put("description", "Bulk item the error belongs to"));
        ObjectNode out = object();
        ObjectNode properties = out.putObject("properties");
        properties.set("message", typed("string").put("description", "Raw message with %placeholders"));
        properties.set("errors", array(error));
        properties.putObject("parameters").put("description", "Object (named) or array (positional) of placeholder values");
        out.putArray("required").add("message");
        return out;
    }

    private static void response(ObjectNode responses, String status, String description, String component) {
        json(responses.putObject(status).put("description", description), ref(component));
    }

    private static void json(ObjectNode target, ObjectNode schema) {
        target.putObject("content").putObject("application/json").set("schema", schema);
    }

    private static void required(ObjectNode schema, List<String> required) {
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
    }

    private static ObjectNode ref(String component) {
        return Json.NODES.objectNode().put("$ref", SCHEMAS + component);
    }

    private static ObjectNode object() {
        return typed("object");
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode array = typed("array");
        array.set("items", items);
        return array;
    }

    private static ObjectNode typed(String type) {
        return Json.NODES.objectNode().put("type", type);
    }
}
