package io.catalogbulk.status.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonGenerator;

import io.catalogbulk.core.ledger.Bulk;
import io.catalogbulk.core.ledger.BulkReads;
import io.catalogbulk.core.ledger.OperationReads;
import io.catalogbulk.core.ledger.OperationReads.OperationDetail;
import io.catalogbulk.core.ledger.OperationReads.OperationResult;
import io.catalogbulk.core.ledger.StatusSnapshot;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.webapi.Json;

/**
 * Operation lists in Magento's shapes, written straight from a database cursor to the response: a 100,000-operation
 * bulk is never held in memory. A status body's counts, {@code bulk_status} and operations list are read in one
 * {@link StatusSnapshot}, so they always agree however fast workers move the bulk along.
 */
@ApplicationScoped
public class OperationRows {

    @Inject
    OperationReads reads;

    @Inject
    BulkReads bulks;

    @ConfigProperty(name = "catalog-bulk.status.max-page-size", defaultValue = "1000")
    int maxPageSize;

    /** Short status: {"id", "status", "result_message", "error_code"} per operation. */
    StreamingOutput shortStatus(Bulk bulk) {
        return output -> write(output, bulk, false);
    }

    /** Detailed status: every member of the operation per operation. */
    StreamingOutput detailedStatus(Bulk bulk) {
        return output -> write(output, bulk, true);
    }

    /**
     * The snapshot lives exactly as long as the body is written, so no connection outlives the response. The bulk
     * row itself never changes once stored (retention may delete it meanwhile: the snapshot then sees no counts and
     * no operations, which still agree).
     */
    private void write(OutputStream output, Bulk bulk, boolean detailed) throws IOException {
        try (StatusSnapshot snapshot = bulks.snapshot()) {
            BulkSummary summary = BulkSummary.of(bulk, bulks.counts(snapshot, bulk.uuid()));
            if (detailed) {
                try (OperationReads.Cursor<OperationDetail> operations = reads.details(snapshot, bulk.uuid())) {
                    write(output, summary, operations, OperationRows::writeDetailed);
                }
            } else {
                try (OperationReads.Cursor<OperationResult> operations = reads.results(snapshot, bulk.uuid())) {
                    write(output, summary, operations, OperationRows::writeShort);
                }
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("Reading operations of " + bulk.uuid() + " failed", e));
        }
    }

    @FunctionalInterface
    private interface ItemWriter<T> {
        void write(JsonGenerator json, T item) throws IOException;
    }

    private static <T> void write(OutputStream output, BulkSummary summary, OperationReads.Cursor<T> operations,
            ItemWriter<T> itemWriter) throws IOException, SQLException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output)) {
            json.writeStartObject();
            summary.writeHead(json);
            json.writeArrayFieldStart("operations_list");
            for (T operation = operations.next(); operation != null; operation = operations.next()) {
                itemWriter.write(json, operation);
            }
            json.writeEndArray();
            summary.writeTail(json);
            json.writeEndObject();
        }
    }

    /** A page of operations matching searchCriteria, among the bulks the principal may see. */
    SearchPage search(SearchCriteria criteria, Principal principal) throws SQLException {
        // A guest's bulks are those without a user id.
        Caller owner = principal.allows(AclResources.BULK_LOG) ? null
                : new Caller(principal.userType() == UserType.GUEST ? null : principal.userId(), principal.userType());
        OperationReads.SearchPage page = reads.search(criteria, owner, maxPageSize);
        List<Map<String, Object>> items = new ArrayList<>(page.items().size());
        for (OperationReads.Found found : page.items()) {
            Map<String, Object> item = detailedMap(found.operation());
            item.put("extension_attributes", Map.of("start_time", Json.timestamp(found.bulkStartTime())));
            items.add(item);
        }
        return new SearchPage(items, criteria, page.total());
    }

    public record SearchPage(List<Map<String, Object>> items, SearchCriteria criteria, long total) {
    }

    private static Map<String, Object> detailedMap(OperationDetail operation) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", operation.id());
        item.put("bulk_uuid", operation.bulkUuid().toString());
        item.put("topic_name", operation.topicName());
        item.put("serialized_data", operation.serializedData());
        item.put("result_serialized_data", operation.resultSerializedData());
        item.put("status", operation.status());
        item.put("result_message", operation.resultMessage());
        item.put("error_code", operation.errorCode());
        return item;
    }

    private static void writeShort(JsonGenerator json, OperationResult operation) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", operation.id());
        json.writeNumberField("status", operation.status());
        writeNullable(json, "result_message", operation.resultMessage());
        writeNullable(json, "error_code", operation.errorCode());
        json.writeEndObject();
    }

    private static void writeDetailed(JsonGenerator json, OperationDetail operation) throws IOException {
        json.writeStartObject();
        json.writeNumberField("id", operation.id());
        json.writeStringField("bulk_uuid", operation.bulkUuid().toString());
        json.writeStringField("topic_name", operation.topicName());
        writeNullable(json, "serialized_data", operation.serializedData());
        writeNullable(json, "result_serialized_data", operation.resultSerializedData());
        json.writeNumberField("status", operation.status());
        writeNullable(json, "result_message", operation.resultMessage());
        writeNullable(json, "error_code", operation.errorCode());
        json.writeEndObject();
    }

    private static void writeNullable(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }

    private static void writeNullable(JsonGenerator json, String field, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
