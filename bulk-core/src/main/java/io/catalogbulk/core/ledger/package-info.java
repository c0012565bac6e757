/**
 * The operation ledger: the only code that reads or writes the tables {@code bulk}, {@code operation} and
 * {@code bulk_status_delta}, used by all three services. One class per concern: {@link NewBulkWriter} (an
 * accepted request), {@link PublicationLedger} (publishing and the relays), {@link ExecutionLedger} (the worker's
 * locks and outcomes), {@link BulkReads} and {@link OperationReads} (status), {@link BulkLog} (the console's bulk log),
 * {@link RetryAndAcknowledge}, {@link ExpiredBulks} and {@link StoragePartitions} (retention; the weekly partitions
 * of {@code operation} and {@code bulk_status_delta} and the table {@code storage_partition}), {@link BacklogCounts} (open-operation limits and gauges),
 * {@link IdempotencyKeys} (the table {@code idempotency_key}, claimed in the bulk's own transaction) and
 * {@link BulkCancellation} (cancel a bulk's open operations).
 * <p>
 * Statuses are written into statements from {@link OperationStatus}'s codes, never as
 * bare numbers. Where a status is a condition the planner must see (partial indexes, the worker's tuned
 * statements), it is part of the SQL text rather than a bound parameter, so the plans stay the same whatever the
 * driver's prepare threshold.
 */
package io.catalogbulk.core.ledger;

import io.catalogbulk.core.operation.OperationStatus;
