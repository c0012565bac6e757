package io.catalogbulk.status.bulk;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;

import io.catalogbulk.core.ledger.Bulk;
import io.catalogbulk.core.operation.BulkStatus;
import io.catalogbulk.core.operation.OperationCounts;
import io.catalogbulk.core.webapi.Json;

/** The members every status response shares, written around the operations list in Magento's order. */
record BulkSummary(UUID uuid, String description, String startTime, Integer userId, int userType, int operationCount,
        OperationCounts counts) {

    static BulkSummary of(Bulk bulk, OperationCounts counts) {
        return new BulkSummary(bulk.uuid(), bulk.description(), Json.timestamp(bulk.startTime()), bulk.owner().userId(),
                bulk.owner().userType(), bulk.operationCount(), counts);
    }

    BulkStatus status() {
        return BulkStatus.of(counts);
    }

    void writeHead(JsonGenerator json) throws IOException {
        json.writeStringField("bulk_id", uuid.toString());
        json.writeStringField("description", description);
        json.writeStringField("start_time", startTime);
        if (userId == null) {
            json.writeNullField("user_id");
        } else {
            json.writeNumberField("user_id", userId);
        }
        json.writeNumberField("user_type", userType);
        json.writeNumberField("operation_count", operationCount);
    }

    void writeTail(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("extension_attributes");
        json.writeNumberField("bulk_status", status().code());
        json.writeObjectFieldStart("counts");
        json.writeNumberField("open", counts.open());
        json.writeNumberField("complete", counts.complete());
        json.writeNumberField("retriably_failed", counts.retriablyFailed());
        json.writeNumberField("not_retriably_failed", counts.notRetriablyFailed());
        json.writeNumberField("rejected", counts.rejected());
        json.writeEndObject();
        json.writeEndObject();
    }
}
