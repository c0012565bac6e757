package io.catalogbulk.core.operation;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.catalogbulk.core.webapi.Json;

/**
 * The message published for each operation, routing key = its topic. It references the operation by
 * (bulk_uuid, id); the worker reads the serialized data from the database under a row lock, so the database
 * stays the only source of truth and a message is small.
 */
public record OperationMessage(
        @JsonProperty("bulk_uuid") UUID bulkUuid,
        @JsonProperty("id") Integer id,
        @JsonProperty("topic_name") String topicName,
        @JsonProperty("store_id") int storeId,
        @JsonProperty("user_id") Integer userId,
        @JsonProperty("user_type") int userType) {

    private static final ObjectWriter WRITER = Json.MAPPER.writerFor(OperationMessage.class);
    private static final ObjectReader READER = Json.MAPPER.readerFor(OperationMessage.class);

    public byte[] toBytes() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decodes a message; throws {@link IllegalArgumentException} for anything that is not one. */
    public static OperationMessage fromBytes(byte[] body) {
        try {
            OperationMessage message = READER.readValue(body);
            if (message.bulkUuid() == null || message.topicName() == null || message.id() == null || message.id() < 0) {
                throw new IllegalArgumentException("Message lacks bulk_uuid, id or topic_name");
            }
            return message;
        } catch (IOException e) {
            throw new IllegalArgumentException("Undecodable operation message: " + e.getMessage(), e);
        }
    }

    public String key() {
        return bulkUuid + "/" + id;
    }
}
