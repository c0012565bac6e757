package io.catalogbulk.ingest.importing.job;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.csv.CsvFormat;
import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.ledger.ImportLedger;
import io.catalogbulk.core.ledger.PublicationLedger;
import io.catalogbulk.core.messaging.OperationPublisher;
import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.importing.ImportConfig;
import io.catalogbulk.ingest.importing.source.SourceFormat;
import io.catalogbulk.ingest.importing.split.ImportParameters;
import io.catalogbulk.ingest.importing.split.ImportSplitter;
import io.catalogbulk.ingest.importing.split.RowPlan;
import io.catalogbulk.ingest.importing.split.RowSource;

/**
 * Runs failed rows of an import again with corrected data: each row is planned exactly as the split planned it
 * (mapping, converting rules, the route's validation); a valid one re-opens its operation with the new data and is
 * published as a retry is, an invalid one keeps failing with the new message. The corrected data is kept, so the
 * failed-rows download shows what was last sent.
 */
@ApplicationScoped
public class RowCorrections {

    private static final Logger LOG = Logger.getLogger(RowCorrections.class);
    private static final int BATCH = 500;

    @Inject
    DataSource dataSource;

    @Inject
    io.catalogbulk.catalog.importexport.ImportEntityTypes entityTypes;

    @Inject
    ImportConfig config;

    @Inject
    ImportJobs jobs;

    @Inject
    ImportLedger ledger;

    @Inject
    PublicationLedger publications;

    @Inject
    OperationPublisher publisher;

    @Inject
    RouteTable routes;

    /** One row's new data: cells by column (CSV sources) or the element (JSON sources). */
    public record Correction(long row, ObjectNode data) {
    }

    public record RowError(long row, String message) {
    }

    public record Result(int requeued, List<RowError> errors) {
    }

