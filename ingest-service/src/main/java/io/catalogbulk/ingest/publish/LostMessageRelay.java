package io.catalogbulk.ingest.publish;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

import io.catalogbulk.core.messaging.OperationPublisher;
import io.catalogbulk.core.operation.OperationMessage;

/**
 * Recovers operations whose message was lost <em>after</em> the broker confirmed it (queue lost with a broker
 * node, message dead-lettered or purged): {@link PublishRelay} cannot see those, because their bulk is marked
 * published. A published bulk that still has open operations and in which no operation finished for
 * {@code lost-after} is presumed stuck; its open operations are published again.
 * <p>
 * Safe to run in every replica at once: a bulk is claimed with FOR UPDATE SKIP LOCKED and its
 * {@code lost_checked_at} is moved forward in the same statement, so no other relay looks at it again before
 * {@code lost-after} has passed. Publishing an operation whose original message still exists is harmless:
 * workers execute only open operations, so the second message is acknowledged and does nothing.
 */
@ApplicationScoped
public class LostMessageRelay {

    private static final Logger LOG = Logger.getLogger(LostMessageRelay.class);
    private static final int CHUNK = 10_000;

    @Inject
    DataSource dataSource;

    @Inject
    OperationPublisher publisher;

    @Inject
    LostRelayConfig config;

    @Inject
    MeterRegistry registry;

    /** A bulk claimed for a check, with the published_at it had when claimed. */
    record Suspect(UUID bulkUuid, Timestamp publishedAt, Integer userId, int userType) {
    }

    @Scheduled(every = "${catalog-bulk.lost-relay.interval:30s}", delayed = "${catalog-bulk.lost-relay.interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!config.enabled() || !publisher.isAvailable()) {
            return;
        }
        try {
            runOnce();
        } catch (Exception e) {
            LOG.warnf("Lost-message relay run failed (%s); will try again", e.getMessage());
        }
    }

    /** One pass; returns the number of operations published again. */
    public int runOnce() throws SQLException, OperationPublisher.PublishException {
        int republished = 0;
        for (Suspect suspect : claim()) {
            if (progressedRecently(suspect.bulkUuid())) {
                continue; // still being worked on: its messages are in the queue, not lost
            }
            int count = republishOpen(suspect);
            if (count == 0) {
                settle(suspect);
            } else {
                republished += count;
                registry.counter("catalog_bulk_lost_relay_republished").increment(count);
                LOG.warnf("Bulk %s made no progress for %s with %d open operation(s); published them again",
                        suspect.bulkUuid(), config.lostAfter(), count);
            }
        }
        return republished;
    }

    private List<Suspect> claim() throws SQLException {
        // The predicate repeats bulk_unsettled_idx's, so only unsettled bulks are read.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk b SET lost_checked_at = now() WHERE b.uuid IN ("
                                + " SELECT uuid FROM bulk WHERE published_at IS NOT NULL"
                                + " AND (settled_at IS NULL OR settled_at < published_at)"
                                + " AND published_at < now() - ? * interval '1 millisecond'"
                                + " AND (lost_checked_at IS NULL OR lost_checked_at < now() - ? * interval '1 millisecond')"
                                + " ORDER BY published_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                                + " RETURNING b.uuid, b.published_at, b.user_id, b.user_type")) {
            connection.setAutoCommit(true);
            long lostAfter = config.lostAfter().toMillis();
            statement.setLong(1, lostAfter);
            statement.setLong(2, lostAfter);
            statement.setInt(3, config.bulksPerRun());
            List<Suspect> suspects = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int userId = rs.getInt(3);
                    suspects.add(new Suspect(rs.getObject(1, UUID.class), rs.getTimestamp(2), rs.wasNull() ? null : userId,
                            rs.getInt(4)));
                }
            }
            return suspects;
        }
    }

    private boolean progressedRecently(UUID bulkUuid) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM operation WHERE bulk_uuid = ? AND status <> 4"
                                + " AND finished_at > now() - ? * interval '1 millisecond')")) {
            statement.setObject(1, bulkUuid);
            statement.setLong(2, config.lostAfter().toMillis());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private int republishOpen(Suspect suspect) throws SQLException, OperationPublisher.PublishException {
        int published = 0;
        int lastId = -1;
        while (true) {
            List<OperationMessage> chunk = new ArrayList<>();
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT id, topic_name, store_id FROM operation WHERE bulk_uuid = ? AND status = 4 AND id > ?"
                                    + " ORDER BY id LIMIT " + CHUNK)) {
                statement.setObject(1, suspect.bulkUuid());
                statement.setInt(2, lastId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        chunk.add(new OperationMessage(suspect.bulkUuid(), rs.getInt(1), rs.getString(2), rs.getInt(3),
                                suspect.userId(), suspect.userType()));
                    }
                }
            }
            if (chunk.isEmpty()) {
                return published;
            }
            publisher.publish(chunk);
            published += chunk.size();
            lastId = chunk.get(chunk.size() - 1).id();
        }
    }

    /**
     * No open operation left: the bulk leaves the index. Only if it was not re-opened and re-published meanwhile
     * (a retry clears or moves published_at, and then this matches nothing).
     */
    private void settle(Suspect suspect) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk SET settled_at = now() WHERE uuid = ? AND published_at = ?"
                                + " AND NOT EXISTS (SELECT 1 FROM operation WHERE bulk_uuid = ? AND status = 4)")) {
            statement.setObject(1, suspect.bulkUuid());
            statement.setTimestamp(2, suspect.publishedAt());
            statement.setObject(3, suspect.bulkUuid());
            statement.executeUpdate();
        }
    }
}
