package io.catalogbulk.catalog.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportEntityTypes;
import io.catalogbulk.catalog.importexport.ImportRow;
import io.catalogbulk.core.csv.CsvFormat;
import io.catalogbulk.core.csv.CsvReader;
import io.catalogbulk.core.csv.CsvRecord;
import io.catalogbulk.core.db.Backoff;
import io.catalogbulk.core.db.Transactions;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Applies an import file's rows through an {@link ImportEntityType} the way the import machinery does, without it:
 * every row is sealed, validated, then (when valid) applied in its own committed transaction of the real database,
 * rows without a store code before store-view rows (the contract's order within an entity). The outcome of each row
 * is {@code "ok"} or its errors, rendered, in Magento's report form {@code "Row 3: ..."}.
 */
@ApplicationScoped
@Unremovable
public class ImportRuns {

    private static final Caller ADMIN = new Caller(1, UserType.ADMIN);

    @Inject
    ImportEntityTypes types;

    @Inject
    DataSource dataSource;

    /** The rows of a test resource (a Magento import CSV), numbered as Magento's import reports number them. */
    public static List<ImportRow> rows(String resource) throws IOException {
        try (InputStream in = ImportRuns.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The rows of CSV text (header first). */
    public static List<ImportRow> csv(String text) throws IOException {
        return parse(text);
    }

    private static List<ImportRow> parse(String text) throws IOException {
        List<ImportRow> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(text), CsvFormat.DEFAULT)) {
            CsvRecord header = reader.next();
            for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.cell(i), i < record.size() ? record.cell(i) : "");
                }
                rows.add(new ImportRow(rows.size() + 1, cells));
            }
        } catch (io.catalogbulk.core.csv.CsvFormatException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    /** Applies the rows; the outcome of each, in row order. */
    public static List<String> apply(String type, ImportBehaviour behaviour, List<ImportRow> rows) {
        return Arc.container().instance(ImportRuns.class).get().run(type, behaviour, rows);
    }

    List<String> run(String code, ImportBehaviour behaviour, List<ImportRow> given) {
        ImportEntityType type = type(code);
        Map<Long, String> outcomes = new LinkedHashMap<>();
        for (ImportRow row : checked(type, behaviour, given, outcomes)) {
            try {
                JsonNode result = Transactions.inTransaction(dataSource, 3, new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)),
                        connection -> type.apply(new OperationContext(connection, StoreScope.all(), ADMIN, true), row, behaviour));
                outcomes.put(row.number(), result == null ? "no result" : "ok");
            } catch (WebapiException e) {
                outcomes.put(row.number(), "Row " + row.number() + ": " + render(e));
            } catch (Exception e) {
                throw new AssertionError("row " + row.number() + " threw " + e, e);
            }
        }
        return inGivenOrder(given, outcomes);
    }

    private ImportEntityType type(String code) {
        return types.byCode(code).orElseThrow(() -> new AssertionError("no import type " + code));
    }

    /**
     * The rows sealed and validated as the import machinery does, rows without a store code first: the valid ones,
     * in that order; each invalid one's outcome goes into {@code outcomes}.
     */
    private static List<ImportRow> checked(ImportEntityType type, ImportBehaviour behaviour, List<ImportRow> given,
            Map<Long, String> outcomes) {
        List<ImportRow> ordered = new ArrayList<>(given);
        type.storeColumn().ifPresent(column -> ordered.sort(Comparator.comparing((ImportRow row) -> row.has(column))));
        List<ImportRow> valid = new ArrayList<>();
        for (ImportRow raw : ordered) {
            ImportRow row = type.seal(raw);
            List<String> errors = type.validate(row, behaviour);
            if (errors.isEmpty()) {
                valid.add(row);
            } else {
                outcomes.put(row.number(), "Row " + row.number() + ": " + String.join("; ", errors));
            }
        }
        return valid;
    }

    private static List<String> inGivenOrder(List<ImportRow> given, Map<Long, String> outcomes) {
        List<String> out = new ArrayList<>();
        given.forEach(row -> out.add(outcomes.get(row.number())));
        return out;
    }

    /**
     * Applies the valid rows as the worker applies a batch of import operations: in one transaction, through the
     * type's set-based {@link ImportEntityType#applyAll} (global rows before store-view rows). The outcome of each
     * row; a failure of the batch is the test's failure (the worker would redo the batch row by row).
     */
    public static List<String> applyBatch(String type, ImportBehaviour behaviour, List<ImportRow> rows) {
        return Arc.container().instance(ImportRuns.class).get().runBatch(type, behaviour, rows);
    }

    List<String> runBatch(String code, ImportBehaviour behaviour, List<ImportRow> given) {
        ImportEntityType type = type(code);
        Map<Long, String> outcomes = new LinkedHashMap<>();
        List<ImportRow> valid = checked(type, behaviour, given, outcomes);
        try {
            List<JsonNode> results = Transactions.inTransaction(dataSource, 3, new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1)),
                    connection -> type.applyAll(valid.stream().map(row -> new ImportEntityType.Application(
                            new OperationContext(connection, StoreScope.all(), ADMIN, true), row, behaviour)).toList()));
            for (int i = 0; i < valid.size(); i++) {
                outcomes.put(valid.get(i).number(), results.get(i) == null ? "no result" : "ok");
            }
        } catch (Exception e) {
            throw new AssertionError("the batch threw " + e, e);
        }
        return inGivenOrder(given, outcomes);
    }

    private static String render(WebapiException e) {
        if (e.errors().isEmpty()) {
            return e.phrase().render();
        }
        List<String> messages = new ArrayList<>();
        e.errors().forEach(error -> messages.add(error.phrase().render()));
        return String.join("; ", messages);
    }
}
