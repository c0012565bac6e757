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
import io.catalogbulk.ingest.importing.source.SourceEndpoints;

/**
 * The asynchronous import (docs/import.md, spec import.md sections 1, 2 and 4): upload a file, start it, follow it,
 * download and resubmit its failed rows. Every route is streamed (files in and out are never whole in memory) and
 * synchronous; the import's rows become operations of an ordinary bulk.
 */
public final class ImportRoutes {

    /** Magento: System > Data Transfer > Import. Starting an import also needs the ACL of the rows' route. */
    public static final AclResource IMPORT = AclResources.SYSTEM.child("Magento_Backend::convert").child("Magento_ImportExport::import");

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
                    .streamedBy(SourceEndpoints.class, SourceEndpoints::delete));

    private ImportRoutes() {
    }
}
