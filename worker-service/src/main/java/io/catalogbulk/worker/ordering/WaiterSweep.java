package io.catalogbulk.worker.ordering;

import static io.catalogbulk.core.operation.OperationStatus.OPEN;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.operation.OperationMessage;

/**
 * The backstop of the hand-over ({@link EntityOrder}): every {@code sweep-interval}, operations that have been
 * waiting longer than {@code sweep-after} and have no earlier open operation on their entity any more are published
 * again. That happens when the worker that finished the operation before them died between its commit and the
 * publish, when the broker did not confirm the hand-over, and when the operation before them was cancelled (the
 * cancel is not a worker transaction and hands nothing over). Their {@code waits_since} is reset, so a publication
 * the broker then loses is repeated after another {@code sweep-after}. One sweep at a time across all workers (an
 * advisory lock); a message published twice is harmless (only open operations execute).
 */
@ApplicationScoped
@Startup
public class WaiterSweep {

    private static final Logger LOG = Logger.getLogger(WaiterSweep.class);
    /** Advisory lock id of the sweep (distinct from the entity locks' hash space only by luck; a clash just waits a turn). */
    private static final long SWEEP_LOCK = 0x5EE9_0090L;
    private static final int LIMIT = 2_000;

    @Inject
    DataSource dataSource;

    @Inject
    OrderingConfig config;

    @Inject
    EntityOrder order;

    private ScheduledExecutorService timer;

    @PostConstruct
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "entity-order-sweep");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, config.sweepInterval().toMillis());
        timer.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Waiter sweep failed (next one in %s): %s", config.sweepInterval(), e.getMessage());
        }
    }

    /** Publishes the released waiters; returns how many. */
    public int sweep() throws SQLException {
        List<OperationMessage> released = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                    lock.setLong(1, SWEEP_LOCK);
                    try (ResultSet rs = lock.executeQuery()) {
                        if (!rs.next() || !rs.getBoolean(1)) {
                            connection.rollback();
                            return 0;
                        }
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement(
                        "UPDATE operation o SET waits_since = clock_timestamp() FROM (SELECT w.bulk_uuid, w.id FROM operation w"
                                + " WHERE w.status + 0 = " + OPEN.code() + " AND w.waits_since IS NOT NULL"
                                + " AND w.waits_since < clock_timestamp() - ? * interval '1 millisecond'"
                                + " AND NOT EXISTS (SELECT 1 FROM operation p WHERE p.entity_key = w.entity_key"
                                + " AND p.entity_key IS NOT NULL AND p.status + 0 = " + OPEN.code() + " AND p.accepted_seq < w.accepted_seq)"
                                + " ORDER BY w.waits_since LIMIT " + LIMIT + " FOR UPDATE OF w SKIP LOCKED) r"
                                + " WHERE o.bulk_uuid = r.bulk_uuid AND o.id = r.id AND o.status + 0 = " + OPEN.code()
                                + " RETURNING o.bulk_uuid, o.id, o.topic_name, o.store_id,"
                                + " (SELECT b.user_id FROM bulk b WHERE b.uuid = o.bulk_uuid),"
                                + " (SELECT b.user_type FROM bulk b WHERE b.uuid = o.bulk_uuid)")) {
                    statement.setLong(1, config.sweepAfter().toMillis());
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            released.add(EntityOrder.message(rs));
                        }
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
        }
        if (!released.isEmpty()) {
            LOG.infof("Republishing %d waiting operation(s) whose predecessors are done", released.size());
            order.handOver(released);
        }
        return released.size();
    }
}
