package io.catalogbulk.status.bulk;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An operation of a bulk, read-only here except for retry. */
@Entity
@Table(name = "operation")
@IdClass(Operation.Key.class)
public class Operation extends PanacheEntityBase {

    @Id
    @Column(name = "bulk_uuid")
    public UUID bulkUuid;

    @Id
    public int id;

    @Column(name = "topic_name", nullable = false)
    public String topicName;

    @Column(name = "serialized_data", nullable = false)
    public String serializedData;

    @Column(name = "store_id", nullable = false)
    public int storeId;

    @Column(name = "store_scope", nullable = false)
    public String storeScope;

    @Column(nullable = false)
    public short status;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "result_message")
    public String resultMessage;

    @Column(name = "result_serialized_data")
    public String resultSerializedData;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(nullable = false)
    public int attempts;

    /**
     * Operations of a bulk with a given status: the bare integer of /operation-status/:status. Summed from the
     * per-bulk status differences the database keeps (V60), not counted over the bulk's operations.
     */
    public static long countByStatus(UUID bulkUuid, int status) {
        Number sum = (Number) getEntityManager()
                .createNativeQuery("SELECT COALESCE(sum(delta), 0) FROM bulk_status_delta WHERE bulk_uuid = ?1 AND status = ?2")
                .setParameter(1, bulkUuid)
                .setParameter(2, (short) status)
                .getSingleResult();
        return sum.longValue();
    }

    public static class Key implements Serializable {
        public UUID bulkUuid;
        public int id;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && id == k.id && Objects.equals(bulkUuid, k.bulkUuid);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bulkUuid, id);
        }
    }
}
