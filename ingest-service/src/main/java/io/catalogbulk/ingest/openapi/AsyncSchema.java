package io.catalogbulk.ingest.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.CustomAttributesType;
import io.catalogbulk.core.input.Field;
import io.catalogbulk.core.input.InputType;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.BodyParam;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;

/**
 * Magento's {@code GET /rest[/<store>|/all]/async/schema?services=all}: an OpenAPI 3 document of every
 * asynchronous and bulk route and nothing else (no GET paths, only 202 answers), derived from the route
 * declarations. Request bodies are typed from the declared input; a bulk body is an array of items, each the
 * sync body plus the former path parameters.
 */
public final class AsyncSchema {

    static final String ACCEPTED = "AsyncResponse";
    static final String ERROR = "Error";

    private AsyncSchema() {
    }

    /** What {@code ?services=} accepts: {@code all}, or Magento service names such as {@code catalogProductRepositoryV1}. */
    static final java.util.regex.Pattern SERVICE_NAME = java.util.regex.Pattern.compile("[a-zA-Z\\d]+V\\d+");

    /** Magento's name of a service in the schema request: {@code Magento\\Catalog\\Api\\ProductRepositoryInterface} gives catalogProductRepositoryV1. */
    public static String serviceName(RouteDeclaration route) {
        String[] parts = route.service().serviceClass().split("\\\\");
        String module = parts[1];
        String name = parts[parts.length - 1];
        if (name.endsWith("Interface")) {
            name = name.substring(0, name.length() - "Interface".length());
        }
        return Character.toLowerCase(module.charAt(0)) + module.substring(1) + name + "V1";
    }

    /**
     * @param services {@code all} (or null), or a comma-separated list of service names
     * @return null when the list is malformed
     */
    public static java.util.function.Predicate<RouteDeclaration> serviceFilter(String services) {
        if (services == null || services.isBlank() || services.equals("all")) {
            return route -> true;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String name : services.split(",")) {
            if (!SERVICE_NAME.matcher(name.trim()).matches()) {
                return null;
            }
            names.add(name.trim());
        }
        return route -> names.contains(serviceName(route));
    }

    /** Every async route of the table. */
    public static ObjectNode document(RouteTable table, String serverUrl) {
        return document(table, serverUrl, route -> true);
    }

    /** @param serverUrl the base the paths are relative to, e.g. {@code /rest/all} */
    public static ObjectNode document(RouteTable table, String serverUrl, java.util.function.Predicate<RouteDeclaration> services) {
        ObjectNode doc = Json.NODES.objectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Asynchronous and bulk Web API");
        info.put("version", "1.0");
        info.put("description", "Every asynchronous and bulk route; each answers 202 with the accepted bulk. Follow a bulk"
                + " with GET /rest/V1/bulk/{bulk_uuid}/status.");
        doc.putArray("servers").addObject().put("url", serverUrl);
        ObjectNode components = Json.NODES.objectNode();
        ObjectNode schemas = components.putObject("schemas");
        schemas.set(ACCEPTED, acceptedSchema());
        schemas.set(ERROR, errorSchema());
        components.putObject("securitySchemes").putObject("bearerAuth").put("type", "http").put("scheme", "bearer");

        Map<String, ObjectNode> paths = new TreeMap<>();
        for (RouteDeclaration route : table.routes()) {
            if (!route.asyncAllowed() || !services.test(route)) {
                continue;
            }
            String method = route.method().name().toLowerCase();
            paths.computeIfAbsent("/async" + route.path().openApiPath(), p -> Json.NODES.objectNode())
                    .set(method, operation(route, schemas, false));
            paths.computeIfAbsent("/async/bulk" + route.bulkPath(), p -> Json.NODES.objectNode())
                    .set(method, operation(route, schemas, true));
        }
        ObjectNode pathsNode = doc.putObject("paths");
        paths.forEach(pathsNode::set);
        doc.set("components", components);
        return doc;
    }

