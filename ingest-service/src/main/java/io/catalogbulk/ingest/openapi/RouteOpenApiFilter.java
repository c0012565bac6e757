package io.catalogbulk.ingest.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

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
import io.catalogbulk.ingest.RouteTableProducer;

/**
 * Generates the OpenAPI paths of every route from the route declarations: the synchronous route, and for
 * each non-GET route its asynchronous (202) and bulk (202, array body) variants. Nothing is written by hand,
 * so the document cannot drift from what the service accepts.
 */
public class RouteOpenApiFilter implements OASFilter {

    private static final String JSON = "application/json";
    private static final String BEARER = "bearerAuth";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        RouteTable table = RouteTableProducer.routes();
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("Token from POST /rest/V1/integration/admin/token"));
        components.addSchema("Error", errorSchema());
        components.addSchema("AsyncResponse", asyncResponseSchema());
        Paths paths = openAPI.getPaths() == null ? OASFactory.createPaths() : openAPI.getPaths();
        openAPI.setPaths(paths);

        Map<String, PathItem> items = new TreeMap<>();
        for (RouteDeclaration route : table.routes()) {
            String sync = "/rest" + route.path().openApiPath();
            add(items, sync, route.method(), operation(route, components, Family.SYNC));
            if (route.asyncAllowed()) {
                add(items, "/rest/async" + route.path().openApiPath(), route.method(), operation(route, components, Family.ASYNC));
                add(items, "/rest/async/bulk" + route.bulkPath(), route.method(), operation(route, components, Family.BULK));
            }
        }
        items.forEach(paths::addPathItem);
    }

    private enum Family { SYNC, ASYNC, BULK }

    private static void add(Map<String, PathItem> items, String path, HttpMethod method, Operation operation) {
        PathItem item = items.computeIfAbsent(path, p -> OASFactory.createPathItem());
        switch (method) {
            case GET -> item.setGET(operation);
            case POST -> item.setPOST(operation);
            case PUT -> item.setPUT(operation);
            case DELETE -> item.setDELETE(operation);
            case PATCH -> item.setPATCH(operation);
        }
    }

    private static Operation operation(RouteDeclaration route, Components components, Family family) {
        String tag = route.service().module();
        Operation operation = OASFactory.createOperation()
                .operationId(route.method().name().toLowerCase() + family.name().charAt(0)
                        + family.name().substring(1).toLowerCase() + route.path().template().replaceAll("[^A-Za-z0-9]", "_"))
                .addTag(tag)
                .summary(summary(route, family))
                .description("Service " + route.service().display() + "; ACL resource " + route.aclResource()
                        + (route.asyncAllowed() ? "; topic " + route.topic() : "")
                        + ". Prefix the path with a store code (/rest/<store>/...) or 'all' to choose the store scope.");
        if (!route.anonymous()) {
            operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(BEARER));
        }
        if (family != Family.BULK) {
            for (String param : route.path().params()) {
                operation.addParameter(OASFactory.createParameter().name(param).in(Parameter.In.PATH).required(true)
                        .schema(schema(route.pathParamType(param), components)));
            }
        }
        if (family == Family.SYNC) {
            route.queryParams().forEach((name, type) -> operation.addParameter(OASFactory.createParameter().name(name)
                    .in(Parameter.In.QUERY).required(false).schema(schema(type, components))));
            if (route.searchCriteria()) {
                operation.addParameter(OASFactory.createParameter().name("searchCriteria").in(Parameter.In.QUERY).required(true)
                        .description("Magento searchCriteria: searchCriteria[filter_groups][0][filters][0][field]=sku&"
                                + "searchCriteria[filter_groups][0][filters][0][value]=MS%25&"
                                + "searchCriteria[filter_groups][0][filters][0][condition_type]=like&searchCriteria[page_size]=20"
                                + " (searchCriteria= alone lists everything)")
                        .style(Parameter.Style.DEEPOBJECT).explode(true).schema(object()));
            }
        }
        Schema body = bodySchema(route, components, family == Family.BULK);
        if (body != null && route.method() != HttpMethod.GET) {
            operation.requestBody(OASFactory.createRequestBody().required(family == Family.BULK || hasRequired(route))
                    .content(OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType()
                            .schema(family == Family.BULK ? array(body) : body))));
        }
        APIResponses responses = OASFactory.createAPIResponses();
        if (family == Family.SYNC) {
            responses.addAPIResponse("200", OASFactory.createAPIResponse().description("What the service method returns"));
        } else {
            responses.addAPIResponse("202", OASFactory.createAPIResponse()
                    .description("Accepted: stored and queued; follow it with GET /rest/V1/bulk/{bulk_uuid}/status")
                    .content(json(ref("AsyncResponse"))));
        }
        responses.addAPIResponse("400", error("Invalid input (for a bulk: nothing of it is stored)"));
        if (!route.anonymous()) {
            responses.addAPIResponse("401", error("Missing or invalid token, or the token lacks the route's ACL resource"));
        }
        if (family == Family.SYNC) {
            responses.addAPIResponse("404", error("No such entity, or no such route"));
        } else {
            responses.addAPIResponse("413", error("Body or bulk larger than the configured limits"));
            responses.addAPIResponse("503", error("Database or broker unavailable; nothing stored; see Retry-After"));
        }
        return operation.responses(responses);
    }

    private static String summary(RouteDeclaration route, Family family) {
        return switch (family) {
            case SYNC -> route.summary();
            case ASYNC -> route.summary() + " (asynchronous)";
            case BULK -> route.summary() + " (bulk: one operation per array element)";
        };
    }

    private static boolean hasRequired(RouteDeclaration route) {
        return route.bodyParams().stream().anyMatch(BodyParam::required);
    }

    private static Schema bodySchema(RouteDeclaration route, Components components, boolean withPathParams) {
        Schema body = object();
        List<String> required = new ArrayList<>();
        if (withPathParams) {
            for (String param : route.path().params()) {
                body.addProperty(param, schema(route.pathParamType(param), components));
                required.add(param);
            }
        }
        for (BodyParam param : route.bodyParams()) {
            body.addProperty(param.name(), schema(param.type(), components));
            if (param.required()) {
                required.add(param.name());
            }
        }
        if (body.getProperties() == null || body.getProperties().isEmpty()) {
            return null;
        }
        if (!required.isEmpty()) {
            body.required(required);
        }
        return body.additionalPropertiesBoolean(false);
    }

    static Schema schema(InputType type, Components components) {
        if (type instanceof ScalarType scalar) {
            return switch (scalar) {
                case STRING -> typed(Schema.SchemaType.STRING);
                case INT -> typed(Schema.SchemaType.INTEGER);
                case FLOAT -> typed(Schema.SchemaType.NUMBER);
                case BOOL -> typed(Schema.SchemaType.BOOLEAN);
                case MIXED -> OASFactory.createSchema().description("Any scalar, or an array of scalars");
            };
        }
        if (type instanceof ListType list) {
            return array(schema(list.element(), components));
        }
        if (type instanceof CustomAttributesType) {
            return array(object()
                    .addProperty("attribute_code", typed(Schema.SchemaType.STRING))
                    .addProperty("value", OASFactory.createSchema().description("Any scalar, or an array of scalars"))
                    .required(List.of("attribute_code", "value")));
        }
        ObjectSchema object = (ObjectSchema) type;
        String name = object.componentName();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            Schema schema = object().description(object.interfaceName());
            components.addSchema(name, schema);
            List<String> required = new ArrayList<>();
            for (Field field : object.fields().values()) {
                Schema property = schema(field.type(), components);
                if (field.description() != null) {
                    property.description(field.description());
                }
                schema.addProperty(field.name(), property);
                if (field.required()) {
                    required.add(field.name());
                }
            }
            if (!required.isEmpty()) {
                schema.required(required);
            }
            schema.additionalPropertiesBoolean(false);
        }
        return ref(name);
    }

    private static Schema errorSchema() {
        return object()
                .addProperty("message", typed(Schema.SchemaType.STRING).description("Raw message with %placeholders"))
                .addProperty("errors", array(object()
                        .addProperty("message", typed(Schema.SchemaType.STRING))
                        .addProperty("parameters", OASFactory.createSchema())
                        .addProperty("index", typed(Schema.SchemaType.INTEGER).description("Bulk item the error belongs to"))))
                .addProperty("parameters", OASFactory.createSchema().description("Object (named) or array (positional) of placeholder values"))
                .required(List.of("message"));
    }

    private static Schema asyncResponseSchema() {
        return object()
                .addProperty("bulk_uuid", typed(Schema.SchemaType.STRING).format("uuid"))
                .addProperty("request_items", array(object()
                        .addProperty("id", typed(Schema.SchemaType.INTEGER).description("Index of the item in the request"))
                        .addProperty("data_hash", typed(Schema.SchemaType.STRING).description("SHA-256 of the stored data"))
                        .addProperty("status", typed(Schema.SchemaType.STRING).enumeration(List.of("accepted", "rejected")))
                        .addProperty("error_message", typed(Schema.SchemaType.STRING))))
                .addProperty("errors", typed(Schema.SchemaType.BOOLEAN))
                .required(List.of("bulk_uuid", "request_items", "errors"));
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse error(String description) {
        return OASFactory.createAPIResponse().description(description).content(json(ref("Error")));
    }

    private static Content json(Schema schema) {
        return OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType().schema(schema));
    }

    private static Schema ref(String component) {
        return OASFactory.createSchema().ref("#/components/schemas/" + component);
    }

    private static Schema object() {
        return typed(Schema.SchemaType.OBJECT);
    }

    private static Schema array(Schema items) {
        return typed(Schema.SchemaType.ARRAY).items(items);
    }

    private static Schema typed(Schema.SchemaType type) {
        return OASFactory.createSchema().type(List.of(type));
    }
}
