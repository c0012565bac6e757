package io.catalogbulk.ingest.openapi;

import java.util.EnumSet;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.ingest.RouteTableProducer;
import io.catalogbulk.ingest.openapi.RouteOpenApi.Family;

/**
 * The service's OpenAPI document ({@code /q/openapi}, Swagger UI): {@link RouteOpenApi}'s walk of every route in
 * its three families (synchronous, asynchronous, bulk) under {@code /rest}. Nothing is written by hand, so the
 * document cannot drift from what the service accepts.
 */
public class RouteOpenApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        JsonNode routes = RouteOpenApi.walk(RouteTableProducer.routes(), "/rest", EnumSet.allOf(Family.class), route -> true);
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        routes.at("/components/securitySchemes").fields().forEachRemaining(
                scheme -> components.addSecurityScheme(scheme.getKey(), OpenApiModels.securityScheme(scheme.getValue())));
        routes.at("/components/schemas").fields().forEachRemaining(
                schema -> components.addSchema(schema.getKey(), OpenApiModels.schema(schema.getValue())));
        Paths paths = openAPI.getPaths() == null ? OASFactory.createPaths() : openAPI.getPaths();
        openAPI.setPaths(paths);
        routes.get("paths").fields().forEachRemaining(path -> paths.addPathItem(path.getKey(), OpenApiModels.pathItem(path.getValue())));
    }
}
