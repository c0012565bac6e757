package io.catalogbulk.worker.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.catalogbulk.core.db.Backoff;
import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.ledger.ExecutionLedger;
import io.catalogbulk.core.ledger.OperationRow;
import io.catalogbulk.core.ledger.Outcome;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.route.BatchServiceMethod;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteHandlers;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.worker.WorkerConfig;
import io.catalogbulk.worker.metrics.OperationMetrics;
import io.catalogbulk.worker.ordering.EntityOrder;

/**
 * Executes a batch of operation messages in one transaction: lock the operation rows, execute the still-open
 * operations, record every outcome in the same transaction as the entity changes, commit. The first try runs
 * without savepoints and hands each run of operations of a route with a set-based handler to that handler
 * (product save: a few multi-row statements for the run); if anything fails, the batch is rolled back and
 * executed again with a savepoint per operation, so one failure does not undo the others. Only then are the messages acknowledged, so the effect of an
 * operation is applied exactly once however often its message is delivered.
 * <p>
 * Transient database errors (deadlock, serialization failure, lock timeout, lost connection) abort the
 * transaction; the batch is then retried one message at a time with exponential backoff, and an operation that
 * keeps failing ends as retriably failed (2) with the last error. Business and validation errors end as not
 * retriably failed (3) with Magento's message and the HTTP status the synchronous call would have answered.
 * <p>
 * Per-entity order ({@link EntityOrder}): an operation with an earlier open operation on its entity outside the batch
 * is not executed but marked waiting (its message is acknowledged all the same); operations on one entity within
 * the batch run in acceptance order; after the commit, the waiting operation next on each entity the batch finished
 * operations on is handed over (published again).
 */
@ApplicationScoped
public class BatchExecutor {

    private static final Logger LOG = Logger.getLogger(BatchExecutor.class);

    @Inject
    DataSource dataSource;

    @Inject
    ExecutionLedger ledger;

    @Inject
    RouteTable routes;

    @Inject
    RouteHandlers handlers;

    @Inject
    WorkerConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    OperationMetrics metrics;

    @Inject
    EntityOrder order;

    /**
     * Returns when every message's fate is recorded (or it needs nothing: already finished, unknown).
     *
     * @throws DatabaseUnavailableException if the database could not be reached to record anything
     */
    public void execute(List<OperationMessage> batch) throws DatabaseUnavailableException {
        Timer.Sample sample = Timer.start(registry);
        try {
            executeWithRetries(batch);
        } finally {
            sample.stop(registry.timer("catalog_bulk_batch_seconds", "size", batch.size() == 1 ? "1" : "many"));
        }
    }

    private void executeWithRetries(List<OperationMessage> batch) throws DatabaseUnavailableException {
        Backoff backoff = new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
        Exception last = null;
        for (int attempt = 0; attempt < config.retry().maxAttempts(); attempt++) {
            try {
                runTransaction(batch);
                return;
            } catch (Exception e) {
                last = e;
                if (batch.size() > 1) {
                    // Isolate the operation that fails: the others should not wait for it or share its fate.
                    LOG.debugf("Batch of %d failed (%s); executing its operations one by one", batch.size(), e.getMessage());
                    for (OperationMessage message : batch) {
                        executeWithRetries(List.of(message));
                    }
                    return;
                }
                if (!TransientErrors.isTransient(e) || attempt + 1 == config.retry().maxAttempts()) {
                    break; // no backoff after the last attempt: record the outcome at once
                }
                registry.counter("catalog_bulk_transient_retries").increment();
                backoff.sleep(attempt);
            }
        }
        giveUp(batch.get(0), last);
    }

