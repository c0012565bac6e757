package io.catalogbulk.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OperationRangeTest {

    private static final UUID BULK = UUID.fromString("9bd6d1c4-8b4a-4a8e-9d6b-0c3c8a6f1e01");
    private static final String TOPIC = "async.magento.catalog.api.productrepositoryinterface.save.post";

    private static OperationMessage op(UUID bulk, int id) {
        return new OperationMessage(bulk, id, TOPIC, 1, 1, 2);
    }

    private static List<OperationMessage> ops(int from, int to) {
        List<OperationMessage> ops = new ArrayList<>();
        for (int id = from; id < to; id++) {
            ops.add(op(BULK, id));
        }
        return ops;
    }

    @Test
    void consecutiveOperationsAreGroupedUpToTheMaximum() {
        List<OperationRange> ranges = OperationRange.group(ops(0, 45), 20);
        assertEquals(List.of(20, 20, 5), ranges.stream().map(OperationRange::count).toList());
        assertEquals(List.of(0, 20, 40), ranges.stream().map(r -> r.first().id()).toList());
        assertEquals(ops(0, 45), ranges.stream().flatMap(r -> r.operations().stream()).toList());
    }

    @Test
    void aGapOrAnotherBulkStartsANewMessage() {
        List<OperationMessage> messages = new ArrayList<>(ops(0, 3));
        messages.addAll(ops(5, 7)); // 3 and 4 already finished
        UUID other = UUID.randomUUID();
        messages.add(op(other, 7));
        messages.add(new OperationMessage(other, 8, "async.magento.catalog.api.productrepositoryinterface.save.put", 1, 1, 2));
        List<OperationRange> ranges = OperationRange.group(messages, 20);
        assertEquals(List.of(3, 2, 1, 1), ranges.stream().map(OperationRange::count).toList());
    }

    @Test
    void oneOperationPerMessageWhenTheMaximumIsOne() {
        assertEquals(10, OperationRange.group(ops(0, 10), 1).size());
    }

    @Test
    void aSingleOperationIsTheSingleOperationFormat() {
        OperationRange single = new OperationRange(op(BULK, 7), 1);
        String json = new String(single.toBytes(), StandardCharsets.UTF_8);
        assertFalse(json.contains("count"), json);
        assertEquals(op(BULK, 7), OperationMessage.fromBytes(single.toBytes()));
        assertEquals(single, OperationRange.fromBytes(single.toBytes()));
    }

    @Test
    void aGroupRoundTrips() {
        OperationRange group = new OperationRange(op(BULK, 40), 5);
        assertTrue(new String(group.toBytes(), StandardCharsets.UTF_8).contains("\"count\":5"));
        assertEquals(group, OperationRange.fromBytes(group.toBytes()));
    }

    @Test
    void invalidCountsAndBodiesAreRefused() {
        String base = "{\"bulk_uuid\":\"" + BULK + "\",\"id\":0,\"topic_name\":\"" + TOPIC + "\",\"store_id\":1,\"user_id\":1,\"user_type\":2";
        for (String count : new String[] { "0", "-1", "1001", "1.5", "\"3\"", "null" }) {
            byte[] body = (base + ",\"count\":" + count + "}").getBytes(StandardCharsets.UTF_8);
            assertThrows(IllegalArgumentException.class, () -> OperationRange.fromBytes(body), count);
        }
        assertThrows(IllegalArgumentException.class, () -> OperationRange.fromBytes("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> OperationRange.fromBytes("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> OperationRange.fromBytes((base + ",\"extra\":1}").getBytes(StandardCharsets.UTF_8)));
    }
}
