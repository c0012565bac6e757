package io.catalogbulk.worker.ordering;

import static io.catalogbulk.core.operation.OperationStatus.OPEN;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

import io.catalogbulk.core.ledger.OperationRow;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.worker.broker.ConfirmedChannel;

/**
 * Per-entity order (issue #18): an operation on an entity (its {@code entity_key}, the route's lock key) is executed
 * only when no operation accepted before it ({@code accepted_seq}) on the same entity is still open. Otherwise it
 * is left open and marked waiting, its message is acknowledged, and whichever transaction finishes the operation
 * before it hands it over: finds the next open operation on the entity and, if it is waiting, publishes it again.
 * <p>
 * The check and the hand-over exclude each other through a transaction-level advisory lock per entity, taken by
 * every executing transaction for all its ordered entities, in one global order (so two batches cannot deadlock on
 * them), after the operation rows are locked and before anything executes. So a transaction either sees its
 * predecessor finished, or marks itself waiting and commits before the predecessor's transaction looks for a
 * waiter to hand over to. Unrelated entities never share a lock (a 64-bit hash of the key; a collision only makes
 * two entities' batches wait for each other). A hand-over lost in a crash (after the commit, before the publish)
 * and a predecessor that was cancelled are caught by {@link WaiterSweep}; the lost-message relay is the last
 * backstop, as for any open operation.
 */
@ApplicationScoped
public class EntityOrder {

    @Inject
    OrderingConfig config;

    @Inject
    ConfirmedChannel channel;

    @Inject
    MeterRegistry registry;

