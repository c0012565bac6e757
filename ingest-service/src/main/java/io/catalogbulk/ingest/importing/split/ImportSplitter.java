package io.catalogbulk.ingest.importing.split;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.quarkus.scheduler.Scheduled;

import io.catalogbulk.catalog.importexport.ImportEntityTypes;
import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.ledger.ImportLedger;
import io.catalogbulk.core.messaging.BulkPublication;
import io.catalogbulk.core.messaging.OperationPublisher;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.ingest.importing.ImportConfig;
import io.catalogbulk.ingest.importing.job.ImportJob;
import io.catalogbulk.ingest.importing.job.ImportJobs;
import io.catalogbulk.ingest.importing.source.ChunkInputStream;
import io.catalogbulk.ingest.importing.source.SourceFormat;

/**
 * Splits started imports into operations, off any request: a started import is claimed under a lease (FOR UPDATE
 * SKIP LOCKED, so any number of ingest replicas share the work and never split one import twice at once), its file
 * is streamed from the database, and every {@code split-chunk-rows} rows become operations in one transaction that
 * also moves {@code split_position} and renews the lease. Each chunk's messages are published after its commit.
 * <p>
 * A splitter that dies (kill -9, lost database) simply stops renewing: once its lease runs out any replica claims
 * the import again and resumes after the last committed chunk, so no row is lost or written twice. With
 * {@code stop-on-error} a first pass validates every row and writes nothing; too many invalid rows fail the import
 * with an empty bulk.
 */
@ApplicationScoped
public class ImportSplitter {

    private static final Logger LOG = Logger.getLogger(ImportSplitter.class);

    @Inject
    DataSource dataSource;

    @Inject
    ImportConfig config;

    @Inject
    RouteTable routes;

    @Inject
    ImportLedger ledger;

    @Inject
    ImportJobs jobs;

    @Inject
    OperationPublisher publisher;

    @Inject
    BulkPublication publication;

    @Inject
    ImportEntityTypes entityTypes;

    /** This process's identity as a lease holder. */
    private final UUID self = UUID.randomUUID();
    private final AtomicInteger running = new AtomicInteger();
    private ExecutorService executor;

