package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static io.catalogbulk.core.operation.OperationStatus.REJECTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.webapi.Json;

/**
 * The completion events of V95, written by the database in the transaction that finishes a bulk, whichever path
 * finishes it: the worker's outcomes, a cancel, a bulk of rejected items only, a retry that finishes again, the
 * end of an import's split.
 */
class BulkCompletionEventsTest {

    private final ExecutionLedger ledger = new ExecutionLedger();

    private static OperationMessage message(UUID bulk, int id) {
        return new OperationMessage(bulk, id, LedgerDatabase.TOPIC, 1, null, 0);
    }

    private static UUID subscribe(Caller owner, String... events) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = LedgerDatabase.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("INSERT INTO webhook_subscription"
                        + " (id, user_id, user_type, url, events, secret) VALUES (?, ?, ?, 'https://example.com/hook', ?, 'sealed')")) {
            statement.setObject(1, id);
            statement.setObject(2, owner.userId(), Types.INTEGER);
            statement.setInt(3, owner.userType());
            statement.setArray(4, connection.createArrayOf("text", events));
            statement.executeUpdate();
        }
        return id;
    }

    private static List<Map<String, Object>> events(UUID bulk) throws Exception {
        return LedgerDatabase.rows("SELECT subscription_id, type, publish_epoch, payload, state FROM webhook_event"
                + " WHERE bulk_uuid = ? ORDER BY created_at", bulk);
    }

    private static long events(Connection connection, UUID bulk) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM webhook_event WHERE bulk_uuid = ?")) {
            statement.setObject(1, bulk);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void finish(Connection connection, UUID bulk, int... ids) throws Exception {
        List<OperationMessage> messages = java.util.Arrays.stream(ids).mapToObj(id -> message(bulk, id)).toList();
        List<OperationRow> rows = ledger.lock(connection, messages);
        ledger.record(connection, rows.stream().map(row -> row.id() == 1
                ? Outcome.failed(row, NOT_RETRIABLY_FAILED, 400, "bad")
                : Outcome.complete(row, "done", "{}")).toList());
    }

    @Test
    void theBatchThatFinishesTheBulkRecordsOneEventInItsOwnTransaction() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID subscription = subscribe(owner, "bulk.finished");
        UUID bulk = LedgerDatabase.bulk(owner, OPEN, OPEN, OPEN);
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            finish(connection, bulk, 0);
            assertEquals(0, events(connection, bulk), "still open: not finished");
            connection.commit();
            finish(connection, bulk, 1, 2);
            assertEquals(1, events(connection, bulk), "recorded by the finishing statement");
            connection.rollback();
        }
        assertEquals(List.of(), events(bulk), "rolled back with the outcomes it describes");
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            finish(connection, bulk, 1, 2);
            connection.commit();
        }
        List<Map<String, Object>> events = events(bulk);
        assertEquals(1, events.size());
        assertEquals(subscription, events.get(0).get("subscription_id"));
        assertEquals("pending", events.get(0).get("state"));
        JsonNode payload = Json.MAPPER.readTree((String) events.get(0).get("payload"));
        assertEquals("bulk.finished", payload.get("type").asText());
        assertEquals(bulk.toString(), payload.at("/data/bulk_uuid").asText());
        assertEquals(3, payload.at("/data/bulk_status").asInt(), "one operation failed");
        assertEquals(2, payload.at("/data/counts/complete").asInt());
        assertEquals(1, payload.at("/data/counts/not_retriably_failed").asInt());
        assertEquals(0, payload.at("/data/counts/open").asInt());
        assertTrue(payload.at("/data/finished_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"),
                payload.toString());
        assertEquals(payload.get("timestamp").asText(), payload.at("/data/finished_at").asText());
    }

    @Test
    void onlyTheOwnersLiveSubscriptionsForThatEventGetIt() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID wanted = subscribe(owner, "import.finished", "bulk.finished");
        subscribe(owner, "import.finished");
        UUID deleted = subscribe(owner, "bulk.finished");
        LedgerDatabase.execute("UPDATE webhook_subscription SET deleted_at = now() WHERE id = ?", deleted);
        subscribe(LedgerDatabase.freshOwner(), "bulk.finished");
        subscribe(new Caller(owner.userId(), 2), "bulk.finished"); // same id, another user type: someone else
        UUID bulk = LedgerDatabase.bulk(owner, OPEN);
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            finish(connection, bulk, 0);
            connection.commit();
        }
        List<Map<String, Object>> events = events(bulk);
        assertEquals(1, events.size(), events.toString());
        assertEquals(wanted, events.get(0).get("subscription_id"));
    }

    @Test
    void twoTransactionsFinishingTheLastOperationsTogetherRecordTheEventOnce() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        subscribe(owner, "bulk.finished");
        UUID bulk = LedgerDatabase.bulk(owner, OPEN, OPEN);
        try (Connection first = LedgerDatabase.dataSource().getConnection();
                Connection second = LedgerDatabase.dataSource().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            finish(first, bulk, 0);
            // The second waits for the first's lock on the bulk, then sees its operation done.
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                try {
                    finish(second, bulk, 1);
                    second.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertTrue(!other.isDone(), "the second finishing waits for the first");
            first.commit();
            other.get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, events(bulk).size());
    }

    @Test
    void aCancelABulkOfRejectedItemsAndARetryThatFinishesAgainEachRecordTheirFinishing() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        subscribe(owner, "bulk.finished");
        UUID cancelled = LedgerDatabase.bulk(owner, COMPLETE, OPEN, OPEN);
        BulkCancellation cancellation = new BulkCancellation();
        cancellation.dataSource = LedgerDatabase.dataSource();
        assertEquals(2, cancellation.cancelOpen(cancelled));
        JsonNode payload = Json.MAPPER.readTree((String) events(cancelled).get(0).get("payload"));
        assertEquals(2, payload.at("/data/counts/rejected").asInt());

        UUID rejectedOnly = LedgerDatabase.bulk(owner, REJECTED, REJECTED);
        assertEquals(1, events(rejectedOnly).size(), "finished when it was stored");

        UUID retried = LedgerDatabase.bulk(owner, OPEN, OPEN);
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            finish(connection, retried, 0, 1);
            connection.commit();
        }
        assertEquals(1, events(retried).size());
        new RetryAndAcknowledgeForTest().reopen(retried);
        assertEquals(1, events(retried).size(), "open again: nothing new yet");
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            finish(connection, retried, 1);
            connection.commit();
        }
        List<Map<String, Object>> events = events(retried);
        assertEquals(2, events.size(), "a new finishing, a new event");
        assertEquals(List.of(0, 1), events.stream().map(e -> e.get("publish_epoch")).toList());
        // The same finishing seen again (a statement that changes nothing about open operations) adds nothing.
        LedgerDatabase.execute("UPDATE operation SET status = 1 WHERE bulk_uuid = ? AND id = 1", retried);
        assertEquals(2, events(retried).size());
    }

    @Test
    void anImportFinishesWhenItsSplitHasEndedAndItsLastOperationIsDone() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        subscribe(owner, "import.finished");
        UUID done = LedgerDatabase.bulk(owner, OPEN);
        UUID job = importJob(done, owner);
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            finish(connection, done, 0);
            connection.commit();
        }
        assertEquals(0, events(done).size(), "the split is still running: more rows may come");
        LedgerDatabase.execute("UPDATE import_job SET state = 'processing', split_finished_at = now() WHERE uuid = ?", job);
        List<Map<String, Object>> events = events(done);
        assertEquals(1, events.size());
        JsonNode payload = Json.MAPPER.readTree((String) events.get(0).get("payload"));
        assertEquals("import.finished", payload.get("type").asText());
        assertEquals(job.toString(), payload.at("/data/import_uuid").asText());
        assertEquals(2, payload.at("/data/bulk_status").asInt());

        UUID later = LedgerDatabase.bulk(owner, OPEN);
        UUID laterJob = importJob(later, owner);
        LedgerDatabase.execute("UPDATE import_job SET state = 'processing', split_finished_at = now() WHERE uuid = ?", laterJob);
        assertEquals(0, events(later).size(), "split over, an operation still open");
        try (Connection connection = LedgerDatabase.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            finish(connection, later, 0);
            connection.commit();
        }
        assertEquals(1, events(later).size());
    }

    private static UUID importJob(UUID bulk, Caller owner) throws Exception {
        UUID source = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        LedgerDatabase.execute("INSERT INTO import_source (uuid, user_id, user_type, status, format) VALUES (?, ?, ?, 'uploaded', 'csv')",
                source, owner.userId(), owner.userType());
        LedgerDatabase.execute("INSERT INTO import_job (uuid, source_uuid, bulk_uuid, user_id, user_type, import_type, topic_name,"
                + " behaviour, store_id, store_scope, parameters, state) VALUES (?, ?, ?, ?, ?, 'catalog_product', ?, 'append', 0,"
                + " 'implicit', '{}'::jsonb, 'splitting')", job, source, bulk, owner.userId(), owner.userType(), LedgerDatabase.TOPIC);
        return job;
    }

    /** A retry as status-service makes it: failed operations re-opened and the publish epoch bumped. */
    private static final class RetryAndAcknowledgeForTest {
        void reopen(UUID bulk) throws Exception {
            RetryAndAcknowledge retry = new RetryAndAcknowledge();
            retry.dataSource = LedgerDatabase.dataSource();
            assertTrue(retry.reopen(bulk, List.of(NOT_RETRIABLY_FAILED), List.of(), java.time.Duration.ofMinutes(1)).isPresent());
        }
    }
}
