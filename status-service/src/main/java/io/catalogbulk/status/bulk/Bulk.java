package io.catalogbulk.status.bulk;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import io.catalogbulk.core.operation.OperationCounts;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.Principal;

/** A bulk as status-service reads it (ingest-service writes it). */
@Entity
@Table(name = "bulk")
public class Bulk extends PanacheEntityBase {

    @Id
    public UUID uuid;

    @Column(name = "user_id")
    public Integer userId;

    @Column(name = "user_type", nullable = false)
    public short userType;

    @Column(nullable = false)
    public String description;

    @Column(name = "operation_count", nullable = false)
    public int operationCount;

    @Column(name = "start_time", nullable = false)
    public OffsetDateTime startTime;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "publish_lease_until", nullable = false)
    public OffsetDateTime publishLeaseUntil;

    @Column(name = "publish_epoch", nullable = false)
    public int publishEpoch;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    /**
     * The bulk if it exists and the principal may see it: its owner (same user id and type) or a holder of
     * the bulk-log ACL resource. Anyone else gets the same answer as for an unknown uuid.
     */
    public static Optional<Bulk> visibleTo(UUID uuid, Principal principal) {
        Optional<Bulk> bulk = findByIdOptional(uuid);
        return bulk.filter(b -> canSee(b, principal));
    }

    static boolean canSee(Bulk bulk, Principal principal) {
        return principal.allows(AclResources.BULK_LOG)
                || bulk.userType == principal.userType() && java.util.Objects.equals(bulk.userId, principal.userId());
    }

    /** How many of its operations are in each status (from the per-bulk status differences of V60). */
    public OperationCounts counts() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("SELECT status, sum(delta) FROM bulk_status_delta WHERE bulk_uuid = ?1 GROUP BY status"
                        + " HAVING sum(delta) <> 0")
                .setParameter(1, uuid)
                .getResultList();
        Map<Integer, Long> byStatus = rows.stream()
                .collect(Collectors.toMap(r -> ((Number) r[0]).intValue(), r -> ((Number) r[1]).longValue()));
        return OperationCounts.fromStatusCounts(byStatus);
    }
}
