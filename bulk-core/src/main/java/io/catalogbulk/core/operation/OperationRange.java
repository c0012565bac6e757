package io.catalogbulk.core.operation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/**
 * One broker message for {@code count} consecutive operations of one bulk (ids {@code first.id()} to
 * {@code first.id() + count - 1}, same topic, store and owner). The message is an {@link OperationMessage} with
 * a {@code count} member when it covers more than one operation, so a single operation's message is exactly
 * the single-operation format. Grouping divides the broker's per-message work (persist, deliver, acknowledge)
 * by the group size; each operation is still locked, executed, recorded and retried on its own by the worker.
 */
public record OperationRange(OperationMessage first, int count) {

    /** Most operations one message may cover: a bound on what one poison message can take down with it. */
    public static final int MAX_COUNT = 1_000;

    public OperationRange {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT + ", not " + count);
        }
    }

    /** The operations this message stands for, one {@link OperationMessage} each. */
    public List<OperationMessage> operations() {
        List<OperationMessage> operations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            operations.add(new OperationMessage(first.bulkUuid(), first.id() + i, first.topicName(), first.storeId(),
                    first.userId(), first.userType()));
        }
        return operations;
    }

    public byte[] toBytes() {
        if (count == 1) {
            return first.toBytes();
        }
        ObjectNode node = Json.MAPPER.valueToTree(first);
        node.put("count", count);
        return Json.bytes(node);
    }

    /** Decodes a message; throws {@link IllegalArgumentException} for anything that is not one. */
    public static OperationRange fromBytes(byte[] body) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Undecodable operation message: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("An operation message is a JSON object");
        }
        int count = 1;
        JsonNode countNode = object.remove("count");
        if (countNode != null) {
            if (!countNode.canConvertToInt() || !countNode.isIntegralNumber() || countNode.asInt() < 1 || countNode.asInt() > MAX_COUNT) {
                throw new IllegalArgumentException("Message count must be an integer between 1 and " + MAX_COUNT);
            }
            count = countNode.asInt();
        }
        return new OperationRange(OperationMessage.fromBytes(Json.bytes(object)), count);
    }

    /**
     * Groups messages into ranges of at most {@code maxCount} consecutive operations (same bulk, topic, store
     * and owner, ids one apart), keeping their order. A gap (an operation already finished) starts a new range.
     */
    public static List<OperationRange> group(List<OperationMessage> messages, int maxCount) {
        List<OperationRange> ranges = new ArrayList<>();
        OperationMessage first = null;
        int count = 0;
        for (OperationMessage message : messages) {
            if (first != null && count < maxCount && continues(first, count, message)) {
                count++;
                continue;
            }
            if (first != null) {
                ranges.add(new OperationRange(first, count));
            }
            first = message;
            count = 1;
        }
        if (first != null) {
            ranges.add(new OperationRange(first, count));
        }
        return ranges;
    }

    private static boolean continues(OperationMessage first, int count, OperationMessage next) {
        return next.bulkUuid().equals(first.bulkUuid()) && next.id() == first.id() + count
                && next.topicName().equals(first.topicName()) && next.storeId() == first.storeId()
                && Objects.equals(next.userId(), first.userId()) && next.userType() == first.userType();
    }
}
