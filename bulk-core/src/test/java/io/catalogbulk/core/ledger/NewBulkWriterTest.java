package io.catalogbulk.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.operation.StoreScope;

/** An accepted request stored whole: by INSERT when small, by COPY when large, with the data exactly as given. */
class NewBulkWriterTest {

    private static final Duration LEASE = Duration.ofMinutes(1);

    private final NewBulkWriter writer = new NewBulkWriter();

    @BeforeEach
    void connect() {
        writer.dataSource = LedgerDatabase.dataSource();
    }

    /** Items whose JSON holds what CSV must quote: quotes, commas, backslashes, non-ASCII. */
    private static List<byte[]> items(int count) {
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(("{\"product\":{\"sku\":\"s-" + i + "\",\"name\":\"T\\\"ee, \\\\ größe " + i + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return items;
    }

    private void assertStored(int count) throws Exception {
        UUID bulk = UUID.randomUUID();
        Caller owner = LedgerDatabase.freshOwner();
        List<byte[]> items = items(count);
        writer.write(bulk, LedgerDatabase.TOPIC, new StoreScope(StoreScope.Mode.STORE, 1), owner, items, LEASE);

        Map<String, Object> row = LedgerDatabase.row("SELECT user_id, user_type, description, operation_count, published_at,"
                + " publish_lease_until > now() AS leased FROM bulk WHERE uuid = ?", bulk);
        assertEquals(owner.userId(), row.get("user_id"));
        assertEquals(owner.userType(), ((Number) row.get("user_type")).intValue());
        assertEquals("Topic " + LedgerDatabase.TOPIC, row.get("description"));
        assertEquals(count, row.get("operation_count"));
        assertEquals(null, row.get("published_at"));
        assertEquals(true, row.get("leased"), "the relay keeps away while the request is published");
        List<Map<String, Object>> operations = LedgerDatabase.rows("SELECT id, topic_name, serialized_data, store_id, store_scope,"
                + " status FROM operation WHERE bulk_uuid = ? ORDER BY id", bulk);
        assertEquals(count, operations.size());
        for (int i = 0; i < count; i++) {
            Map<String, Object> operation = operations.get(i);
            assertEquals(i, operation.get("id"));
            assertEquals(LedgerDatabase.TOPIC, operation.get("topic_name"));
            assertEquals(new String(items.get(i), StandardCharsets.UTF_8), operation.get("serialized_data"));
            assertEquals(1, operation.get("store_id"));
            assertEquals("store", operation.get("store_scope"));
            assertEquals(OperationStatus.OPEN.code(), ((Number) operation.get("status")).intValue());
        }
    }

    @Test
    void aSmallRequestIsInserted() throws Exception {
        assertStored(NewBulkWriter.COPY_THRESHOLD - 1);
    }

    @Test
    void aLargeRequestIsCopied() throws Exception {
        assertStored(NewBulkWriter.COPY_THRESHOLD * 100);
    }

    @Test
    void aRequestThatCannotBeStoredLeavesNothing() throws Exception {
        UUID bulk = LedgerDatabase.bulk(LedgerDatabase.freshOwner(), OperationStatus.OPEN);
        // The same uuid again: the bulk row conflicts, so none of the new operations may stay.
        assertThrows(SQLException.class, () -> writer.write(bulk, LedgerDatabase.TOPIC,
                new StoreScope(StoreScope.Mode.IMPLICIT, 1), LedgerDatabase.freshOwner(), items(3), LEASE));
        assertEquals(1, LedgerDatabase.rows("SELECT 1 FROM operation WHERE bulk_uuid = ?", bulk).size());
    }
}