    /** An instance outside CDI, for tests that build the executor by hand (channel: null when nothing is handed over). */
    public static EntityOrder of(OrderingConfig config, ConfirmedChannel channel, MeterRegistry registry) {
        EntityOrder order = new EntityOrder();
        order.config = config;
        order.channel = channel;
        order.registry = registry;
        return order;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The operations of a batch split into those that may run now and those that must wait for an earlier one. */
    public record Admission(List<OperationRow> runnable, List<OperationRow> waiting) {
    }

    /**
     * Takes the entity locks of the batch's open ordered operations and sorts out which must wait. An operation runs
     * when every open operation accepted before it on its entity is in this batch too (the batch executes operations
     * on one entity in acceptance order). Rows that are not open or not ordered are runnable (the executor skips
     * what is not open, as before).
     */
    public Admission admit(Connection connection, List<OperationRow> rows) throws SQLException {
        List<OperationRow> ordered = rows.stream().filter(r -> r.ordered() && r.status() == OPEN.code()).toList();
        if (!config.enabled() || ordered.isEmpty()) {
            return new Admission(rows, List.of());
        }
        lockEntities(connection, ordered.stream().map(OperationRow::entityKey).toList());
        Map<String, Long> firstOutside = firstOpenOutside(connection, ordered);
        List<OperationRow> runnable = new ArrayList<>(rows.size());
        List<OperationRow> waiting = new ArrayList<>();
        for (OperationRow row : rows) {
            Long first = row.ordered() && row.status() == OPEN.code() ? firstOutside.get(row.entityKey()) : null;
            if (first != null && first < row.acceptedSeq()) {
                waiting.add(row);
            } else {
                runnable.add(row);
            }
        }
        return new Admission(runnable, waiting);
    }

    /** Transaction-level advisory locks on the entities, in hash order (the same order in every transaction). */
    public void lockEntities(Connection connection, Collection<String> entityKeys) throws SQLException {
        if (entityKeys.isEmpty()) {
            return;
        }
        // The ORDER BY keeps the subquery from being flattened, so the locks are taken in that order.
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h"
                        + " FROM unnest(?::text[]) AS k ORDER BY h) locks")) {
            statement.setArray(1, connection.createArrayOf("text", new TreeSet<>(entityKeys).toArray()));
            statement.executeQuery().close();
        }
    }

    /** Per entity, the lowest acceptance number of its open operations that are not in the batch (absent: none). */
    private static Map<String, Long> firstOpenOutside(Connection connection, List<OperationRow> ordered) throws SQLException {
        Map<String, Long> first = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT k.entity_key, (SELECT min(o.accepted_seq) FROM operation o WHERE o.entity_key = k.entity_key"
                        + " AND o.entity_key IS NOT NULL AND o.status + 0 = " + OPEN.code() + " AND o.accepted_seq <> ALL (?::bigint[]))"
                        + " FROM unnest(?::text[]) AS k(entity_key)")) {
            statement.setArray(1, connection.createArrayOf("int8", ordered.stream().map(OperationRow::acceptedSeq).toArray()));
            statement.setArray(2, connection.createArrayOf("text", ordered.stream().map(OperationRow::entityKey).distinct().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(2);
                    if (!rs.wasNull()) {
                        first.put(rs.getString(1), seq);
                    }
                }
            }
        }
        return first;
    }

    /** Marks operations as waiting for an earlier one on their entity (in the transaction that found so). */
    public void markWaiting(Connection connection, List<OperationRow> waiting) throws SQLException {
        if (waiting.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE operation o SET waits_since = clock_timestamp() FROM unnest(?::uuid[], ?::int[]) AS k(bulk_uuid, id)"
                        + " WHERE o.bulk_uuid = k.bulk_uuid AND o.id = k.id AND o.status + 0 = " + OPEN.code())) {
            statement.setArray(1, connection.createArrayOf("uuid", waiting.stream().map(OperationRow::bulkUuid).toArray()));
            statement.setArray(2, connection.createArrayOf("int4", waiting.stream().map(OperationRow::id).toArray()));
            statement.executeUpdate();
        }
        registry.counter("catalog_bulk_ordering_waits").increment(waiting.size());
    }

    /**
     * After operations on these entities reached a final status in this transaction (which holds their entity
     * locks): per entity, the next open operation if it is waiting, to be published once this transaction has
     * committed ({@link #handOver}). One that is not waiting still has its own message coming, or is being executed
     * by a transaction waiting for this one's entity lock: it needs nothing.
     */
    public List<OperationMessage> successors(Connection connection, Collection<String> entityKeys) throws SQLException {
        if (!config.enabled() || entityKeys.isEmpty()) {
            return List.of();
        }
        List<OperationMessage> next = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT n.bulk_uuid, n.id, n.topic_name, n.store_id, b.user_id, b.user_type FROM unnest(?::text[]) AS k(entity_key)"
                        + " CROSS JOIN LATERAL (SELECT o.bulk_uuid, o.id, o.topic_name, o.store_id, o.waits_since FROM operation o"
                        + " WHERE o.entity_key = k.entity_key AND o.entity_key IS NOT NULL AND o.status + 0 = " + OPEN.code()
                        + " ORDER BY o.accepted_seq LIMIT 1) n"
                        + " JOIN bulk b ON b.uuid = n.bulk_uuid WHERE n.waits_since IS NOT NULL")) {
            statement.setArray(1, connection.createArrayOf("text", new TreeSet<>(entityKeys).toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    next.add(message(rs));
                }
            }
        }
        return next;
    }

    static OperationMessage message(ResultSet rs) throws SQLException {
        int userId = rs.getInt(5);
        Integer user = rs.wasNull() ? null : userId;
        return new OperationMessage(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getInt(4), user, rs.getInt(6));
    }

    /**
     * Publishes the operations handed over (after the commit that released them). Not confirmed (broker away, worker
     * stopping): they stay waiting and the sweep publishes them later.
     */
    public void handOver(List<OperationMessage> next) {
        if (next.isEmpty()) {
            return;
        }
        List<OperationMessage> sorted = new ArrayList<>(next);
        sorted.sort(Comparator.comparing(OperationMessage::bulkUuid).thenComparing(OperationMessage::id));
        if (channel.publish(sorted)) {
            registry.counter("catalog_bulk_ordering_handovers").increment(sorted.size());
        }
    }
}
