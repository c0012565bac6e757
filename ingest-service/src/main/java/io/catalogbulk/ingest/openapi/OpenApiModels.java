package io.catalogbulk.ingest.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAPI JSON as {@link RouteOpenApi} writes it, turned into the MicroProfile OpenAPI model, member by member.
 * It knows OpenAPI, not routes. A member it does not know fails the build of the document instead of being
 * dropped, so the two documents cannot drift apart again.
 */
final class OpenApiModels {

    private OpenApiModels() {
    }

    static PathItem pathItem(JsonNode json) {
        PathItem item = OASFactory.createPathItem();
        json.fields().forEachRemaining(method -> item.setOperation(
                PathItem.HttpMethod.valueOf(method.getKey().toUpperCase(Locale.ROOT)), operation(method.getValue())));
        return item;
    }

    static Operation operation(JsonNode json) {
        known(json, "operationId", "tags", "summary", "description", "security", "parameters", "requestBody", "responses");
        Operation operation = OASFactory.createOperation()
                .operationId(json.get("operationId").asText())
                .summary(json.get("summary").asText())
                .description(json.get("description").asText());
        json.path("tags").forEach(tag -> operation.addTag(tag.asText()));
        for (JsonNode requirement : json.path("security")) {
            SecurityRequirement security = OASFactory.createSecurityRequirement();
            requirement.fieldNames().forEachRemaining(security::addScheme);
            operation.addSecurityRequirement(security);
        }
        json.path("parameters").forEach(parameter -> operation.addParameter(parameter(parameter)));
        if (json.has("requestBody")) {
            JsonNode body = json.get("requestBody");
            known(body, "required", "content");
            operation.requestBody(OASFactory.createRequestBody().required(body.get("required").asBoolean())
                    .content(content(body.get("content"))));
        }
        APIResponses responses = OASFactory.createAPIResponses();
        json.get("responses").fields().forEachRemaining(response -> {
            known(response.getValue(), "description", "content");
            APIResponse answer = OASFactory.createAPIResponse().description(response.getValue().get("description").asText());
            if (response.getValue().has("content")) {
                answer.content(content(response.getValue().get("content")));
            }
            responses.addAPIResponse(response.getKey(), answer);
        });
        return operation.responses(responses);
    }

    private static Parameter parameter(JsonNode json) {
        known(json, "name", "in", "required", "description", "style", "explode", "schema");
        Parameter parameter = OASFactory.createParameter()
                .name(json.get("name").asText())
                .in(Parameter.In.valueOf(json.get("in").asText().toUpperCase(Locale.ROOT)))
                .required(json.get("required").asBoolean())
                .schema(schema(json.get("schema")));
        if (json.has("description")) {
            parameter.description(json.get("description").asText());
        }
        if (json.has("style")) {
            parameter.style(Parameter.Style.valueOf(json.get("style").asText().toUpperCase(Locale.ROOT)));
        }
        if (json.has("explode")) {
            parameter.explode(json.get("explode").asBoolean());
        }
        return parameter;
    }

    private static Content content(JsonNode json) {
        Content content = OASFactory.createContent();
        json.fields().forEachRemaining(media -> {
            known(media.getValue(), "schema");
            content.addMediaType(media.getKey(), OASFactory.createMediaType().schema(schema(media.getValue().get("schema"))));
        });
        return content;
    }

    static Schema schema(JsonNode json) {
        known(json, "$ref", "type", "format", "description", "properties", "required", "additionalProperties", "items",
                "enum", "minItems", "allOf");
        Schema schema = OASFactory.createSchema();
        if (json.has("$ref")) {
            schema.ref(json.get("$ref").asText());
        }
        if (json.has("type")) {
            schema.type(List.of(Schema.SchemaType.valueOf(json.get("type").asText().toUpperCase(Locale.ROOT))));
        }
        if (json.has("format")) {
            schema.format(json.get("format").asText());
        }
        if (json.has("description")) {
            schema.description(json.get("description").asText());
        }
        json.path("properties").fields().forEachRemaining(property -> schema.addProperty(property.getKey(), schema(property.getValue())));
        if (json.has("required")) {
            schema.required(texts(json.get("required")));
        }
        if (json.has("additionalProperties")) {
            schema.additionalPropertiesBoolean(json.get("additionalProperties").asBoolean());
        }
        if (json.has("items")) {
            schema.items(schema(json.get("items")));
        }
        if (json.has("enum")) {
            schema.enumeration(new ArrayList<>(texts(json.get("enum"))));
        }
        if (json.has("minItems")) {
            schema.minItems(json.get("minItems").asInt());
        }
        json.path("allOf").forEach(part -> schema.addAllOf(schema(part)));
        return schema;
    }

    static SecurityScheme securityScheme(JsonNode json) {
        known(json, "type", "scheme", "bearerFormat", "description");
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.valueOf(json.get("type").asText().toUpperCase(Locale.ROOT)))
                .scheme(json.get("scheme").asText())
                .bearerFormat(json.get("bearerFormat").asText())
                .description(json.get("description").asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static void known(JsonNode json, String... members) {
        Set<String> known = Set.of(members);
        json.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new IllegalStateException("OpenAPI member " + name + " has no MicroProfile model mapping here: " + json);
            }
        });
    }
}