    @PostConstruct
    void init() {
        executor = Executors.newFixedThreadPool(Math.max(1, config.splitThreads()), r -> {
            Thread thread = new Thread(r, "import-splitter");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        // An unfinished split keeps its lease until it runs out; then another replica resumes it.
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Scheduled(every = "${catalog-bulk.import.split-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Claims imports waiting to be split while this replica has a free splitting thread. */
    public synchronized void wake() {
        while (running.get() < Math.max(1, config.splitThreads())) {
            Optional<ImportJob> claimed;
            try {
                claimed = claim();
            } catch (SQLException e) {
                LOG.debugf("No import claimed: %s", e.getMessage());
                return;
            }
            if (claimed.isEmpty()) {
                return;
            }
            ImportJob job = claimed.get();
            running.incrementAndGet();
            try {
                executor.execute(() -> {
                    try {
                        split(job);
                    } catch (Exception e) {
                        // Left to the lease: another attempt resumes from the last committed chunk.
                        LOG.warnf("Splitting import %s stopped (%s); it resumes once its lease runs out", job.uuid(), e.getMessage());
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                running.decrementAndGet();
                return;
            }
        }
    }

    private Optional<ImportJob> claim() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "UPDATE import_job j SET split_owner = ?, split_lease_until = now() + ? * interval '1 millisecond',"
                                + " state = 'splitting' WHERE j.uuid = (SELECT uuid FROM import_job WHERE state IN ('queued', 'splitting')"
                                + " AND split_lease_until < now() ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
                                + " RETURNING " + ImportJobs.COLUMNS)) {
            connection.setAutoCommit(true);
            statement.setObject(1, self);
            statement.setLong(2, config.splitLease().toMillis());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(ImportJobs.read(rs)) : Optional.empty();
            }
        }
    }

    /** The lease was lost to another splitter (this one was too slow): stop without writing anything more. */
    static final class LeaseLost extends Exception {
        LeaseLost(UUID job) {
            super("The split lease of import " + job + " was taken over");
        }
    }

    void split(ImportJob job) throws Exception {
        ImportParameters parameters = ImportParameters.stored(job.parameters(), config.maxCellChars());
        RouteDeclaration route = ImportJobs.route(routes, job.route())
                .orElseThrow(() -> new IllegalStateException("Import " + job.uuid() + " names an unknown route " + job.route()));
        RowPlan plan = plan(job, route, parameters, entityTypes);
        SourceFormat format = jobs.sourceFormat(job.sourceUuid());
        try {
            if (parameters.stopOnError() && job.splitPhase().equals("validate")) {
                if (!validateAll(job, plan, parameters, format)) {
                    return;
                }
            }
            write(job, plan, parameters, format);
        } catch (RowSource.Unreadable e) {
            fail(job, e.row, "The file cannot be read from row " + e.row + " on: " + e.getMessage());
        } catch (LeaseLost e) {
            LOG.infof("%s", e.getMessage());
        }
    }

    /** How the rows of an import become items of its route: a Magento type's rows are planned by that type. */
    public static RowPlan plan(ImportJob job, RouteDeclaration route, ImportParameters parameters, ImportEntityTypes types) {
        if (parameters.importType().equals(ImportParameters.ROUTE_TYPE)) {
            return new RowPlan(route, parameters);
        }
        return new RowPlan(route, parameters, types.byCode(parameters.importType())
                .orElseThrow(() -> new IllegalStateException("Import " + job.uuid() + " names an unknown type " + parameters.importType())));
    }

    private RowSource open(ImportJob job, ImportParameters parameters, SourceFormat format) throws IOException {
        InputStream in = new ChunkInputStream(dataSource, job.sourceUuid());
        return new RowSource(in, format, parameters.format(), config.maxCellChars());
    }

    /** stop-on-error's first pass: true when the import may be written, false when it failed (and was recorded so). */
    private boolean validateAll(ImportJob job, RowPlan plan, ImportParameters parameters, SourceFormat format) throws Exception {
        ArrayNode errors = Json.MAPPER.createArrayNode();
        long invalid = 0;
        long rows = 0;
        try (RowSource source = open(job, parameters, format)) {
            RowSource.Row row;
            while ((row = source.next()) != null) {
                rows++;
                RowPlan.Outcome outcome = plan.plan(row);
                if (!outcome.valid()) {
                    invalid++;
                    addErrors(errors, row.number(), outcome.errors());
                }
                if (rows % config.splitChunkRows() == 0) {
                    renew(job);
                }
            }
        }
        final long total = rows;
        final long invalidRows = invalid;
        if (invalid > parameters.allowedErrorCount()) {
            inTransaction(job, connection -> {
                owned(connection, job, "state = 'failed', rows_total = ?, rows_invalid = ?, errors = ?::jsonb,"
                        + " split_finished_at = now()", total, invalidRows, Json.string(errors));
                ledger.splitFinished(connection, job.bulkUuid(), true);
            });
            return false;
        }
        inTransaction(job, connection -> owned(connection, job, "split_phase = 'write'"));
        return true;
    }

    /** How far a split got: the invalid rows and first errors found so far, carried from pass to pass. */
    private static final class Progress {
        long invalid;
        final ArrayNode errors;
        boolean allPublished = true;

        Progress(long invalid, ArrayNode errors) {
            this.invalid = invalid;
            this.errors = errors;
        }
    }

    /**
     * The two passes: pass 1 writes and publishes every row without a store code (id = row - 1), pass 2 the store-view
     * rows (id = store_view_offset + row - 1, the offset being the file's row count), so no store-view row of any entity
     * is appended or published before every global row is. Each pass resumes where its committed chunks got.
     */
    private void write(ImportJob job, RowPlan plan, ImportParameters parameters, SourceFormat format) throws Exception {
        Progress progress = new Progress(job.rowsInvalid(),
                job.errors().isArray() ? (ArrayNode) job.errors().deepCopy() : Json.MAPPER.createArrayNode());
        if (job.splitPosition() > 0 || job.splitPass() == 2) {
            // Resumed: the chunks the lost splitter committed may not have been published (in id order: pass 1's first).
            try {
                publication.republishOpen(job.bulkUuid(), job.owner());
            } catch (Exception e) {
                progress.allPublished = false;
            }
        }
        long rows;
        if (job.splitPass() == 1) {
            rows = pass(job, plan, parameters, format, job.splitPosition(), null, progress);
            if (plan.hasStoreViewRows()) {
                final long offset = rows;
                final long invalid = progress.invalid;
                final String errors = Json.string(progress.errors);
                inTransaction(job, connection -> owned(connection, job,
                        "split_pass = 2, store_view_offset = ?, store_view_position = 0, split_position = ?, rows_invalid = ?, errors = ?::jsonb",
                        offset, offset, invalid, errors));
                pass(job, plan, parameters, format, 0, offset, progress);
            }
        } else {
            rows = job.storeViewOffset();
            pass(job, plan, parameters, format, job.storeViewPosition(), rows, progress);
        }
        final long total = rows;
        final boolean published = progress.allPublished;
        inTransaction(job, connection -> {
            owned(connection, job, "state = 'processing', rows_total = ?, split_finished_at = now()", total);
            ledger.splitFinished(connection, job.bulkUuid(), published);
        });
        LOG.infof("Import %s split: %d row(s) into operations of bulk %s", job.uuid(), total, job.bulkUuid());
    }

    /**
     * One pass over the file from after {@code position}: pass 1 ({@code storeViewOffset} null) takes the rows without a
     * store code, pass 2 the store-view rows. Returns the number of data rows in the file.
     */
    private long pass(ImportJob job, RowPlan plan, ImportParameters parameters, SourceFormat format, long position, Long storeViewOffset,
            Progress progress) throws Exception {
        boolean storeViewPass = storeViewOffset != null;
        List<ImportLedger.NewOperation> chunk = new ArrayList<>();
        long scanned = 0;
        long last = position;
        try (RowSource source = open(job, parameters, format)) {
            RowSource.Row row;
            while ((row = source.next()) != null) {
                last = row.number();
                if (row.number() <= position) {
                    continue;
                }
                scanned++;
                if (plan.storeViewRow(row) == storeViewPass) {
                    RowPlan.Outcome outcome = plan.plan(row);
                    int id = storeViewPass ? ImportJob.storeViewId(storeViewOffset, row.number()) : Math.toIntExact(row.number() - 1);
                    if (outcome.valid()) {
                        chunk.add(new ImportLedger.NewOperation(id, outcome.data(), OperationStatus.OPEN, null, null, outcome.entityKey()));
                    } else {
                        progress.invalid++;
                        addErrors(progress.errors, row.number(), outcome.errors());
                        chunk.add(new ImportLedger.NewOperation(id, outcome.data(), OperationStatus.NOT_RETRIABLY_FAILED, 400,
                                String.join(" ", outcome.errors())));
                    }
                }
                // A chunk is full; or many rows of the other pass were passed over: the position moves (and the lease is
                // renewed, and a cancel noticed) without waiting for a full chunk.
                if (chunk.size() >= config.splitChunkRows() || scanned >= 10L * config.splitChunkRows()) {
                    progress.allPublished &= commitChunk(job, chunk, storeViewPass, row.number(), progress);
                    chunk = new ArrayList<>();
                    scanned = 0;
                }
            }
            if (!chunk.isEmpty() || scanned > 0) {
                progress.allPublished &= commitChunk(job, chunk, storeViewPass, last, progress);
            }
        }
        return last;
    }

    /** One chunk and the position after it, committed together; then its open operations published. */
    private boolean commitChunk(ImportJob job, List<ImportLedger.NewOperation> chunk, boolean storeViewPass, long position,
            Progress progress) throws Exception {
        final long invalid = progress.invalid;
        final String errors = Json.string(progress.errors);
        inTransaction(job, connection -> {
            owned(connection, job, (storeViewPass ? "store_view_position" : "split_position") + " = ?, rows_invalid = ?, errors = ?::jsonb",
                    position, invalid, errors);
            ledger.appendCounted(connection, job.bulkUuid(), job.topic(), job.scope(), chunk);
        });
        List<OperationMessage> messages = new ArrayList<>();
        for (ImportLedger.NewOperation operation : chunk) {
            if (operation.status() == OperationStatus.OPEN) {
                messages.add(new OperationMessage(job.bulkUuid(), operation.id(), job.topic(), job.scope().storeId(), job.owner().userId(),
                        job.owner().userType()));
            }
        }
        if (messages.isEmpty()) {
            return true;
        }
        try {
            publisher.publish(messages);
            return true;
        } catch (OperationPublisher.PublishException e) {
            // Stored: the relay publishes them once the split has handed the bulk's lease back.
            LOG.warnf("Operations of import %s stored but not published (%s)", job.uuid(), e.getMessage());
            return false;
        }
    }

    private void fail(ImportJob job, long row, String message) throws Exception {
        ArrayNode errors = job.errors().isArray() ? (ArrayNode) job.errors().deepCopy() : Json.MAPPER.createArrayNode();
        addErrors(errors, row, List.of(message));
        inTransaction(job, connection -> {
            owned(connection, job, "state = 'failed', errors = ?::jsonb, rows_total = split_position,"
                    + " split_finished_at = now()", Json.string(errors));
            ledger.splitFinished(connection, job.bulkUuid(), false);
        });
    }

    private void renew(ImportJob job) throws Exception {
        inTransaction(job, connection -> owned(connection, job, "state = 'splitting'"));
    }

    private void addErrors(ArrayNode errors, long row, List<String> messages) {
        for (String message : messages) {
            if (errors.size() < config.maxReportedErrors()) {
                errors.addObject().put("row", row).put("message", message).put("error_code", 400);
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException, LeaseLost;
    }

    /** One transaction that first renews the lease (and fails with {@link LeaseLost} if it is no longer ours). */
    private void inTransaction(ImportJob job, Work work) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | LeaseLost | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** Updates the import only while this splitter holds its lease, renewing it; {@link LeaseLost} otherwise. */
    private void owned(Connection connection, ImportJob job, String assignments, Object... values) throws SQLException, LeaseLost {
        if (!ImportJobs.updateLeased(connection, job.uuid(), self, config.splitLease().toMillis(), assignments, values)) {
            throw new LeaseLost(job.uuid());
        }
    }
}