    private static ObjectNode operation(RouteDeclaration route, ObjectNode schemas, boolean bulk) {
        ObjectNode op = Json.NODES.objectNode();
        op.putArray("tags").add(route.service().module());
        op.put("operationId", (bulk ? "bulk" : "async") + route.method().name().charAt(0)
                + route.method().name().substring(1).toLowerCase() + route.path().template().replaceAll("[^A-Za-z0-9]", "_"));
        op.put("summary", route.summary() + (bulk ? " (bulk: one operation per array element)" : " (asynchronous)"));
        op.put("description", "Service " + route.service().display() + "; ACL resource " + route.aclResource()
                + "; topic " + route.topic());
        op.putArray("security").addObject().putArray("bearerAuth");
        if (!bulk && !route.path().params().isEmpty()) {
            ArrayNode parameters = op.putArray("parameters");
            for (String param : route.path().params()) {
                ObjectNode p = parameters.addObject();
                p.put("name", param);
                p.put("in", "path");
                p.put("required", true);
                p.set("schema", schema(route.pathParamType(param), schemas));
            }
        }
        ObjectNode body = bodySchema(route, schemas, bulk);
        if (body != null) {
            ObjectNode requestBody = op.putObject("requestBody");
            requestBody.put("required", bulk || route.bodyParams().stream().anyMatch(BodyParam::required));
            ObjectNode schema = bulk ? array(body).put("minItems", 1) : body;
            requestBody.putObject("content").putObject("application/json").set("schema", schema);
        }
        ObjectNode responses = op.putObject("responses");
        responses.set("202", response("Accepted: stored and queued", ACCEPTED));
        responses.set("400", response(bulk ? "Invalid input: nothing of the bulk is stored" : "Invalid input", ERROR));
        responses.set("401", response("Missing or invalid token, or the token lacks the route's ACL resource", ERROR));
        responses.set("413", response("Body or bulk larger than the configured limits", ERROR));
        responses.set("503", response("Database or broker unavailable; nothing stored; see Retry-After", ERROR));
        return op;
    }

    /** The body of one item: body parameters, plus (bulk) the former path parameters; null when there is none. */
    static ObjectNode bodySchema(RouteDeclaration route, ObjectNode schemas, boolean withPathParams) {
        ObjectNode body = object();
        ObjectNode properties = Json.NODES.objectNode();
        List<String> required = new ArrayList<>();
        if (withPathParams) {
            for (String param : route.path().params()) {
                properties.set(param, schema(route.pathParamType(param), schemas));
                required.add(param);
            }
        }
        for (BodyParam param : route.bodyParams()) {
            properties.set(param.name(), schema(param.type(), schemas));
            if (param.required()) {
                required.add(param.name());
            }
        }
        if (properties.isEmpty()) {
            return withPathParams ? body.put("additionalProperties", false) : null;
        }
        body.set("properties", properties);
        if (!required.isEmpty()) {
            ArrayNode list = body.putArray("required");
            required.forEach(list::add);
        }
        return body.put("additionalProperties", false);
    }

    static ObjectNode schema(InputType type, ObjectNode schemas) {
        if (type instanceof ScalarType scalar) {
            return switch (scalar) {
                case STRING -> typed("string");
                case INT -> typed("integer");
                case FLOAT -> typed("number");
                case BOOL -> typed("boolean");
                case MIXED -> Json.NODES.objectNode().put("description", "Any scalar, or an array of scalars");
            };
        }
        if (type instanceof ListType list) {
            return array(schema(list.element(), schemas));
        }
        if (type instanceof CustomAttributesType) {
            ObjectNode item = object();
            ObjectNode properties = item.putObject("properties");
            properties.set("attribute_code", typed("string"));
            properties.putObject("value").put("description", "Any scalar, or an array of scalars");
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
                    ObjectNode property = schema(field.type(), schemas);
                    if (field.description() != null && !property.has("$ref")) {
                        property.put("description", field.description());
                    }
                    properties.set(field.name(), property);
                    if (field.required()) {
                        required.add(field.name());
                    }
                }
                component.set("properties", properties);
                if (!required.isEmpty()) {
                    ArrayNode list = component.putArray("required");
                    required.forEach(list::add);
                }
                component.put("additionalProperties", false);
            }
            return Json.NODES.objectNode().put("$ref", "#/components/schemas/" + name);
        }
        // A new kind of input type must be described here before any route may use it.
        throw new IllegalStateException("No OpenAPI schema for input type " + type.getClass().getName());
    }

    private static ObjectNode response(String description, String component) {
        ObjectNode response = Json.NODES.objectNode().put("description", description);
        response.putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/" + component);
        return response;
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

    private static ObjectNode errorSchema() {
        ObjectNode out = object();
        ObjectNode properties = out.putObject("properties");
        properties.set("message", typed("string").put("description", "Raw message with %placeholders"));
        ObjectNode error = object();
        error.putObject("properties").set("message", typed("string"));
        properties.set("errors", array(error));
        properties.putObject("parameters").put("description", "Object (named) or array (positional) of placeholder values");
        out.putArray("required").add("message");
        return out;
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
