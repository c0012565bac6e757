package io.catalogbulk.core.ledger;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.catalogbulk.core.operation.Caller;

/** A bulk as its status routes show it: who submitted it, what, how many operations, when. */
public record Bulk(UUID uuid, Caller owner, String description, int operationCount, OffsetDateTime startTime) {
}
