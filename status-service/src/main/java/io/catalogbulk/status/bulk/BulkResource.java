package io.catalogbulk.status.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.InputNormalizer;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.ledger.Bulk;
import io.catalogbulk.core.ledger.BulkReads;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SearchCriteriaParser;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.Authenticator;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Magento's bulk status routes, plus retry and acknowledge. Every route needs a token; a bulk that belongs to
 * someone else (and the caller lacks the bulk-log ACL) is answered exactly like an unknown one.
 */
@Path("/rest/V1/bulk")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "bulk", description = "Status of asynchronous and bulk requests")
@SecurityRequirement(name = "bearerAuth")
public class BulkResource {

    static final String NOT_FOUND = "Bulk uuid %bulkUuid not exist";

    static final ObjectSchema RETRY_REQUEST = ObjectSchema.named("CatalogBulk\\AsynchronousOperations\\Api\\Data\\RetryRequestInterface")
            .field("statuses", ListType.of(ScalarType.INT))
            .field("error_codes", ListType.of(ScalarType.INT))
            .build();

    private static final Set<OperationStatus> RETRIABLE = Set.of(OperationStatus.RETRIABLY_FAILED,
            OperationStatus.NOT_RETRIABLY_FAILED, OperationStatus.REJECTED);

    @Inject
    Authenticator authenticator;

    @Inject
    BulkReads bulks;

    @Inject
    OperationRows rows;

    @Inject
    BulkAccess access;


    @GET
    @Path("{bulkUuid}/status")
    @Operation(summary = "Short status: each operation's status, result message and error code, and the counts")
    public Response status(@PathParam("bulkUuid") String bulkUuid, @Context HttpHeaders headers) {
        Bulk bulk = visibleBulk(bulkUuid, headers);
        return Response.ok(rows.shortStatus(bulk)).build();
    }

    @GET
    @Path("{bulkUuid}/detailed-status")
    @Operation(summary = "Detailed status: each operation with its data and its result data")
    public Response detailedStatus(@PathParam("bulkUuid") String bulkUuid, @Context HttpHeaders headers) {
        Bulk bulk = visibleBulk(bulkUuid, headers);
        return Response.ok(rows.detailedStatus(bulk)).build();
    }

    /**
     * Magento counts by bulk uuid alone, so an unknown bulk is {@code 0}, not 404; another principal's bulk is the
     * same {@code 0}, so the answer still tells nobody which bulks exist.
     */
    @GET
    @Path("{bulkUuid}/operation-status/{status}")
    @Operation(summary = "How many operations of the bulk have the given status (a bare integer; 0 for an unknown bulk)")
    public long operationCount(@PathParam("bulkUuid") String bulkUuid,
            @Parameter(description = "1 complete, 2 retriably failed, 3 not retriably failed, 4 open, 5 rejected")
            @PathParam("status") String status, @Context HttpHeaders headers) {
        Principal principal = authenticator.authenticated(headers.getHeaderString(HttpHeaders.AUTHORIZATION), AclResources.BULK_LOG);
        OperationStatus wanted = statusCode(status);
        UUID uuid;
        try {
            uuid = UUID.fromString(bulkUuid);
        } catch (IllegalArgumentException e) {
            return 0;
        }
        // One statement gives the count; the owner it is checked against never changes once the bulk is stored.
        boolean visible = database(() -> bulks.find(uuid)).filter(bulk -> BulkAccess.canSee(bulk, principal)).isPresent();
        return visible ? database(() -> bulks.count(uuid, wanted)) : 0;
    }

