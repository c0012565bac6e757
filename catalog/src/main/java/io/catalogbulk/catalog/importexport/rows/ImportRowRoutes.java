package io.catalogbulk.catalog.importexport.rows;

import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Arc;

import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportEntityTypes;
import io.catalogbulk.catalog.importexport.ImportRow;
import io.catalogbulk.catalog.importexport.customer.CustomerImportType;
import io.catalogbulk.catalog.importexport.pricing.AdvancedPricingImportType;
import io.catalogbulk.catalog.importexport.product.ProductImportType;
import io.catalogbulk.catalog.importexport.stock.StockSourcesImportType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.webapi.Phrase;

/**
 * One row of a Magento import entity type ({@code catalog_product}, {@code customer}, {@code advanced_pricing},
 * {@code stock_sources}) as a route: what an asynchronous import of such a file runs for each of its rows, and what an
 * integration may send itself, one row synchronously or many as a bulk, without a file. The route's checks are the
 * type's own {@link ImportEntityType#validate} (so an invalid row is refused before it is stored), its seal is the
 * type's {@link ImportEntityType#seal} (a customer password is never stored in clear), its lock key the entity's.
 * Beside {@code Magento_ImportExport::import} the handler requires the type's own ACL resource.
 */
public final class ImportRowRoutes {

    public static final String PATH = "/V1/import/rows/:entityType";
    /** As the import machinery names it ({@code ImportJobs.route}). */
    public static final String NAME = "POST " + PATH;

    static final ObjectSchema ROW = ObjectSchema.named("CatalogBulk\\Import\\Api\\Data\\ImportRowInterface")
            .described("number", ScalarType.INT, "the file's row number, 1 for the first data row (reported in errors)")
            .described("behaviour", ScalarType.STRING, "append (default), replace or delete")
            .required("cells", cells())
            .described("multiple_value_separator", ScalarType.STRING, "default \",\"")
            .described("empty_value_constant", ScalarType.STRING, "default \"__EMPTY__VALUE__\"")
            .build();

    /** The cells by column: any column of the four types, as text; the type's check refuses another type's columns. */
    private static ObjectSchema cells() {
        Set<String> columns = new LinkedHashSet<>();
        columns.addAll(ProductImportType.COLUMNS);
        columns.addAll(CustomerImportType.COLUMNS);
        columns.addAll(AdvancedPricingImportType.COLUMNS);
        columns.addAll(StockSourcesImportType.COLUMNS);
        ObjectSchema.Builder cells = ObjectSchema.named("CatalogBulk\\Import\\Api\\Data\\ImportRowCellsInterface");
        columns.forEach(column -> cells.field(column, ScalarType.STRING));
        return cells.build();
    }

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, PATH)
                    .service("CatalogBulk\\Import\\Api\\ImportRowInterface", "apply")
                    .acl(AclResources.IMPORT)
                    .summary("Apply one row of a Magento import entity type (catalog_product, customer, advanced_pricing,"
                            + " stock_sources) with an import behaviour; also needs the type's own ACL resource")
                    .pathParam("entityType", ScalarType.STRING)
                    .requiredBody("row", ROW)
                    .check(ImportRowRoutes::check)
                    .seal(ImportRowRoutes::seal)
                    .lockKey(ImportRowRoutes::lockKey)
                    .handledBy(ImportRowService.class, ImportRowService::apply, ImportRowService::applyAll));

    /** The type a request names, found among the beans (checks and seals run outside any bean). */
    static Optional<ImportEntityType> type(ObjectNode params) {
        return Arc.container().instance(ImportEntityTypes.class).get().byCode(params.path("entityType").asText(""));
    }

    /** The row as the type sees it. */
    static ImportRow row(ObjectNode params) {
        JsonNode row = params.path("row");
        return ImportRow.fromJson(row.path("number").asLong(0), row.path("cells"),
                row.path("multiple_value_separator").asText(ImportRow.DEFAULT_MULTIPLE_VALUE_SEPARATOR),
                row.path("empty_value_constant").asText(ImportRow.DEFAULT_EMPTY_VALUE_CONSTANT));
    }

    static Optional<ImportBehaviour> behaviour(ObjectNode params) {
        JsonNode behaviour = params.path("row").path("behaviour");
        return behaviour.isMissingNode() || behaviour.isNull() ? Optional.of(ImportBehaviour.APPEND) : ImportBehaviour.parse(behaviour.asText());
    }

    /** The refusal of a row whose entity type is unknown (validation and the worker say the same). */
    static Phrase unknownType(ObjectNode params) {
        return Phrase.positional("\"%1\" is not an import entity type. Use one of: %2.", params.path("entityType").asText(""),
                String.join(", ", Arc.container().instance(ImportEntityTypes.class).get().codes()));
    }

    /** The refusal of a row whose behaviour is unknown (validation and the worker say the same). */
    static Phrase unknownBehaviour(ObjectNode params) {
        return Phrase.positional("\"%1\" is not an import behaviour. Use append, replace or delete.",
                params.path("row").path("behaviour").asText());
    }

    static List<Phrase> check(ObjectNode params) {
        Optional<ImportEntityType> type = type(params);
        if (type.isEmpty()) {
            return List.of(unknownType(params));
        }
        Optional<ImportBehaviour> behaviour = behaviour(params);
        if (behaviour.isEmpty()) {
            return List.of(unknownBehaviour(params));
        }
        ImportRow row = row(params);
        List<String> unknown = row.cells().keySet().stream().filter(column -> !type.get().columns().contains(column)).toList();
        if (!unknown.isEmpty()) {
            return List.of(Phrase.positional("Column names: \"%1\" are invalid", String.join(",", unknown)));
        }
        List<Phrase> errors = new ArrayList<>();
        type.get().validate(row, behaviour.get()).forEach(message -> errors.add(Phrase.of(message)));
        return errors;
    }

    static void seal(ObjectNode params) {
        Optional<ImportEntityType> type = type(params);
        if (type.isPresent()) {
            ImportRow sealed = type.get().seal(row(params));
            ((ObjectNode) params.get("row")).set("cells", sealed.cellsJson());
        }
    }

    /**
     * The entity's own lock key, the same for its row without a store code and its store-view rows: they are one entity
     * (same locks, and the same entity key for ordering in the worker). The order between them comes from the split:
     * the store-view rows are appended and published after every global row, with higher operation ids (a worker batch
     * executes in lock-key order, then id order).
     */
    static String lockKey(ObjectNode params) {
        Optional<ImportEntityType> type = type(params);
        if (type.isEmpty()) {
            return "import:" + params.path("entityType").asText("");
        }
        return type.get().lockKey(row(params));
    }

    private ImportRowRoutes() {
    }
}
