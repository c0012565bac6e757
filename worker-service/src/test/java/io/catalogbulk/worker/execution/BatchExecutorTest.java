package io.catalogbulk.worker.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.catalogbulk.core.ledger.ExecutionLedger;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.route.BatchServiceMethod;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteHandlers;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.testsupport.QueryRows;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;
import io.catalogbulk.worker.WorkerConfig;
import io.catalogbulk.worker.metrics.OperationMetrics;

/**
 * The batch executor without Quarkus, so that mutation testing (bin/mutation) reaches it: the real executor, ledger
 * and PostgreSQL (a database of its own, migrated as the services migrate theirs), with a route whose handler is a
 * plain object that writes a row per operation and fails on demand (a business error, an unexpected exception, a
 * transient or connection-loss SQLSTATE). The @QuarkusTest suites (BatchIsolationTests, ExactlyOnceTests, ...) test
 * the same through the real catalog handlers; pitest cannot count those.
 */
class BatchExecutorTest {

    private static final String SERVICE = "Magento\\ExecutorTest\\Api\\ThingRepositoryInterface";
    private static DataSource dataSource;

    /**
     * The route's handler: writes the operation's "name" to executor_thing; a "fail" member makes it throw:
     * "business" (a WebapiException), "bug" (IllegalStateException), a SQLSTATE (a SQLException of that state,
     * "times" times if given). Records every call, single or set-based.
     */
    public static final class Things {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        int remainingFailures = Integer.MAX_VALUE;
        boolean shortSetBasedResult;

        JsonNode save(OperationContext context, ObjectNode params) throws Exception {
            String name = params.path("name").asText();
            calls.add("one " + name);
            // Writes before it fails: a failing operation's writes must be rolled back with its savepoint.
            insert(context.connection(), name);
            failIfAsked(params);
            return Json.NODES.textNode("saved " + name);
        }

        List<JsonNode> saveAll(List<BatchServiceMethod.Call> all) throws Exception {
            List<JsonNode> results = new ArrayList<>();
            calls.add("all " + all.size());
            for (BatchServiceMethod.Call call : all) {
                String name = call.params().path("name").asText();
                insert(call.context().connection(), name);
                failIfAsked(call.params());
                results.add(Json.NODES.textNode("saved " + name));
            }
            return shortSetBasedResult ? results.subList(1, results.size()) : results;
        }

        private void failIfAsked(ObjectNode params) throws Exception {
            String fail = params.path("fail").asText("");
            if (fail.isEmpty()) {
                return;
            }
            if (fail.equals("business")) {
                throw new WebapiException(404, Phrase.of("No such thing %name.", Map.of("name", params.path("name").asText())));
            }
            if (fail.equals("bug")) {
                throw new IllegalStateException("bug in the handler");
            }
            if (remainingFailures-- > 0) {
                throw new SQLException("simulated " + fail, fail);
            }
        }