    /** A single operation that could not be executed: record why, or hand the message back if we cannot. */
    private void giveUp(OperationMessage message, Exception error) throws DatabaseUnavailableException {
        if (TransientErrors.isConnectionFailure(error)) {
            throw new DatabaseUnavailableException("Database unreachable for " + message.key(), error);
        }
        boolean transientError = TransientErrors.isTransient(error);
        String text = (transientError ? "Temporary database failure after retries: " : "Execution failed: ") + describe(error);
        List<OperationMessage> handOver;
        try (Connection connection = dataSource.getConnection()) {
            // One transaction holding the operation's entity lock, so that an operation waiting for this one is
            // either handed over here or sees it finished (a failed predecessor releases its waiters too).
            connection.setAutoCommit(false);
            try {
                List<OperationRow> rows = ledger.lock(connection, List.of(message));
                List<String> entities = rows.stream().filter(r -> r.ordered() && r.status() == OperationStatus.OPEN.code())
                        .map(OperationRow::entityKey).toList();
                if (order.enabled()) {
                    order.lockEntities(connection, entities);
                }
                if (transientError) {
                    ledger.markRetriablyFailed(connection, message, text);
                } else {
                    for (OperationRow row : rows) {
                        ledger.record(connection, List.of(Outcome.failed(row, OperationStatus.NOT_RETRIABLY_FAILED, 500, text)));
                    }
                }
                handOver = order.successors(connection, entities);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
            order.handOver(handOver);
            count(message.topicName(), transientError ? OperationStatus.RETRIABLY_FAILED : OperationStatus.NOT_RETRIABLY_FAILED);
            LOG.warnf("Operation %s ended as %s: %s", message.key(), transientError ? "retriably failed" : "not retriably failed", text);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Cannot record the failure of " + message.key(), e);
        }
    }

    private void runTransaction(List<OperationMessage> batch) throws Exception {
        if (batch.size() > 1 && config.optimisticBatches()) {
            if (runTransaction(batch, false)) {
                return;
            }
            registry.counter("catalog_bulk_optimistic_batches_redone").increment();
        }
        runTransaction(batch, true);
    }

    /**
     * Executes a batch in one transaction. With savepoints, an operation that fails is rolled back alone and
     * the others commit. Without (optimistic: two round trips fewer per operation), the first failure rolls
     * the whole transaction back and this returns false, so the caller runs the batch again with savepoints.
     */
    private boolean runTransaction(List<OperationMessage> batch, boolean savepoints) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                EntityOrder.Admission admission = order.admit(connection, ledger.lock(connection, batch));
                List<Prepared> work = prepare(admission.runnable());
                List<Outcome> outcomes = new ArrayList<>(work.size());
                for (int i = 0; i < work.size();) {
                    int end = savepoints ? i + 1 : endOfSetBasedRun(work, i);
                    long started = System.nanoTime();
                    List<Outcome> executed = end - i > 1 ? executeSetBased(connection, work.subList(i, end))
                            : savepoints ? List.of(executeOne(connection, work.get(i)))
                            : executeOptimistically(connection, work.get(i));
                    if (executed == null) {
                        Transactions.rollbackQuietly(connection);
                        return false;
                    }
                    long each = (System.nanoTime() - started) / executed.size();
                    for (Outcome outcome : executed) {
                        metrics.executed(outcome.row().topic(), each);
                    }
                    outcomes.addAll(executed);
                    i = end;
                }
                ledger.record(connection, outcomes);
                order.markWaiting(connection, admission.waiting());
                List<OperationMessage> handOver = order.successors(connection,
                        outcomes.stream().map(Outcome::row).filter(OperationRow::ordered).map(OperationRow::entityKey).distinct().toList());
                connection.commit();
                order.handOver(handOver);
                for (Outcome outcome : outcomes) {
                    count(outcome.row().topic(), outcome.status());
                }
                return true;
            } catch (Exception e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** An operation executed without a savepoint: its outcome if it succeeded, null if anything went wrong. */
    private List<Outcome> executeOptimistically(Connection connection, Prepared prepared) throws Exception {
        if (prepared.problem() != null) {
            return null;
        }
        try {
            JsonNode result = handlers.invoke(prepared.route(), context(connection, prepared), prepared.params());
            return List.of(success(prepared, result));
        } catch (Exception e) {
            if (TransientErrors.isTransient(e)) {
                throw e;
            }
            return null;
        }
    }

    /**
     * The end (exclusive) of the run of operations from {@code start} that one set-based handler can execute:
     * consecutive (in lock order, so operations on one entity keep their order) and of one route that has one.
     */
    static int endOfSetBasedRun(List<Prepared> work, int start) {
        Prepared first = work.get(start);
        if (first.problem() != null || first.route().batchHandler().isEmpty()) {
            return start + 1;
        }
        int end = start + 1;
        while (end < work.size() && work.get(end).problem() == null && work.get(end).route() == first.route()) {
            end++;
        }
        return end;
    }

    /**
     * Operations of one route executed by its set-based handler (optimistic mode only: no savepoints): their
     * outcomes, or null if anything went wrong, so the batch is executed again operation by operation.
     */
    private List<Outcome> executeSetBased(Connection connection, List<Prepared> run) throws Exception {
        List<BatchServiceMethod.Call> calls = new ArrayList<>(run.size());
        for (Prepared prepared : run) {
            calls.add(new BatchServiceMethod.Call(context(connection, prepared), prepared.params()));
        }
        List<JsonNode> results;
        try {
            results = handlers.invokeAll(run.get(0).route(), calls);
        } catch (Exception e) {
            if (TransientErrors.isTransient(e)) {
                throw e;
            }
            LOG.debugf("Set-based execution of %d operations failed (%s); executing them one by one", run.size(), e.getMessage());
            return null;
        }
        if (results.size() != run.size()) {
            throw new IllegalStateException(run.get(0).route().service().display() + " returned " + results.size()
                    + " results for " + run.size() + " operations");
        }
        registry.counter("catalog_bulk_set_based_operations", "topic", run.get(0).row().topic()).increment(run.size());
        List<Outcome> outcomes = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            outcomes.add(success(run.get(i), results.get(i)));
        }
        return outcomes;
    }

