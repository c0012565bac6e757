package io.catalogbulk.catalog.importexport.adobe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.CatalogRoutes;
import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportEntityTypes;
import io.catalogbulk.catalog.importexport.ImportRow;
import io.catalogbulk.core.csv.CsvFormat;
import io.catalogbulk.core.csv.CsvFormatException;
import io.catalogbulk.core.csv.CsvReader;
import io.catalogbulk.core.csv.CsvRecord;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclTree;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * POST /V1/import/csv and /V1/import/json, synchronously as Adobe Commerce answers them: the rows are read (header
 * checked against the type's columns), sealed and validated; with {@code validation-stop-on-errors} more invalid rows
 * than {@code allowedErrorCount} apply nothing, otherwise each valid row is applied in its own savepoint of the
 * request's transaction (a failing row undoes only itself). The answer is {@code ["Entities Processed: N"]} when every
 * row was applied, else every failed row as {@code "Row n: message"} (Adobe lists only the first), followed by the
 * count of applied rows when some were applied.
 */
@ApplicationScoped
@Unremovable
public class AdobeImportService {

    static final String STOP_ON_ERRORS = "validation-stop-on-errors";
    static final String SKIP_ERRORS = "validation-skip-errors";
    /** Every ACL resource of the catalog's routes, so a type's resource is checked with its ancestors. */
    private static final AclTree ACL = AclTree.of(CatalogRoutes.ALL.stream().map(RouteDeclaration::aclResource).toList());

    @Inject
    ImportEntityTypes types;

    /** POST /V1/import/csv */
    public JsonNode importCsv(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode source = params.get("source");
        Settings settings = settings(context, source);
        String data = source.path("csv_data").asText("");
        if (data.isBlank()) {
            throw WebapiException.requiredField("csvData");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw WebapiException.badRequest("The csvData is not valid base64.");
        }
        String separator = source.path("import_field_separator").asText(",");
        if (separator.length() != 1) {
            throw WebapiException.badRequest(Phrase.positional("The field separator must be one character, not \"%1\".", separator));
        }
        List<String> header = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = new InputStreamReader(maybeGunzip(bytes), StandardCharsets.UTF_8);
                CsvReader csv = new CsvReader(reader, new CsvFormat(separator.charAt(0), '"', '\\', CsvFormat.DEFAULT_MAX_CELL_CHARS))) {
            CsvRecord first = csv.next();
            if (first == null) {
                throw WebapiException.badRequest("The csvData holds no header row.");
            }
            first.cells().forEach(cell -> header.add(cell.startsWith("\uFEFF") ? cell.substring(1) : cell));
            for (CsvRecord record = csv.next(); record != null; record = csv.next()) {
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), i < record.size() ? record.cell(i) : "");
                }
                rows.add(cells);
            }
        } catch (CsvFormatException e) {
            throw WebapiException.badRequest(Phrase.positional("The csvData is not a valid CSV file: %1", e.getMessage()));
        } catch (IOException e) {
            throw WebapiException.badRequest(Phrase.positional("The csvData could not be read: %1", e.getMessage()));
        }
        return run(context, settings, header, rows);
    }

    /** POST /V1/import/json: one object per row, its keys the CSV columns. */
    public JsonNode importJson(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode source = params.get("source");
        Settings settings = settings(context, source);
        Set<String> header = new LinkedHashSet<>();
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode item : source.path("items")) {
            if (!item.isObject()) {
                throw WebapiException.badRequest("Each of items must be an object whose keys are the import columns.");
            }
            Map<String, String> cells = new LinkedHashMap<>();
            item.fields().forEachRemaining(e -> cells.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
            header.addAll(cells.keySet());
            rows.add(cells);
        }
        if (rows.isEmpty()) {
            throw WebapiException.requiredField("items");
        }
        return run(context, settings, new ArrayList<>(header), rows);
    }

    private record Settings(ImportEntityType type, ImportBehaviour behaviour, boolean stopOnErrors, int allowedErrors,
            String multipleValueSeparator, String emptyValueConstant) {
    }

    private Settings settings(OperationContext context, JsonNode source) throws SQLException {
        String entity = source.path("entity").asText("");
        ImportEntityType type = types.byCode(entity).orElseThrow(() -> WebapiException.badRequest(Phrase.positional(
                "\"%1\" is not an import entity type. Use one of: %2.", entity, String.join(", ", types.codes()))));
        ImportBehaviour behaviour = ImportBehaviour.parse(source.path("behavior").asText("append")).orElseThrow(() ->
                WebapiException.badRequest(Phrase.positional("\"%1\" is not an import behavior. Use append, add_update, replace or delete.",
                        source.path("behavior").asText())));
        String strategy = source.path("validation_strategy").asText(STOP_ON_ERRORS);
        if (!strategy.equals(STOP_ON_ERRORS) && !strategy.equals(SKIP_ERRORS)) {
            throw WebapiException.badRequest(Phrase.positional("\"%1\" is not a validation strategy. Use %2 or %3.", strategy,
                    STOP_ON_ERRORS, SKIP_ERRORS));
        }
        String allowed = source.path("allowed_error_count").asText("0").trim();
        if (!allowed.matches("\\d{1,9}")) {
            throw WebapiException.badRequest(Phrase.positional("The allowed error count must be a whole number, not \"%1\".", allowed));
        }
        requireAcl(context, type);
        return new Settings(type, behaviour, strategy.equals(STOP_ON_ERRORS), Integer.parseInt(allowed),
                source.path("import_multiple_value_separator").asText(ImportRow.DEFAULT_MULTIPLE_VALUE_SEPARATOR),
                source.path("import_empty_attribute_value_constant").asText(ImportRow.DEFAULT_EMPTY_VALUE_CONSTANT));
    }

    private JsonNode run(OperationContext context, Settings settings, List<String> header, List<Map<String, String>> cells)
            throws SQLException {
        ImportEntityType type = settings.type();
        ArrayNode out = Json.NODES.arrayNode();
        // Adobe's header check: the key columns must be there, and every column must be one of the type's.
        List<String> missing = type.keyColumns().stream().filter(column -> !header.contains(column)).toList();
        List<String> unknown = header.stream().filter(column -> !type.columns().contains(column)).toList();
        if (!missing.isEmpty()) {
            out.add("Row 1: We can't find required columns: " + String.join(", ", missing) + ".");
        }
        if (!unknown.isEmpty()) {
            out.add("Row 1: Column names: \"" + String.join(",", unknown) + "\" are invalid");
        }
        if (!out.isEmpty()) {
            return out;
        }
        Map<Long, String> failures = new LinkedHashMap<>();
        List<ImportRow> valid = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            ImportRow row = type.seal(new ImportRow(i + 1, cells.get(i), settings.multipleValueSeparator(), settings.emptyValueConstant()));
            List<String> errors = type.validate(row, settings.behaviour());
            if (errors.isEmpty()) {
                valid.add(row);
            } else {
                failures.put(row.number(), String.join("; ", errors));
            }
        }
        int applied = 0;
        if (!(settings.stopOnErrors() && failures.size() > settings.allowedErrors())) {
            // The row without a store code first, then store-view rows, in file order (import.md §2).
            type.storeColumn().ifPresent(column -> valid.sort(Comparator.comparing((ImportRow row) -> row.has(column))));
            Connection connection = context.connection();
            for (ImportRow row : valid) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    type.apply(context, row, settings.behaviour());
                    connection.releaseSavepoint(savepoint);
                    applied++;
                } catch (WebapiException e) {
                    connection.rollback(savepoint);
                    failures.put(row.number(), message(e));
                } catch (SQLException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("Import row " + row.number() + " could not be applied", e);
                }
            }
        }
        failures.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(failure -> out.add("Row " + failure.getKey() + ": " + failure.getValue()));
        if (failures.isEmpty() || applied > 0) {
            out.add("Entities Processed: " + applied);
        }
        return out;
    }

    /** Beside Magento_ImportExport::import (the route's), the caller needs what the rows' own routes need. */
    public static void requireAcl(OperationContext context, ImportEntityType type) throws SQLException {
        AclResource resource = ACL.find(type.aclResource())
                .orElseThrow(() -> new IllegalStateException("Unknown ACL resource " + type.aclResource()));
        Set<String> held = held(context.connection(), context.caller().userType(), context.caller().userId());
        if (held.stream().noneMatch(resource::grantedBy)) {
            throw WebapiException.notAuthorized(type.aclResource());
        }
    }

    /** What the caller holds now, from the database (as the grants of users and integrations are read). */
    private static Set<String> held(Connection connection, int userType, Integer userId) throws SQLException {
        String sql = switch (userType) {
            case UserType.ADMIN -> "SELECT resources FROM admin_user WHERE user_id = ? AND is_active";
            case UserType.INTEGRATION -> "SELECT resources FROM integration WHERE id = ? AND is_active";
            default -> null;
        };
        if (sql == null || userId == null) {
            return Set.of();
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, userId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Set.of((String[]) rs.getArray(1).getArray()) : Set.of();
            }
        }
    }

    private static String message(WebapiException e) {
        if (e.errors().isEmpty()) {
            return e.phrase().render();
        }
        List<String> messages = new ArrayList<>();
        e.errors().forEach(error -> messages.add(error.phrase().render()));
        return String.join("; ", messages);
    }

    private static InputStream maybeGunzip(byte[] bytes) throws IOException {
        boolean gzip = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        return gzip ? new GZIPInputStream(new ByteArrayInputStream(bytes)) : new ByteArrayInputStream(bytes);
    }
}