    public Result requeue(ImportJob job, List<Correction> corrections) throws Exception {
        if (!job.state().equals("processing")) {
            throw WebapiException.badRequest(Phrase.of("The import %uuid is %state: rows can run again once it has been split.",
                    Map.of("uuid", job.uuid(), "state", job.state())));
        }
        if (job.cancelledAt() != null) {
            throw WebapiException.badRequest(Phrase.of("The import %uuid was cancelled: its rows do not run again.", Map.of("uuid", job.uuid())));
        }
        RouteDeclaration route = ImportJobs.route(routes, job.route()).orElseThrow();
        RowPlan plan = ImportSplitter.plan(job, route, ImportParameters.stored(job.parameters(), config.maxCellChars()), entityTypes);
        SourceFormat format = jobs.sourceFormat(job.sourceUuid());
        List<RowError> errors = new ArrayList<>();
        List<OperationMessage> messages = new ArrayList<>();
        int epoch;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Correction correction : corrections) {
                    // A global row's operation is row - 1, a store-view row's comes after the global rows: it is one of them.
                    Optional<ImportLedger.FailedOperation> failed = Optional.empty();
                    for (int candidate : job.idsOf(correction.row())) {
                        failed = ledger.lockFailed(connection, job.bulkUuid(), candidate);
                        if (failed.isPresent()) {
                            break;
                        }
                    }
                    if (failed.isEmpty()) {
                        errors.add(new RowError(correction.row(), "Row " + correction.row() + " has not failed: only a failed row can run again."));
                        continue;
                    }
                    int id = failed.get().id();
                    RowSource.Row row = format == SourceFormat.CSV
                            ? new RowSource.Row(correction.row(), cells(correction.data()), null, null)
                            : new RowSource.Row(correction.row(), null, correction.data(), null);
                    RowPlan.Outcome outcome = plan.plan(row);
                    // Kept as the split keeps a row: a Magento type's row sealed (a corrected customer password is never at rest).
                    ImportJobs.putOverride(connection, job.uuid(), correction.row(), Json.string(plan.stored(row)));
                    if (outcome.valid()) {
                        ledger.replace(connection, job.bulkUuid(), id, outcome.data(), OperationStatus.OPEN, null, null, outcome.entityKey());
                        messages.add(new OperationMessage(job.bulkUuid(), id, job.topic(), job.scope().storeId(), job.owner().userId(),
                                job.owner().userType()));
                    } else {
                        String message = String.join(" ", outcome.errors());
                        ledger.replace(connection, job.bulkUuid(), id, Json.bytes(plan.stored(row)), OperationStatus.NOT_RETRIABLY_FAILED,
                                400, message);
                        errors.add(new RowError(correction.row(), message));
                    }
                }
                epoch = messages.isEmpty() ? -1 : ledger.reopened(connection, job.bulkUuid(), config.splitLease().toMillis());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(connection);
                throw e;
            }
        }
        if (!messages.isEmpty()) {
            try {
                publisher.publish(messages, messages.size() <= 100);
                publications.markPublished(job.bulkUuid(), epoch);
            } catch (OperationPublisher.PublishException e) {
                // Re-opened and leased: the publish relay publishes them once the lease runs out.
                LOG.warnf("Re-opened rows of import %s left to the relay (%s)", job.uuid(), e.getMessage());
            }
        }
        return new Result(messages.size(), errors);
    }

    /** A resubmitted file (the failed-rows download, edited), streamed and requeued in batches. */
    public Result resubmit(ImportJob job, InputStream body, SourceFormat bodyFormat) throws Exception {
        SourceFormat sourceFormat = jobs.sourceFormat(job.sourceUuid());
        int requeued = 0;
        List<RowError> errors = new ArrayList<>();
        List<Correction> batch = new ArrayList<>();
        // Our own download is plain RFC 4180 (no escape character).
        try (RowSource rows = new RowSource(body, bodyFormat, new CsvFormat(',', '"', null, config.maxCellChars()), config.maxCellChars())) {
            if (bodyFormat == SourceFormat.CSV && !rows.header().contains("row")) {
                throw WebapiException.badRequest("The resubmitted CSV needs the column \"row\" of the failed-rows download.");
            }
            RowSource.Row row;
            while ((row = rows.next()) != null) {
                Correction correction = correction(row, sourceFormat);
                if (correction == null) {
                    addError(errors, new RowError(row.number(), "Line " + (row.number() + 1) + " names no valid row number."));
                    continue;
                }
                batch.add(correction);
                if (batch.size() == BATCH) {
                    Result result = requeue(job, batch);
                    requeued += result.requeued();
                    result.errors().forEach(e -> addError(errors, e));
                    batch.clear();
                }
            }
        } catch (RowSource.Unreadable e) {
            throw WebapiException.badRequest(Phrase.of("The resubmitted file cannot be read: %reason", Map.of("reason", e.getMessage())));
        } catch (IOException e) {
            throw WebapiException.badRequest(Phrase.of("The resubmitted file cannot be read: %reason", Map.of("reason", String.valueOf(e.getMessage()))));
        }
        if (!batch.isEmpty()) {
            Result result = requeue(job, batch);
            requeued += result.requeued();
            result.errors().forEach(e -> addError(errors, e));
        }
        return new Result(requeued, errors);
    }

    private void addError(List<RowError> errors, RowError error) {
        if (errors.size() < config.maxReportedErrors()) {
            errors.add(error);
        }
    }

    /** A line of the resubmitted file as a correction: its {@code row}, and its data without row and error. */
    private static Correction correction(RowSource.Row line, SourceFormat sourceFormat) {
        long number;
        ObjectNode data = Json.MAPPER.createObjectNode();
        if (line.cells() != null) {
            try {
                number = Long.parseLong(line.cells().getOrDefault("row", "").trim());
            } catch (NumberFormatException e) {
                return null;
            }
            if (sourceFormat == SourceFormat.CSV) {
                line.cells().forEach((column, value) -> {
                    if (!column.equals("row") && !column.equals("error")) {
                        data.put(column, value);
                    }
                });
            } else {
                JsonNode parsed;
                try {
                    parsed = Json.parse(line.cells().getOrDefault("data", ""));
                } catch (RuntimeException e) {
                    return null;
                }
                if (!(parsed instanceof ObjectNode object)) {
                    return null;
                }
                data.setAll(object);
            }
        } else {
            JsonNode element = line.element();
            if (element == null || !element.path("row").canConvertToLong() || !element.path("data").isObject()) {
                return null;
            }
            number = element.get("row").asLong();
            data.setAll((ObjectNode) element.get("data"));
        }
        return number < 1 ? null : new Correction(number, data);
    }

    private static Map<String, String> cells(ObjectNode data) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            cells.put(member.getKey(), member.getValue().isNull() ? "" : member.getValue().asText());
        }
        return cells;
    }
}
