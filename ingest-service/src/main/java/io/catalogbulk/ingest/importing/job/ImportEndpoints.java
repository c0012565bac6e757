package io.catalogbulk.ingest.importing.job;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.ledger.BulkCancellation;
import io.catalogbulk.core.ledger.IdempotencyKeys;
import io.catalogbulk.core.ledger.ImportLedger;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.route.StreamedRequest;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SearchCriteriaParser;
import io.catalogbulk.core.search.SqlSearch;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.AclTree;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.rows.ImportRowRoutes;
import io.catalogbulk.ingest.IngestConfig;
import io.catalogbulk.ingest.body.RequestJson;
import io.catalogbulk.ingest.idempotency.IdempotencyConfig;
import io.catalogbulk.ingest.idempotency.IdempotentReplies;
import io.catalogbulk.ingest.idempotency.IdempotentRequest;
import io.catalogbulk.ingest.importing.ImportConfig;
import io.catalogbulk.ingest.importing.source.ChunkInputStream;
import io.catalogbulk.ingest.importing.source.SourceEndpoints;
import io.catalogbulk.ingest.importing.source.SourceFormat;
import io.catalogbulk.ingest.importing.source.SourceStore;
import io.catalogbulk.ingest.importing.split.ImportParameters;
import io.catalogbulk.ingest.importing.split.ImportSplitter;
import io.catalogbulk.ingest.importing.split.RowSource;

/**
 * The routes of imports: start one from a source (one short transaction: the import and its empty bulk; the split
 * runs in {@link ImportSplitter}), its status, the list, the failed rows (streamed), and the corrections (one row, or
 * a resubmitted file of them). Only the owner, or a holder of the bulk-log ACL, sees an import.
 */
@ApplicationScoped
@Unremovable
public class ImportEndpoints {

    private static final int MAX_PAGE_SIZE = 300;
    private static final int FAILED_PAGE = 1000;

    @Inject
    DataSource dataSource;

    @Inject
    ImportConfig config;

    @Inject
    SourceStore sources;

    @Inject
    ImportJobs jobs;

    @Inject
    ImportLedger ledger;

    @Inject
    RouteTable routes;

    @Inject
    RequestJson json;

    @Inject
    ImportSplitter splitter;

    @Inject
    RowCorrections corrections;

    @Inject
    IdempotencyConfig idempotency;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    IdempotentReplies replies;

    @Inject
    IngestConfig ingestConfig;

    @Inject
    BulkCancellation cancellation;

    @Inject
    io.catalogbulk.catalog.importexport.ImportEntityTypes entityTypes;