    @GET
    @Operation(summary = "Search operations of the bulks you may see (Magento searchCriteria)")
    public Map<String, Object> search(@Context UriInfo uri, @Context HttpHeaders headers) {
        Principal principal = authenticator.authenticated(headers.getHeaderString(HttpHeaders.AUTHORIZATION), AclResources.BULK_LOG);
        Map<String, String> query = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((key, values) -> query.put(key, values.isEmpty() ? "" : values.get(0)));
        SearchCriteria criteria = SearchCriteriaParser.parse(query);
        try {
            OperationRows.SearchPage page = rows.search(criteria, principal);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", page.items());
            body.put("search_criteria", criteria.echo());
            body.put("total_count", page.total());
            return body;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @POST
    @Path("{bulkUuid}/retry")
    @Operation(summary = "Re-queue failed operations (default: retriably failed); answers how many were re-queued")
    public int retry(@PathParam("bulkUuid") String bulkUuid, @Context HttpHeaders headers, InputStream body) {
        Bulk bulk = visibleBulk(bulkUuid, headers);
        JsonNode request = readBody(body);
        List<Phrase> errors = new ArrayList<>();
        ObjectNode normalized = (ObjectNode) InputNormalizer.normalizeParameter("request", request, RETRY_REQUEST, errors);
        if (!errors.isEmpty()) {
            throw WebapiException.ofErrors(400, errors);
        }
        List<OperationStatus> statuses = new ArrayList<>();
        for (int status : ints(normalized.get("statuses"), "statuses")) {
            if (!OperationStatus.isValid(status) || !RETRIABLE.contains(OperationStatus.of(status))) {
                throw WebapiException.badRequest(Phrase.of(
                        "Only failed operations can be retried: statuses 2, 3 or 5, not %status.", Map.of("status", status)));
            }
            statuses.add(OperationStatus.of(status));
        }
        if (statuses.isEmpty()) {
            statuses.add(OperationStatus.RETRIABLY_FAILED);
        }
        return access.retry(bulk, statuses, ints(normalized.get("error_codes"), "error_codes"));
    }

    @POST
    @Path("{bulkUuid}/acknowledge")
    @Operation(summary = "Mark a finished bulk as seen (Magento's Dismiss)")
    public boolean acknowledge(@PathParam("bulkUuid") String bulkUuid, @Context HttpHeaders headers) {
        access.acknowledge(visibleBulk(bulkUuid, headers));
        return true;
    }

    @POST
    @Path("{bulkUuid}/cancel")
    @Operation(summary = "Cancel the bulk: every operation still open ends as rejected (5) with \"Cancelled by the user.\";"
            + " operations being executed finish; answers how many were cancelled")
    public int cancel(@PathParam("bulkUuid") String bulkUuid, @Context HttpHeaders headers) {
        Bulk bulk = visibleBulk(bulkUuid, headers);
        return access.cancel(bulk);
    }

    private Bulk visibleBulk(String bulkUuid, HttpHeaders headers) {
        Principal principal = authenticator.authenticated(headers.getHeaderString(HttpHeaders.AUTHORIZATION), AclResources.BULK_LOG);
        return access.visible(bulkUuid, principal);
    }

    private static <T> T database(BulkAccess.DatabaseCall<T> call) {
        return BulkAccess.database(call);
    }

    private static WebapiException unavailable(Exception e) {
        return BulkAccess.unavailable();
    }

    private static OperationStatus statusCode(String status) {
        List<Phrase> errors = new ArrayList<>();
        JsonNode value = InputNormalizer.normalizeParameter("status", Json.NODES.textNode(status), ScalarType.INT, errors);
        if (!errors.isEmpty()) {
            throw WebapiException.ofErrors(400, errors);
        }
        if (!value.canConvertToInt() || !OperationStatus.isValid(value.asInt())) {
            throw WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE,
                    orderedMap("value", status, "fieldName", "status")));
        }
        return OperationStatus.of(value.asInt());
    }

    private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static JsonNode readBody(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(64 * 1024);
            if (bytes.length == 0) {
                return Json.NODES.objectNode();
            }
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new WebapiException(400, Phrase.of(WebapiException.DECODING_ERROR));
        }
    }

    private static List<Integer> ints(JsonNode list, String fieldName) {
        List<Integer> out = new ArrayList<>();
        if (list != null) {
            for (JsonNode v : list) {
                // A value beyond int range must not wrap around to another status or error code.
                if (!v.canConvertToInt()) {
                    throw WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE,
                            orderedMap("value", v.asText(), "fieldName", fieldName)));
                }
                out.add(v.asInt());
            }
        }
        return out;
    }
}
