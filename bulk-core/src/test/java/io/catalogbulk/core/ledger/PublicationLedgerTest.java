package io.catalogbulk.core.ledger;

import static io.catalogbulk.core.operation.OperationStatus.COMPLETE;
import static io.catalogbulk.core.operation.OperationStatus.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.core.operation.OperationStatus.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationStatus;

/** Leases, the publish epoch, open-operation pages and the lost-message checks, on the real database. */
class PublicationLedgerTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Duration LOST_AFTER = Duration.ofMinutes(10);

    private final PublicationLedger ledger = new PublicationLedger();

    @BeforeEach
    void connect() {
        ledger.dataSource = LedgerDatabase.dataSource();
    }

    /** An unpublished bulk of the owner whose publish lease ran out a second ago. */
    private static UUID unpublished(Caller owner, OperationStatus... statuses) throws Exception {
        UUID bulk = LedgerDatabase.bulk(owner, statuses);
        LedgerDatabase.execute("UPDATE bulk SET published_at = NULL, publish_lease_until = now() - interval '1 second'"
                + " WHERE uuid = ?", bulk);
        return bulk;
    }

    private static Optional<PublicationLedger.Claim> claimOf(List<PublicationLedger.Claim> claims, UUID bulk) {
        return claims.stream().filter(claim -> claim.bulkUuid().equals(bulk)).findFirst();
    }

    @Test
    void anUnpublishedBulkIsClaimedOnceItsLeaseRanOutAndThenLeasedToTheClaimer() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID expired = unpublished(owner, OPEN);
        UUID leased = LedgerDatabase.bulk(owner, OPEN);
        LedgerDatabase.execute("UPDATE bulk SET published_at = NULL WHERE uuid = ?", leased);
        UUID published = LedgerDatabase.bulk(owner, OPEN);

        List<PublicationLedger.Claim> claims = ledger.claimUnpublished(1_000, LEASE);
        PublicationLedger.Claim claim = claimOf(claims, expired).orElseThrow();
        assertEquals(owner, claim.owner());
        assertEquals(0, claim.epoch());
        assertTrue(claimOf(claims, leased).isEmpty(), "its lease still runs");
        assertTrue(claimOf(claims, published).isEmpty(), "published");
        assertTrue(claimOf(ledger.claimUnpublished(1_000, LEASE), expired).isEmpty(), "leased to the first claimer");
    }

    @Test
    void aBulkIsMarkedPublishedOnlyWithTheEpochItWasClaimedAt() throws Exception {
        UUID bulk = unpublished(LedgerDatabase.freshOwner(), OPEN);
        LedgerDatabase.execute("UPDATE bulk SET publish_epoch = 1 WHERE uuid = ?", bulk);

        ledger.markPublished(bulk, 0);
        assertNull(LedgerDatabase.row("SELECT published_at FROM bulk WHERE uuid = ?", bulk).get("published_at"),
                "a retry re-opened operations since: they are left to the relay");
        ledger.markPublished(bulk, 1);
        assertNotNull(LedgerDatabase.row("SELECT published_at FROM bulk WHERE uuid = ?", bulk).get("published_at"));
    }

    @Test
    void extendingTheLeaseKeepsOtherClaimersAway() throws Exception {
        UUID bulk = unpublished(LedgerDatabase.freshOwner(), OPEN);
        ledger.extendLease(bulk, LEASE);
        assertTrue(claimOf(ledger.claimUnpublished(1_000, LEASE), bulk).isEmpty());
    }

    @Test
    void openOperationsComeInIdOrderWithTheirOwnerAndOnlyWhileOpen() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID bulk = LedgerDatabase.bulk(owner, OPEN, COMPLETE, OPEN, NOT_RETRIABLY_FAILED, OPEN);

        List<OperationMessage> all = ledger.openOperations(bulk, owner, -1);
        assertEquals(List.of(0, 2, 4), all.stream().map(OperationMessage::id).toList());
        OperationMessage first = all.get(0);
        assertEquals(new OperationMessage(bulk, 0, LedgerDatabase.TOPIC, 1, owner.userId(), owner.userType()), first);
        assertEquals(List.of(4), ledger.openOperations(bulk, owner, 2).stream().map(OperationMessage::id).toList(),
                "the page after id 2");
        assertTrue(ledger.openOperations(bulk, owner, 4).isEmpty());
    }

    @Test
    void aStuckPublishedBulkIsASuspectOnceUntilLostAfterHasPassedAgain() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID bulk = LedgerDatabase.bulk(owner, OPEN, COMPLETE);
        LedgerDatabase.execute("UPDATE bulk SET published_at = now() - interval '1 hour' WHERE uuid = ?", bulk);
        LedgerDatabase.execute("UPDATE operation SET finished_at = now() - interval '30 minutes' WHERE bulk_uuid = ?", bulk);
        UUID young = LedgerDatabase.bulk(owner, OPEN);

        List<PublicationLedger.Suspect> suspects = ledger.claimSuspects(LOST_AFTER, 1_000);
        assertTrue(suspects.stream().anyMatch(s -> s.bulkUuid().equals(bulk) && s.owner().equals(owner)));
        assertTrue(suspects.stream().noneMatch(s -> s.bulkUuid().equals(young)), "published just now");
        assertTrue(ledger.claimSuspects(LOST_AFTER, 1_000).stream().noneMatch(s -> s.bulkUuid().equals(bulk)),
                "checked a moment ago");
        assertFalse(ledger.progressedRecently(bulk, LOST_AFTER));
        assertTrue(ledger.progressedRecently(bulk, Duration.ofHours(1)));
    }

    @Test
    void aSuspectIsSettledOnlyWithNothingOpenAndAsPublishedWhenClaimed() throws Exception {
        Caller owner = LedgerDatabase.freshOwner();
        UUID open = LedgerDatabase.bulk(owner, OPEN, COMPLETE);
        UUID finished = LedgerDatabase.bulk(owner, COMPLETE, NOT_RETRIABLY_FAILED);
        UUID republished = LedgerDatabase.bulk(owner, COMPLETE);
        for (UUID bulk : List.of(open, finished, republished)) {
            LedgerDatabase.execute("UPDATE bulk SET published_at = now() - interval '1 hour' WHERE uuid = ?", bulk);
        }
        List<PublicationLedger.Suspect> suspects = ledger.claimSuspects(LOST_AFTER, 1_000);
        // A retry published the third one again after it was claimed.
        LedgerDatabase.execute("UPDATE bulk SET published_at = now() WHERE uuid = ?", republished);
        for (PublicationLedger.Suspect suspect : suspects) {
            if (List.of(open, finished, republished).contains(suspect.bulkUuid())) {
                ledger.settle(suspect);
            }
        }

        assertNull(settledAt(open));
        assertNotNull(settledAt(finished));
        assertNull(settledAt(republished));
    }

    private static Object settledAt(UUID bulk) throws Exception {
        return LedgerDatabase.row("SELECT settled_at FROM bulk WHERE uuid = ?", bulk).get("settled_at");
    }
}
