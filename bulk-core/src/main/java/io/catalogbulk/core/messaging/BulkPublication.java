package io.catalogbulk.core.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;

import io.catalogbulk.core.operation.OperationMessage;

/**
 * Publishes the operations of a bulk and records that the broker confirmed them. A bulk is marked published
 * only if its publish epoch is still the one read before publishing: a retry that re-opened operations in
 * the meantime bumps the epoch, and those operations are then left to the relay instead of being lost.
 */
@ApplicationScoped
@IfBuildProperty(name = "catalog-bulk.publisher.enabled", stringValue = "true", enableIfMissing = true)
public class BulkPublication {

    private static final Logger LOG = Logger.getLogger(BulkPublication.class);
    private static final int CHUNK = 10_000;

    @Inject
    DataSource dataSource;

    @Inject
    OperationPublisher publisher;

    @Inject
    BrokerConfig config;

    /** A bulk the relay claimed, with what its messages need. */
    public record Claim(UUID bulkUuid, int epoch, Integer userId, int userType) {
    }

    /** Publishes messages of a just-accepted bulk and marks it published (epoch 0, as inserted). */
    public void publishAccepted(UUID bulkUuid, List<OperationMessage> messages) throws OperationPublisher.PublishException, SQLException {
        publisher.publish(messages, isInteractive(messages.size()));
        markPublished(bulkUuid, 0);
    }

    /**
     * Takes up to {@code limit} bulks whose publication was never confirmed and whose lease ran out, and
     * leases them to the caller. Many relays may run at once: SKIP LOCKED and the lease keep them apart.
     */
    public List<Claim> claimUnpublished(int limit, Duration lease) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk b SET publish_lease_until = now() + ? * interval '1 millisecond'"
                                + " WHERE b.uuid IN (SELECT uuid FROM bulk WHERE published_at IS NULL AND publish_lease_until < now()"
                                + " ORDER BY publish_lease_until LIMIT ? FOR UPDATE SKIP LOCKED)"
                                + " RETURNING b.uuid, b.publish_epoch, b.user_id, b.user_type")) {
            connection.setAutoCommit(true);
            statement.setLong(1, lease.toMillis());
            statement.setInt(2, limit);
            List<Claim> claims = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int userId = rs.getInt(3);
                    claims.add(new Claim(rs.getObject(1, UUID.class), rs.getInt(2), rs.wasNull() ? null : userId, rs.getInt(4)));
                }
            }
            return claims;
        }
    }

    /**
     * Publishes every still-open operation of a claimed bulk, in chunks, extending the lease as it goes, then
     * marks the bulk published if no retry re-opened operations meanwhile. Returns the number published.
     */
    public int publishOpen(Claim claim, Duration lease) throws OperationPublisher.PublishException, SQLException {
        int published = 0;
        int lastId = -1;
        while (true) {
            List<OperationMessage> chunk = openOperations(claim, lastId);
            if (chunk.isEmpty()) {
                break;
            }
            // A small bulk stays interactive when the relay publishes it; a large one is published in full chunks.
            publisher.publish(chunk, lastId < 0 && chunk.size() < CHUNK && isInteractive(chunk.size()));
            published += chunk.size();
            lastId = chunk.get(chunk.size() - 1).id();
            extendLease(claim.bulkUuid(), lease);
        }
        markPublished(claim.bulkUuid(), claim.epoch());
        if (published > 0) {
            LOG.infof("Relay published %d open operation(s) of bulk %s", published, claim.bulkUuid());
        }
        return published;
    }

    /** Small requests overtake large bulks in the queue (a single async call must not wait for 100,000 operations). */
    private boolean isInteractive(int operations) {
        return operations <= config.interactiveMaxOperations();
    }

    private List<OperationMessage> openOperations(Claim claim, int afterId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, topic_name, store_id FROM operation WHERE bulk_uuid = ? AND status = 4 AND id > ?"
                                + " ORDER BY id LIMIT " + CHUNK)) {
            statement.setObject(1, claim.bulkUuid());
            statement.setInt(2, afterId);
            List<OperationMessage> messages = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    messages.add(new OperationMessage(claim.bulkUuid(), rs.getInt(1), rs.getString(2), rs.getInt(3),
                            claim.userId(), claim.userType()));
                }
            }
            return messages;
        }
    }

    private void extendLease(UUID bulkUuid, Duration lease) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk SET publish_lease_until = now() + ? * interval '1 millisecond' WHERE uuid = ? AND published_at IS NULL")) {
            statement.setLong(1, lease.toMillis());
            statement.setObject(2, bulkUuid);
            statement.executeUpdate();
        }
    }

    private void markPublished(UUID bulkUuid, int epoch) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE bulk SET published_at = now() WHERE uuid = ? AND publish_epoch = ? AND published_at IS NULL")) {
            statement.setObject(1, bulkUuid);
            statement.setInt(2, epoch);
            statement.executeUpdate();
        }
    }
}
