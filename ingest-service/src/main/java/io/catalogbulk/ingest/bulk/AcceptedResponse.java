package io.catalogbulk.ingest.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.core.JsonGenerator;

import io.catalogbulk.core.operation.DataHash;
import io.catalogbulk.core.webapi.Json;

/**
 * The 202 body, streamed: {"bulk_uuid", "request_items": [{"id", "data_hash", "status": "accepted"}...],
 * "errors": false}. data_hash is computed here from the stored bytes, one item at a time.
 */
final class AcceptedResponse implements StreamingOutput {

    private final UUID bulkUuid;
    private final BulkItems items;

    AcceptedResponse(UUID bulkUuid, BulkItems items) {
        this.bulkUuid = bulkUuid;
        this.items = items;
    }

    @Override
    public void write(OutputStream output) throws IOException {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output)) {
            json.writeStartObject();
            json.writeStringField("bulk_uuid", bulkUuid.toString());
            json.writeArrayFieldStart("request_items");
            for (int i = 0; i < items.size(); i++) {
                json.writeStartObject();
                json.writeNumberField("id", i);
                json.writeStringField("data_hash", DataHash.sha256Hex(items.get(i)));
                json.writeStringField("status", "accepted");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeBooleanField("errors", false);
            json.writeEndObject();
        }
    }
}
