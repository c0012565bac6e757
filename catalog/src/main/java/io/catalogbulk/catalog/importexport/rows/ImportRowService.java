package io.catalogbulk.catalog.importexport.rows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportEntityTypes;
import io.catalogbulk.catalog.importexport.adobe.AdobeImportService;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.route.BatchServiceMethod;
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
        ImportEntityType type = type(params);
        // The route needs Magento_ImportExport::import; the rows change the type's own entities, so that too.
        AdobeImportService.requireAcl(context, type);
        return type.apply(context, ImportRowRoutes.row(params), behaviour(params));
    }

    /**
     * The worker's set-based form: the rows of a batch, by runs of one entity type, through the type's
     * {@link ImportEntityType#applyAll} (a product import's new products are written with multi-row statements).
     */
    public List<JsonNode> applyAll(List<BatchServiceMethod.Call> calls) throws Exception {
        List<JsonNode> results = new ArrayList<>(calls.size());
        // The caller's grants are read once per batch and type (a batch holds rows of few bulks).
        Set<String> allowed = new HashSet<>();
        for (int start = 0; start < calls.size();) {
            ImportEntityType type = type(calls.get(start).params());
            List<ImportEntityType.Application> run = new ArrayList<>();
            int end = start;
            while (end < calls.size() && type(calls.get(end).params()) == type) {
                OperationContext context = calls.get(end).context();
                if (allowed.add(type.code() + "/" + context.caller().userType() + "/" + context.caller().userId())) {
                    AdobeImportService.requireAcl(context, type);
                }
                run.add(new ImportEntityType.Application(context, ImportRowRoutes.row(calls.get(end).params()),
                        behaviour(calls.get(end).params())));
                end++;
            }
            results.addAll(type.applyAll(run));
            start = end;
        }
        return results;
    }

    private ImportEntityType type(ObjectNode params) {
        return types.byCode(params.path("entityType").asText("")).orElseThrow(
                () -> WebapiException.badRequest(ImportRowRoutes.unknownType(params)));
    }

    private static ImportBehaviour behaviour(ObjectNode params) {
        return ImportRowRoutes.behaviour(params).orElseThrow(() -> WebapiException.badRequest(ImportRowRoutes.unknownBehaviour(params)));
    }
}
