package io.catalogbulk.catalog.importexport.rows;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportEntityTypes;
import io.catalogbulk.catalog.importexport.adobe.AdobeImportService;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * {@code POST /V1/import/rows/:entityType}: applies one import row with its type (the row was checked and sealed by
 * the route on its way in). A row that cannot be applied throws the type's {@link WebapiException}, so its operation
 * ends failed with the type's message.
 */
@ApplicationScoped
@Unremovable
public class ImportRowService {

    @Inject
    ImportEntityTypes types;

    public JsonNode apply(OperationContext context, ObjectNode params) throws Exception {
        String code = params.path("entityType").asText("");
        ImportEntityType type = types.byCode(code).orElseThrow(() -> WebapiException.badRequest(Phrase.positional(
                "\"%1\" is not an import entity type. Use one of: %2.", code, String.join(", ", types.codes()))));
        // The route needs Magento_ImportExport::import; the rows change the type's own entities, so that too.
        AdobeImportService.requireAcl(context, type);
        return type.apply(context, ImportRowRoutes.row(params), ImportRowRoutes.behaviour(params).orElseThrow(() ->
                WebapiException.badRequest(Phrase.positional("\"%1\" is not an import behaviour. Use append, replace or delete.",
                        params.path("row").path("behaviour").asText()))));
    }
}