    /** {@code POST /V1/import/sources/:uuid/start}: 202 with the import and bulk uuids, whatever the file's size. */
    public Response start(StreamedRequest request) throws SQLException {
        Principal principal = request.principal();
        Caller owner = principal.caller();
        UUID sourceUuid = SourceEndpoints.uuid(request.path("uuid"));
        SourceStore.Source source = sources.find(sourceUuid, owner).orElseThrow(() -> WebapiException.noSuchEntity("uuid", sourceUuid));
        json.checkContentType(request.header().apply("Content-Type"));
        // Idempotency-Key (as on bulk submits): the key names this principal's request by path, store and body hash.
        IdempotentRequest idempotent = idempotency.enabled() ? IdempotentRequest.of(request.header().apply(IdempotentRequest.HEADER),
                "POST", "/V1/import/sources/" + sourceUuid + "/start", ingestConfig.maxBodySize().asLongValue()) : null;
        ImportParameters parameters = ImportParameters.parse(json.readTree(idempotent == null ? request.body() : idempotent.wrap(request.body())),
                config.maxCellChars());
        IdempotencyKeys.Key key = idempotent == null ? null : idempotent.key(owner, request.scope(), idempotency.retention());
        if (key != null) {
            // A replay stores nothing: answered before anything is checked against the source again.
            Optional<IdempotencyKeys.Stored> stored = idempotencyKeys.find(key);
            if (stored.isPresent()) {
                return replay(stored.get(), key);
            }
        }
        if (!source.usable()) {
            throw WebapiException.badRequest(Phrase.of("The source %uuid is %status: only an uploaded source can be imported.",
                    Map.of("uuid", sourceUuid, "status", source.status())));
        }
        RouteDeclaration route;
        List<String> warnings = List.of();
        if (parameters.importType().equals(ImportParameters.ROUTE_TYPE)) {
            route = ImportJobs.route(routes, parameters.route()).orElseThrow(() -> WebapiException.badRequest(
                    Phrase.of("\"%route\" is not a route that takes bulk items (write it as \"POST /V1/products\").",
                            Map.of("route", parameters.route()))));
            if (parameters.behaviour() != io.catalogbulk.catalog.importexport.ImportBehaviour.APPEND) {
                throw WebapiException.badRequest(Phrase.of("A route import runs %route for each row; importBehaviour %behaviour applies to"
                        + " Magento's entity types only.", Map.of("route", parameters.route(), "behaviour", parameters.behaviour().code())));
            }
        } else {
            ImportEntityType type = entityTypes.byCode(parameters.importType()).orElseThrow(() -> WebapiException.badRequest(Phrase.of(
                    WebapiException.INVALID_FIELD_VALUE, Map.of("value", parameters.importType(), "fieldName", "importType"))));
            // Each row runs as an item of the import rows route, which applies it with its type.
            route = ImportJobs.route(routes, ImportRowRoutes.NAME)
                    .orElseThrow(() -> new IllegalStateException("No route " + ImportRowRoutes.NAME));
            AclResource typeResource = TYPE_ACL.find(type.aclResource())
                    .orElseThrow(() -> new IllegalStateException("Unknown ACL resource " + type.aclResource()));
            if (!principal.allows(typeResource)) {
                throw WebapiException.notAuthorized(type.aclResource());
            }
            warnings = checkColumns(type, parameters.transformColumns(source.columns()));
        }
        if (!principal.allows(route.aclResource())) {
            throw WebapiException.notAuthorized(route.aclResource().name());
        }
        UUID importUuid = UUID.randomUUID();
        UUID bulkUuid = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ledger.createBulk(connection, bulkUuid, route.topic(), owner);
                if (key != null) {
                    // After the bulk row (the key references it), in the import's transaction: a key exists exactly when
                    // its import does, and of concurrent twins exactly one stores an import.
                    IdempotencyKeys.Claim claim = idempotencyKeys.claim(connection, key, bulkUuid);
                    if (claim instanceof IdempotencyKeys.Existing existing) {
                        Transactions.rollbackQuietly(connection);
                        return replay(existing.stored(), key);
                    }
                    if (claim instanceof IdempotencyKeys.InProgress) {
                        Transactions.rollbackQuietly(connection);
                        throw replies.inProgress(key);
                    }
                }
                ImportJobs.insert(connection, importUuid, sourceUuid, bulkUuid, owner, parameters.importType(),
                        route.method() + " " + route.path().template(), route.topic(), parameters.behaviour().code(), request.scope(),
                        Json.string(parameters.json()), Json.string(Json.MAPPER.valueToTree(warnings)));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
        }
        // The split starts at once on this replica if it has a free thread (any replica's poll takes it otherwise).
        CompletableFuture.runAsync(splitter::wake);
        return Response.accepted(Json.string(startAnswer(importUuid, bulkUuid, warnings))).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The 202 of a start: what a replay answers again. */
    private static ObjectNode startAnswer(UUID importUuid, UUID bulkUuid, List<String> warnings) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("import_uuid", importUuid.toString());
        answer.put("bulk_uuid", bulkUuid.toString());
        answer.put("status", "queued");
        if (!warnings.isEmpty()) {
            ArrayNode listed = answer.putArray("warnings");
            warnings.forEach(listed::add);
        }
        return answer;
    }

    /** The first start's 202 again (same import, same bulk), for the same request with the same key: nothing stored. */
    private Response replay(IdempotencyKeys.Stored stored, IdempotencyKeys.Key key) throws SQLException {
        replies.checkReplay(stored, key);
        ImportJob job = jobs.byBulk(stored.bulkUuid()).orElseThrow(() -> new WebapiException(422, Phrase.of(
                "The Idempotency-Key %key was already used for a different request.", Map.of("key", key.key()))));
        List<String> warnings = new java.util.ArrayList<>();
        if (job.warnings() != null) {
            job.warnings().forEach(w -> warnings.add(w.asText()));
        }
        return Response.accepted(Json.string(startAnswer(job.uuid(), job.bulkUuid(), warnings))).type(MediaType.APPLICATION_JSON_TYPE)
                .header(IdempotentRequest.REPLAYED_HEADER, "true").build();
    }

    /**
     * {@code POST /V1/import/:importUuid/cancel}: the split stops (no further chunk is written; a splitter working on it
     * finds its lease gone at its next chunk) and every open operation of the import's bulk is cancelled exactly as a bulk
     * cancel does ({@link BulkCancellation}: status 5, "Cancelled by the user."). Answers how many were cancelled.
     */
    public Response cancel(StreamedRequest request) throws SQLException {
        ImportJob job = visible(request);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // Locks the import: a chunk being committed by a splitter commits first (its rows are then cancelled below);
                // its next chunk finds split_owner gone. state leaves queued/splitting, so no replica (of any version)
                // claims the import again. An import with nothing left to do is not marked cancelled.
                boolean splitOpen;
                try (PreparedStatement statement = connection.prepareStatement("SELECT state IN ('queued', 'splitting') FROM import_job"
                        + " WHERE uuid = ? FOR UPDATE")) {
                    statement.setObject(1, job.uuid());
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        splitOpen = rs.getBoolean(1);
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement("UPDATE import_job SET"
                        + " cancelled_at = CASE WHEN cancelled_at IS NULL AND state <> 'failed' AND (state IN ('queued', 'splitting')"
                        + " OR EXISTS (SELECT 1 FROM operation o WHERE o.bulk_uuid = import_job.bulk_uuid AND o.status = "
                        + OperationStatus.OPEN.code() + ")) THEN now() ELSE cancelled_at END,"
                        + " split_finished_at = coalesce(split_finished_at, now()), split_owner = NULL,"
                        + " state = CASE WHEN state IN ('queued', 'splitting') THEN 'processing' ELSE state END WHERE uuid = ?")) {
                    statement.setObject(1, job.uuid());
                    statement.executeUpdate();
                }
                if (splitOpen) {
                    // The split's hold on the bulk's publication is handed back; what is open is cancelled next.
                    ledger.splitFinished(connection, job.bulkUuid(), true);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
        }
        int cancelled = cancellation.cancelOpen(job.bulkUuid());
        return Response.ok(Integer.toString(cancelled), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Every ACL resource of the routes, so a type's resource is found with its ancestors. */
    private static final AclTree TYPE_ACL = AclTree.of(io.catalogbulk.catalog.CatalogRoutes.ALL.stream()
            .map(RouteDeclaration::aclResource).toList());

    /**
     * The file's columns (after mapping and the column-removing rules) against a Magento type's: a column outside the
     * type's export header is a 400 naming it, as are missing key columns; the columns this catalog does not model are
     * the warnings of the start.
     */
    static List<String> checkColumns(ImportEntityType type, List<String> columns) {
        List<String> unknown = columns.stream().filter(column -> !type.columns().contains(column)).toList();
        if (!unknown.isEmpty()) {
            throw WebapiException.badRequest(Phrase.of("Column names: \"%columns\" are invalid for %type (map them with mapping, or"
                    + " remove them with remove_field).", Map.of("columns", String.join(",", unknown), "type", type.code())));
        }
        List<String> missing = type.keyColumns().stream().filter(column -> !columns.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw WebapiException.badRequest(Phrase.of("We can't find required columns: %columns.", Map.of("columns", String.join(", ", missing))));
        }
        return columns.stream().filter(type.ignoredColumns()::contains)
                .map(column -> "The column \"" + column + "\" is not imported: this catalog does not model it.").toList();
    }

    /** {@code GET /V1/import/:importUuid}. */
    public Response get(StreamedRequest request) throws SQLException {
        ImportJob job = visible(request);
        return ok(status(job, true));
    }

    /** {@code GET /V1/import?searchCriteria[...]}: newest first, paged. */
    public Response list(StreamedRequest request) throws SQLException {
        boolean anyCriteria = request.query().keySet().stream().anyMatch(k -> k.startsWith("searchCriteria") || k.startsWith("search_criteria"));
        SearchCriteria criteria = anyCriteria ? SearchCriteriaParser.parse(request.query()) : new SearchCriteria(List.of(), List.of(), null, null);
        SqlSearch search = SqlSearch.of(criteria, ImportJobs.SEARCHABLE, "j.created_at DESC, j.uuid", MAX_PAGE_SIZE);
        ImportJobs.Page page = jobs.search(request.principal().caller(), request.principal().allows(AclResources.BULK_LOG), search);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (ImportJob job : page.items()) {
            items.add(status(job, false));
        }
        answer.set("search_criteria", criteria.echo());
        answer.put("total_count", page.total());
        return ok(answer);
    }

    /** The import as its status route shows it. */
    ObjectNode status(ImportJob job, boolean withErrors) throws SQLException {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("import_uuid", job.uuid().toString());
        node.put("source_uuid", job.sourceUuid().toString());
        node.put("bulk_uuid", job.bulkUuid().toString());
        node.put("import_type", job.importType());
        if (job.route() != null) {
            node.put("route", job.route());
        }
        node.put("behaviour", job.behaviour());
        if (job.warnings() != null && job.warnings().size() > 0) {
            node.set("warnings", job.warnings());
        }
        try (Connection connection = dataSource.getConnection()) {
            Map<OperationStatus, Long> counts = ledger.counts(connection, job.bulkUuid());
            long open = counts.getOrDefault(OperationStatus.OPEN, 0L);
            long complete = counts.getOrDefault(OperationStatus.COMPLETE, 0L);
            long failed = counts.entrySet().stream().filter(e -> e.getKey() != OperationStatus.OPEN && e.getKey() != OperationStatus.COMPLETE)
                    .mapToLong(Map.Entry::getValue).sum();
            String status = ImportStatus.of(job.state(), job.cancelledAt() != null, open, failed);
            node.put("status", status);
            if (job.rowsTotal() == null) {
                node.putNull("rows_total");
            } else {
                node.put("rows_total", job.rowsTotal());
            }
            // Operations written so far by the split (both passes).
            node.put("rows_queued", open + complete + failed);
            node.putObject("counts").put("open", open).put("complete", complete).put("failed", failed);
            if (withErrors) {
                ArrayNode errors = node.putArray("errors");
                if (job.state().equals("failed")) {
                    job.errors().forEach(errors::add);
                } else {
                    List<ImportLedger.FailedOperation> failedRows = new java.util.ArrayList<>(
                            ledger.failed(connection, job.bulkUuid(), -1, config.maxReportedErrors()));
                    // By file row (a store-view row's id comes after every global row's).
                    failedRows.sort(java.util.Comparator.comparingLong(operation -> job.rowOf(operation.id())));
                    for (ImportLedger.FailedOperation operation : failedRows) {
                        ObjectNode error = errors.addObject();
                        error.put("row", job.rowOf(operation.id()));
                        error.put("message", operation.message());
                        if (operation.errorCode() != null) {
                            error.put("error_code", operation.errorCode());
                        } else {
                            error.putNull("error_code");
                        }
                    }
                }
            }
            node.put("created_at", Json.timestamp(job.createdAt()));
            OffsetDateTime finished = switch (status) {
                case "failed" -> job.splitFinishedAt();
                case "complete", "complete_with_errors", "cancelled" -> lastFinished(connection, job);
                default -> null;
            };
            if (finished == null) {
                node.putNull("finished_at");
            } else {
                node.put("finished_at", Json.timestamp(finished));
            }
        }
        return node;
    }

    private static OffsetDateTime lastFinished(Connection connection, ImportJob job) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT max(finished_at) FROM operation WHERE bulk_uuid = ?")) {
            statement.setObject(1, job.bulkUuid());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                OffsetDateTime last = rs.getObject(1, OffsetDateTime.class);
                return last != null ? last : job.splitFinishedAt() != null ? job.splitFinishedAt() : job.cancelledAt();
            }
        }
    }

    /**
     * {@code GET /V1/import/:importUuid/failed-rows}: every failed row in input order, streamed; CSV (the file's columns,
     * then {@code row} and {@code error}) or, with {@code Accept: application/x-ndjson}, NDJSON.
     */
    public Response failedRows(StreamedRequest request) throws SQLException {
        ImportJob job = visible(request);
        String accept = request.header().apply("Accept");
        boolean ndjson = accept != null && accept.toLowerCase(Locale.ROOT).contains("ndjson");
        SourceFormat format = jobs.sourceFormat(job.sourceUuid());
        ImportParameters parameters = ImportParameters.stored(job.parameters(), config.maxCellChars());
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            try (RowSource rows = new RowSource(new ChunkInputStream(dataSource, job.sourceUuid()), format, parameters.format(),
                    config.maxCellChars())) {
                List<String> columns = rows.header();
                if (!ndjson) {
                    if (format == SourceFormat.CSV) {
                        for (String column : columns) {
                            csvCell(writer, column);
                            writer.write(',');
                        }
                        writer.write("row,error\n");
                    } else {
                        writer.write("data,row,error\n");
                    }
                }
                // Global rows (ids below the store-view offset) and store-view rows (ids from it) are two id ranges, each in
                // file order: merged by row, the download is in input order.
                FailedCursor global = new FailedCursor(job, -1, job.storeViewOffset() == null ? Integer.MAX_VALUE
                        : Math.toIntExact(job.storeViewOffset()));
                FailedCursor storeView = job.storeViewOffset() == null ? null
                        : new FailedCursor(job, Math.toIntExact(job.storeViewOffset()) - 1, Integer.MAX_VALUE);
                global.peek();
                RowSource.Row row;
                while (true) {
                    FailedCursor failed = global;
                    if (storeView != null && storeView.peek() != null
                            && (global.peek() == null || storeView.peekRow() < global.peekRow())) {
                        failed = storeView;
                    }
                    if (failed.peek() == null) {
                        break;
                    }
                    long wanted = failed.peekRow();
                    while ((row = rows.next()) != null && row.number() < wanted) {
                        // not failed
                    }
                    if (row == null) {
                        break;
                    }
                    ImportLedger.FailedOperation next = failed.next();
                    JsonNode data = failed.override(row.number());
                    if (data == null) {
                        data = io.catalogbulk.ingest.importing.split.RowPlan.original(row);
                    }
                    if (ndjson) {
                        ObjectNode line = Json.MAPPER.createObjectNode();
                        line.put("row", row.number());
                        line.put("error", next.message());
                        line.set("data", data);
                        writer.write(Json.string(line));
                        writer.write('\n');
                    } else {
                        if (format == SourceFormat.CSV) {
                            for (String column : columns) {
                                JsonNode cell = data.get(column);
                                csvCell(writer, cell == null || cell.isNull() ? "" : cell.asText());
                                writer.write(',');
                            }
                        } else {
                            csvCell(writer, Json.string(data));
                            writer.write(',');
                        }
                        writer.write(Long.toString(row.number()));
                        writer.write(',');
                        csvCell(writer, next.message() == null ? "" : next.message());
                        writer.write('\n');
                    }
                }
            } catch (SQLException e) {
                throw new IOException("Reading the failed rows of import " + job.uuid() + " failed", e);
            }
            writer.flush();
        };
        String type = ndjson ? "application/x-ndjson" : "text/csv; charset=utf-8";
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"import-" + job.uuid() + "-failed-rows." + (ndjson ? "ndjson" : "csv") + "\"")
                .build();
    }

    /**
     * The failed operations of an import's bulk with ids in (afterId, beforeId), in id order (= file row order within
     * one range), a page at a time, with the corrected data of their rows.
     */
    private final class FailedCursor {
        private final ImportJob job;
        private final int beforeId;
        private final Deque<ImportLedger.FailedOperation> page = new ArrayDeque<>();
        private Map<Long, JsonNode> overrides = Map.of();
        private int lastId;
        private boolean ended;

        FailedCursor(ImportJob job, int afterId, int beforeId) {
            this.job = job;
            this.lastId = afterId;
            this.beforeId = beforeId;
        }

        ImportLedger.FailedOperation peek() throws SQLException {
            if (page.isEmpty() && !ended) {
                try (Connection connection = dataSource.getConnection()) {
                    List<ImportLedger.FailedOperation> next = ledger.failed(connection, job.bulkUuid(), lastId, beforeId, FAILED_PAGE);
                    page.addAll(next);
                    ended = next.size() < FAILED_PAGE;
                    if (!next.isEmpty()) {
                        overrides = jobs.overrides(job.uuid(), job.rowOf(next.get(0).id()), job.rowOf(next.get(next.size() - 1).id()));
                        lastId = next.get(next.size() - 1).id();
                    }
                }
            }
            return page.peek();
        }

        /** The file row of the next failed operation (call after {@link #peek} found one). */
        long peekRow() {
            return job.rowOf(page.peek().id());
        }

        ImportLedger.FailedOperation next() throws SQLException {
            peek();
            return page.poll();
        }

        JsonNode override(long row) {
            return overrides.get(row);
        }
    }

    /** {@code PUT /V1/import/:importUuid/rows/:row} {"row": {...}}: the failed row runs again with this data. */
    public Response putRow(StreamedRequest request) throws Exception {
        ImportJob job = visible(request);
        long row;
        try {
            row = Long.parseLong(request.path("row"));
        } catch (NumberFormatException e) {
            row = -1;
        }
        if (row < 1) {
            throw WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE, Map.of("value", request.path("row"), "fieldName", "row")));
        }
        json.checkContentType(request.header().apply("Content-Type"));
        JsonNode body = json.readTree(request.body());
        JsonNode data = body == null ? null : body.get("row");
        if (data == null || !data.isObject()) {
            throw WebapiException.requiredField("row");
        }
        RowCorrections.Result result = corrections.requeue(job, List.of(new RowCorrections.Correction(row, (ObjectNode) data)));
        if (!result.errors().isEmpty()) {
            throw WebapiException.badRequest(Phrase.of(result.errors().get(0).message()));
        }
        return accepted(job, result.requeued());
    }

    /**
     * {@code POST /V1/import/:importUuid/resubmit}: a CSV shaped like the failed-rows download (or its NDJSON), edited;
     * every row given runs again with its new data. Rows still invalid, or not failed, are listed in {@code errors}.
     */
    public Response resubmit(StreamedRequest request) throws Exception {
        ImportJob job = visible(request);
        String contentType = request.header().apply("Content-Type");
        SourceFormat format = SourceFormat.ofMediaType(contentType).filter(f -> f != SourceFormat.JSON).orElseThrow(() ->
                WebapiException.badRequest("A resubmit is the failed-rows download edited: text/csv or application/x-ndjson."));
        RowCorrections.Result result = corrections.resubmit(job, request.body(), format);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("import_uuid", job.uuid().toString());
        answer.put("rows_requeued", result.requeued());
        ArrayNode errors = answer.putArray("errors");
        result.errors().forEach(e -> errors.addObject().put("row", e.row()).put("message", e.message()));
        return Response.accepted(Json.string(answer)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private ImportJob visible(StreamedRequest request) throws SQLException {
        UUID uuid = SourceEndpoints.uuid(request.path("importUuid"));
        Principal principal = request.principal();
        return jobs.find(uuid, principal.caller(), principal.allows(AclResources.BULK_LOG))
                .orElseThrow(() -> WebapiException.noSuchEntity("importUuid", uuid));
    }

    private static Response accepted(ImportJob job, int requeued) {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("import_uuid", job.uuid().toString());
        answer.put("rows_requeued", requeued);
        return Response.accepted(Json.string(answer)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response ok(JsonNode body) {
        return Response.ok(Json.string(body), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** One RFC 4180 cell: enclosed in quotes when it needs them, quotes doubled. */
    static void csvCell(Writer writer, String value) throws IOException {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\\') >= 0;
        if (!quote) {
            writer.write(value);
            return;
        }
        writer.write('"');
        writer.write(value.replace("\"", "\"\""));
        writer.write('"');
    }
}