        private static void insert(Connection connection, String name) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO executor_thing (name) VALUES (?)")) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
        }
    }

    static final RouteDeclaration SAVE = RouteDeclaration.route(HttpMethod.POST, "/V1/executortest/things")
            .service(SERVICE, "save").acl(AclResource.root("Magento_ExecutorTest::things"))
            .handledBy(Things.class, Things::save, Things::saveAll);
    static final RouteDeclaration SAVE_ONE_BY_ONE = RouteDeclaration.route(HttpMethod.PUT, "/V1/executortest/things")
            .service(SERVICE, "update").acl(AclResource.root("Magento_ExecutorTest::things"))
            .handledBy(Things.class, Things::save);

    record Config(boolean optimisticBatches, int maxAttempts) implements WorkerConfig {
        @Override
        public int batchSize() {
            return 100;
        }

        @Override
        public int parallelBatches() {
            return 1;
        }

        @Override
        public Retry retry() {
            return new Retry() {
                @Override
                public int maxAttempts() {
                    return maxAttempts;
                }

                @Override
                public Duration initialBackoff() {
                    return Duration.ZERO;
                }

                @Override
                public Duration maxBackoff() {
                    return Duration.ZERO;
                }
            };
        }
    }

    final Things things = new Things();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** One per JVM, migrated once per JVM: pitest runs this class in several JVMs at once, once per mutant. */
    private static final String DATABASE = ServiceTestResource.DATABASE + "_executor_" + ProcessHandle.current().pid();

    @BeforeAll
    static synchronized void database() throws Exception {
        if (dataSource != null) {
            return;
        }
        TestEnvironment.recreateDatabase(DATABASE);
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(TestEnvironment.jdbcUrl(DATABASE));
        pg.setUser(TestEnvironment.PG_USER);
        pg.setPassword(TestEnvironment.PG_PASSWORD);
        Flyway.configure().dataSource(pg).load().migrate();
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE executor_thing (name text PRIMARY KEY)");
        }
        dataSource = pg;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection admin = TestEnvironment.connect("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS \"" + DATABASE + "\" WITH (FORCE)");
            } catch (SQLException e) {
                // the next run of the same pid re-creates it
            }
        }));
    }

    BatchExecutor executor(boolean optimistic, int maxAttempts) throws Exception {
        BatchExecutor executor = new BatchExecutor();
        executor.dataSource = dataSource;
        executor.ledger = new ExecutionLedger();
        executor.routes = RouteTable.of(List.of(SAVE, SAVE_ONE_BY_ONE));
        executor.handlers = new RouteHandlers() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonNode invoke(RouteDeclaration route, OperationContext context, ObjectNode params) throws Exception {
                return ((io.catalogbulk.core.route.ServiceMethod<Things>) route.handler().method()).invoke(things, context, params);
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<JsonNode> invokeAll(RouteDeclaration route, List<BatchServiceMethod.Call> calls) throws Exception {
                return ((BatchServiceMethod<Things>) route.batchHandler().orElseThrow()).invokeAll(things, calls);
            }
        };
        executor.config = new Config(optimistic, maxAttempts);
        executor.registry = registry;
        OperationMetrics metrics = new OperationMetrics();
        java.lang.reflect.Field field = OperationMetrics.class.getDeclaredField("registry");
        field.setAccessible(true);
        field.set(metrics, registry);
        executor.metrics = metrics;
        // Ordering on: its statements run on every batch; these rows have no entity key, so nothing waits.
        executor.order = io.catalogbulk.worker.ordering.EntityOrder.of(new io.catalogbulk.worker.ordering.OrderingConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public java.time.Duration sweepInterval() {
                return java.time.Duration.ofSeconds(2);
            }

            @Override
            public java.time.Duration sweepAfter() {
                return java.time.Duration.ofSeconds(5);
            }
        }, null, registry);
        return executor;
    }

    /** A bulk with one open operation per body (ids 0, 1, ...), all of {@code route}; the messages that carry them. */
    static List<OperationMessage> bulk(RouteDeclaration route, String... bodies) throws SQLException {
        UUID uuid = UUID.randomUUID();
        int owner = ThreadLocalRandom.current().nextInt(1_000_000, 2_000_000_000);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement bulk = connection.prepareStatement(
                    "INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, publish_lease_until, published_at)"
                            + " VALUES (?, ?, 1, 'test', ?, now() + interval '1 hour', now())")) {
                bulk.setObject(1, uuid);
                bulk.setObject(2, owner, Types.INTEGER);
                bulk.setInt(3, bodies.length);
                bulk.executeUpdate();
            }
            try (PreparedStatement operation = connection.prepareStatement("INSERT INTO operation (bulk_uuid, id, topic_name,"
                    + " serialized_data, store_id, store_scope, status) VALUES (?, ?, ?, ?, 1, 'implicit', " + OperationStatus.OPEN.code() + ")")) {
                for (int id = 0; id < bodies.length; id++) {
                    operation.setObject(1, uuid);
                    operation.setInt(2, id);
                    operation.setString(3, route.topic());
                    operation.setString(4, bodies[id]);
                    operation.addBatch();
                }
                operation.executeBatch();
            }
        }
        List<OperationMessage> messages = new ArrayList<>();
        for (int id = 0; id < bodies.length; id++) {
            messages.add(new OperationMessage(uuid, id, route.topic(), 1, owner, 1));
        }
        return messages;
    }

    static String thing(String name) {
        return "{\"name\":\"" + name + "\"}";
    }

    static String failing(String name, String how) {
        return "{\"name\":\"" + name + "\",\"fail\":\"" + how + "\"}";
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static List<Map<String, Object>> operations(OperationMessage any) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return QueryRows.query(c, "SELECT id, status, error_code, result_message, result_serialized_data FROM operation"
                    + " WHERE bulk_uuid = ? ORDER BY id", any.bulkUuid());
        }
    }

    static List<Integer> statuses(OperationMessage any) throws SQLException {
        return operations(any).stream().map(row -> ((Number) row.get("status")).intValue()).toList();
    }

    static long stored(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return ((Number) QueryRows.query(c, "SELECT count(*) AS n FROM executor_thing WHERE name = ?", name).get(0).get("n")).longValue();
        }
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aBatchRunsSetBasedOnceAndRecordsEveryOutcomeWithItsResult() throws Exception {
        String a = unique("a");
        String b = unique("b");
        List<OperationMessage> batch = bulk(SAVE, thing(a), thing(b));
        executor(true, 3).execute(batch);

        assertEquals(List.of("all 2"), things.calls, "one set-based call, no single ones");
        List<Map<String, Object>> rows = operations(batch.get(0));
        assertEquals(List.of(1, 1), statuses(batch.get(0)));
        assertEquals("Service execution success " + SAVE.service().display(), rows.get(0).get("result_message"));
        assertEquals("\"saved " + a + "\"", rows.get(0).get("result_serialized_data"));
        assertEquals("\"saved " + b + "\"", rows.get(1).get("result_serialized_data"));
        assertEquals(1, stored(a));
        assertEquals(2, counter("catalog_bulk_set_based_operations", "topic", SAVE.topic()));
        assertEquals(2, counter("catalog_bulk_operations_finished", "topic", SAVE.topic(), "status", "complete"));
        assertEquals(2, registry.find("catalog_bulk_operation_execution_seconds").tags("topic", SAVE.topic()).timer().count());
        assertEquals(1, registry.find("catalog_bulk_batch_seconds").tags("size", "many").timer().count());
        assertEquals(0, counter("catalog_bulk_optimistic_batches_redone"));
    }

    @Test
    void aMessageDeliveredAgainOrTwiceInOneBatchRunsOnce() throws Exception {
        String a = unique("a");
        List<OperationMessage> batch = bulk(SAVE_ONE_BY_ONE, thing(a));
        BatchExecutor executor = executor(true, 3);
        executor.execute(List.of(batch.get(0), batch.get(0)));
        executor.execute(batch);

        assertEquals(List.of("one " + a), things.calls);
        assertEquals(1, stored(a));
        assertEquals(List.of(1), statuses(batch.get(0)));
        assertEquals(1, registry.find("catalog_bulk_batch_seconds").tags("size", "1").timer().count());
    }

    @Test
    void aBusinessErrorFailsItsOperationAloneWithItsStatusAndMessage() throws Exception {
        String a = unique("a");
        String bad = unique("bad");
        String c = unique("c");
        List<OperationMessage> batch = bulk(SAVE, thing(a), failing(bad, "business"), thing(c));
        executor(true, 3).execute(batch);

        List<Map<String, Object>> rows = operations(batch.get(0));
        assertEquals(List.of(1, 3, 1), statuses(batch.get(0)));
        assertEquals(404, rows.get(1).get("error_code"));
        assertEquals("No such thing " + bad + ".", rows.get(1).get("result_message"));
        assertEquals(1, stored(a));
        assertEquals(0, stored(bad));
        assertEquals(1, stored(c));
        assertEquals(1, counter("catalog_bulk_optimistic_batches_redone"), "the optimistic try was rolled back and redone");
        assertEquals(1, counter("catalog_bulk_operations_finished", "topic", SAVE.topic(), "status", "not_retriably_failed"));
        assertEquals(2, counter("catalog_bulk_operations_finished", "topic", SAVE.topic(), "status", "complete"));
    }

    @Test
    void anUnexpectedExceptionFailsItsOperationAs500AndTheOthersCommit() throws Exception {
        String a = unique("a");
        String bad = unique("bad");
        List<OperationMessage> batch = bulk(SAVE_ONE_BY_ONE, failing(bad, "bug"), thing(a));
        executor(false, 3).execute(batch);

        List<Map<String, Object>> rows = operations(batch.get(0));
        assertEquals(List.of(3, 1), statuses(batch.get(0)));
        assertEquals(500, rows.get(0).get("error_code"));
        assertEquals("Execution failed: IllegalStateException: bug in the handler", rows.get(0).get("result_message"));
        assertEquals(1, stored(a));
        assertEquals(0, stored(bad), "its write rolled back with its savepoint");
        assertEquals(0, counter("catalog_bulk_optimistic_batches_redone"), "savepoints from the start");
    }

    @Test
    void aSingleOperationRunsWithItsSavepointAtOnce() throws Exception {
        String bad = unique("bad");
        List<OperationMessage> batch = bulk(SAVE, failing(bad, "business"));
        executor(true, 3).execute(batch);

        assertEquals(List.of(3), statuses(batch.get(0)));
        assertEquals(List.of("one " + bad), things.calls, "no optimistic try for one operation");
        assertEquals(0, counter("catalog_bulk_optimistic_batches_redone"));
        assertEquals(0, stored(bad));
    }

    @Test
    void storedDataNoRouteHandlesOrThatIsNotAnObjectFailsAs400() throws Exception {
        String a = unique("a");
        List<OperationMessage> batch = bulk(SAVE, "not json", "[1]", thing(a));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id,"
                        + " store_scope, status) VALUES (?, 3, 'async.nobody.handles.post', '{}', 1, 'implicit', " + OperationStatus.OPEN.code() + ")")) {
            s.setObject(1, batch.get(0).bulkUuid());
            s.executeUpdate();
        }
        List<OperationMessage> all = new ArrayList<>(batch);
        all.add(new OperationMessage(batch.get(0).bulkUuid(), 3, "async.nobody.handles.post", 1, batch.get(0).userId(), 1));
        executor(true, 3).execute(all);

        List<Map<String, Object>> rows = operations(batch.get(0));
        assertEquals(List.of(3, 3, 1, 3), statuses(batch.get(0)));
        assertEquals("The stored operation data is not valid JSON", rows.get(0).get("result_message"));
        assertEquals("The stored operation data is not a JSON object", rows.get(1).get("result_message"));
        assertEquals("No service handles topic async.nobody.handles.post", rows.get(3).get("result_message"));
        assertEquals(400, rows.get(0).get("error_code"));
        assertEquals(400, rows.get(3).get("error_code"));
        assertEquals(1, stored(a));
    }

    @Test
    void aTransientErrorIsRetriedAndTheOperationCompletes() throws Exception {
        String a = unique("a");
        String flaky = unique("flaky");
        things.remainingFailures = 2;
        List<OperationMessage> batch = bulk(SAVE_ONE_BY_ONE, thing(a), failing(flaky, "40P01"));
        executor(true, 5).execute(batch);

        assertEquals(List.of(1, 1), statuses(batch.get(0)));
        assertEquals(1, stored(flaky));
        assertEquals(1, stored(a));
        assertTrue(counter("catalog_bulk_transient_retries") >= 1, "retried after the deadlock");
    }

    @Test
    void anOperationThatKeepsFailingTransientlyEndsRetriablyFailedAfterItsAttempts() throws Exception {
        String flaky = unique("flaky");
        List<OperationMessage> batch = bulk(SAVE_ONE_BY_ONE, failing(flaky, "40001"));
        executor(true, 3).execute(batch);

        List<Map<String, Object>> rows = operations(batch.get(0));
        assertEquals(List.of(OperationStatus.RETRIABLY_FAILED.code()), statuses(batch.get(0)));
        assertEquals("Temporary database failure after retries: simulated 40001 (SQLSTATE 40001)", rows.get(0).get("result_message"));
        assertEquals(3, things.calls.size(), "three attempts");
        assertEquals(2, counter("catalog_bulk_transient_retries"), "a backoff between attempts, none after the last");
        assertEquals(1, counter("catalog_bulk_operations_finished", "topic", SAVE_ONE_BY_ONE.topic(), "status", "retriably_failed"));
    }

    @Test
    void aLostConnectionHandsTheMessageBackInsteadOfRecordingAnything() throws Exception {
        String lost = unique("lost");
        List<OperationMessage> batch = bulk(SAVE_ONE_BY_ONE, failing(lost, "08006"));
        assertThrows(DatabaseUnavailableException.class, () -> executor(true, 2).execute(batch));
        assertEquals(List.of(OperationStatus.OPEN.code()), statuses(batch.get(0)), "still open, to be redelivered");
    }

    @Test
    void aSetBasedHandlerThatBreaksItsContractFallsBackToOneByOne() throws Exception {
        String a = unique("a");
        String b = unique("b");
        things.shortSetBasedResult = true;
        List<OperationMessage> batch = bulk(SAVE, thing(a), thing(b));
        executor(true, 3).execute(batch);

        assertEquals(List.of(1, 1), statuses(batch.get(0)));
        assertEquals(1, stored(a));
        assertEquals(1, stored(b));
        assertEquals(List.of("all 2", "one " + a, "one " + b), things.calls);
    }

    @Test
    void operationsRunInLockKeyOrderAndSetBasedRunsStopAtAnotherRoute() {
        BatchExecutor.Prepared x = new BatchExecutor.Prepared(null, SAVE, null, "x", null);
        BatchExecutor.Prepared y = new BatchExecutor.Prepared(null, SAVE, null, "y", null);
        BatchExecutor.Prepared single = new BatchExecutor.Prepared(null, SAVE_ONE_BY_ONE, null, "z", null);
        BatchExecutor.Prepared broken = new BatchExecutor.Prepared(null, SAVE, null, null, "broken");
        assertEquals(2, BatchExecutor.endOfSetBasedRun(List.of(x, y, single), 0));
        assertEquals(3, BatchExecutor.endOfSetBasedRun(List.of(single, x, y), 1));
        assertEquals(1, BatchExecutor.endOfSetBasedRun(List.of(single, x), 0), "no set-based handler");
        assertEquals(1, BatchExecutor.endOfSetBasedRun(List.of(broken, x), 0), "a problem runs alone");
        assertEquals(1, BatchExecutor.endOfSetBasedRun(List.of(x, broken, y), 0), "a problem ends the run");
    }

    @Test
    void aBusinessErrorWithSeveralInputErrorsRecordsThemAll() {
        WebapiException several = WebapiException.ofErrors(400, List.of(Phrase.of("First."), Phrase.of("Second.")));
        assertEquals("First. Second.", BatchExecutor.message(several));
        assertEquals("Only.", BatchExecutor.message(new WebapiException(400, Phrase.of("Only."))));
    }
}