    private static OperationContext context(Connection connection, Prepared prepared) {
        return new OperationContext(connection, prepared.row().scope(), prepared.row().caller(), true);
    }

    private static Outcome success(Prepared prepared, JsonNode result) {
        return Outcome.complete(prepared.row(), "Service execution success " + prepared.route().service().display(),
                Json.string(result));
    }

    /** An open operation ready to execute. */
    record Prepared(OperationRow row, RouteDeclaration route, ObjectNode params, String lockKey, String problem) {
    }

    /**
     * Keeps each open operation once (a message delivered twice in one batch runs once), and orders them by
     * entity key so that concurrent batches take entity row locks in the same order, and operations on one entity
     * by acceptance order (per-entity order: the later one takes effect last).
     */
    private List<Prepared> prepare(List<OperationRow> rows) {
        Map<String, Prepared> byKey = new LinkedHashMap<>();
        for (OperationRow row : rows) {
            if (row.status() != OperationStatus.OPEN.code() || byKey.containsKey(row.key())) {
                continue;
            }
            Optional<RouteDeclaration> route = routes.byTopic(row.topic());
            if (route.isEmpty()) {
                byKey.put(row.key(), new Prepared(row, null, null, null, "No service handles topic " + row.topic()));
                continue;
            }
            JsonNode params;
            try {
                params = Json.parse(row.serializedData());
            } catch (RuntimeException e) {
                byKey.put(row.key(), new Prepared(row, route.get(), null, null, "The stored operation data is not valid JSON"));
                continue;
            }
            if (!(params instanceof ObjectNode object)) {
                byKey.put(row.key(), new Prepared(row, route.get(), null, null, "The stored operation data is not a JSON object"));
                continue;
            }
            String lockKey = route.get().lockKey().map(k -> k.of(object)).orElse(null);
            byKey.put(row.key(), new Prepared(row, route.get(), object, lockKey, null));
        }
        return byKey.values().stream()
                .sorted(Comparator.comparing(Prepared::lockKey, Comparator.nullsLast(Comparator.naturalOrder()))
                        // Only ordered operations (with an entity key) by acceptance; the others keep the lock order.
                        .thenComparing(p -> p.row().ordered() ? p.row().acceptedSeq() : null,
                                Comparator.nullsLast(Comparator.<Long>naturalOrder())))
                .collect(Collectors.toList());
    }

    private Outcome executeOne(Connection connection, Prepared prepared) throws Exception {
        OperationRow row = prepared.row();
        if (prepared.problem() != null) {
            return Outcome.failed(row, OperationStatus.NOT_RETRIABLY_FAILED, 400, prepared.problem());
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            JsonNode result = handlers.invoke(prepared.route(), context(connection, prepared), prepared.params());
            connection.releaseSavepoint(savepoint);
            return success(prepared, result);
        } catch (WebapiException e) {
            connection.rollback(savepoint);
            return Outcome.failed(row, OperationStatus.NOT_RETRIABLY_FAILED, e.status(), message(e));
        } catch (Exception e) {
            if (TransientErrors.isTransient(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            LOG.errorf(e, "Operation %s (%s) failed", row.key(), row.topic());
            return Outcome.failed(row, OperationStatus.NOT_RETRIABLY_FAILED, 500, "Execution failed: " + describe(e));
        }
    }

    /** The rendered message of a business error, with every input error when there are several. */
    static String message(WebapiException e) {
        if (e.errors().isEmpty()) {
            return e.phrase().render();
        }
        return e.errors().stream().map(entry -> entry.phrase().render()).collect(Collectors.joining(" "));
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getMessage() + (sql.getSQLState() == null ? "" : " (SQLSTATE " + sql.getSQLState() + ")");
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private void count(String topic, OperationStatus status) {
        metrics.finished(topic, status);
    }
}
