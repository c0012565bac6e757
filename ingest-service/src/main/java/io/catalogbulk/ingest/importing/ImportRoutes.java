package io.catalogbulk.ingest.importing;

import static io.catalogbulk.core.route.HttpMethod.DELETE;
import static io.catalogbulk.core.route.HttpMethod.GET;
import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.HttpMethod.PUT;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.List;

import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.ingest.importing.job.ImportEndpoints;
import io.catalogbulk.ingest.importing.source.SourceEndpoints;

/**
 * The asynchronous import (docs/import.md, spec import.md sections 1, 2 and 4): upload a file, start it, follow it,
 * download and resubmit its failed rows. Every route is streamed (files in and out are never whole in memory) and
 * synchronous; the import's rows become operations of an ordinary bulk.
 */
public final class ImportRoutes {

    /** Magento: System > Data Transfer > Import. Starting an import also needs the ACL of the rows' route. */
    public static final AclResource IMPORT = AclResources.IMPORT;

    private static final String IMPORTS = "Magento\\AsynchronousImportApi\\Api\\ImportRepositoryInterface";
    private static final String SOURCES = "Magento\\AsynchronousImportSourceDataApi\\Api\\SourceRepositoryInterface";

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/import/sources")
                    .service(SOURCES, "save")
                    .acl(IMPORT)
                    .summary("Upload an import file: the raw body (text/csv, application/x-ndjson, application/json; gzip allowed;"
                            + " ?filename=), or {\"source\": {\"sourceType\": base64_encoded_data | remote_https_file | pieces, ...}};"
                            + " stored and checked while streamed; 201 with the source")
                    .streamedBy(SourceEndpoints.class, SourceEndpoints::upload),
            route(PUT, "/V1/import/sources/:uuid/pieces/:pieceNumber")
                    .service(SOURCES, "savePiece")
                    .acl(IMPORT)
                    .pathParam("pieceNumber", ScalarType.INT)
                    .summary("One piece of a resumable upload (raw bytes, any order); with the last one the joined file is hashed"
                            + " against data_hash and checked")
                    .streamedBy(SourceEndpoints.class, SourceEndpoints::putPiece),
            route(GET, "/V1/import/sources/:uuid")
                    .service(SOURCES, "getByUuid")
                    .acl(IMPORT)
                    .summary("An uploaded source: status, format, size, sha256, rows, columns, first errors by row")
                    .streamedBy(SourceEndpoints.class, SourceEndpoints::get),
            route(GET, "/V1/import/sources")
                    .service(SOURCES, "getList")
                    .acl(IMPORT)
                    .summary("The caller's sources, newest first (searchCriteria[pageSize], searchCriteria[currentPage])")
                    .streamedBy(SourceEndpoints.class, SourceEndpoints::list),
            route(DELETE, "/V1/import/sources/:uuid")
                    .service(SOURCES, "deleteByUuid")
                    .acl(IMPORT)
                    .summary("Delete a source and its bytes (refused while an import started from it exists)")
                    .streamedBy(SourceEndpoints.class, SourceEndpoints::delete),
            route(POST, "/V1/import/sources/:uuid/start")
                    .service(IMPORTS, "start")
                    .acl(IMPORT)
                    .summary("Start importing a source: {\"import\": {\"importType\": \"route\", \"route\": \"POST /V1/products\","
                            + " \"validationStrategy\", \"allowedErrorCount\", \"format\", \"mapping\", \"convertingRules\"}}; needs the"
                            + " route's ACL too; 202 with import_uuid and bulk_uuid at once, the file is split asynchronously;"
                            + " Idempotency-Key honoured as on bulk submits")
                    .streamedBy(ImportEndpoints.class, ImportEndpoints::start),
            route(GET, "/V1/import/:importUuid")
                    .service(IMPORTS, "get")
                    .acl(IMPORT)
                    .summary("An import: status (queued, splitting, processing, complete, complete_with_errors, failed), rows, counts"
                            + " from its bulk, first errors by row")
                    .streamedBy(ImportEndpoints.class, ImportEndpoints::get),
            route(POST, "/V1/import/:importUuid/cancel")
                    .service(IMPORTS, "cancel")
                    .acl(IMPORT)
                    .summary("Cancel an import: its split stops and every open row's operation ends as rejected (5, \"Cancelled by"
                            + " the user.\"), as a bulk cancel does; rows being executed finish; answers how many were cancelled")
                    .streamedBy(ImportEndpoints.class, ImportEndpoints::cancel),
            route(GET, "/V1/import")
                    .service(IMPORTS, "getList")
                    .acl(IMPORT)
                    .summary("The caller's imports (everyone's with the bulk-log ACL), newest first; searchCriteria on status,"
                            + " import_type, created_at, import_uuid")
                    .streamedBy(ImportEndpoints.class, ImportEndpoints::list),
            route(GET, "/V1/import/:importUuid/failed-rows")
                    .service(IMPORTS, "getFailedRows")
                    .acl(IMPORT)
                    .summary("Every failed row in input order, streamed: CSV (the file's columns, row, error) or NDJSON with"
                            + " Accept: application/x-ndjson")
                    .streamedBy(ImportEndpoints.class, ImportEndpoints::failedRows),
            route(PUT, "/V1/import/:importUuid/rows/:row")
                    .service(IMPORTS, "saveRow")
                    .acl(IMPORT)
                    .pathParam("row", ScalarType.INT)
                    .summary("Replace a failed row's data ({\"row\": {column: value}}) and run it again; 202 with rows_requeued")
                    .streamedBy(ImportEndpoints.class, ImportEndpoints::putRow),
            route(POST, "/V1/import/:importUuid/resubmit")
                    .service(IMPORTS, "resubmit")
                    .acl(IMPORT)
                    .summary("Run the rows of an edited failed-rows download (text/csv or application/x-ndjson) again; 202 with"
                            + " rows_requeued and the rows still refused")
                    .streamedBy(ImportEndpoints.class, ImportEndpoints::resubmit));

    private ImportRoutes() {
    }
}
