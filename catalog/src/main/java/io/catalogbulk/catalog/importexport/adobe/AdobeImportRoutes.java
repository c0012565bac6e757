package io.catalogbulk.catalog.importexport.adobe;

import static io.catalogbulk.core.route.HttpMethod.POST;
import static io.catalogbulk.core.route.RouteDeclaration.route;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.importexport.customer.CustomerImportType;
import io.catalogbulk.catalog.importexport.pricing.AdvancedPricingImportType;
import io.catalogbulk.catalog.importexport.product.ProductImportType;
import io.catalogbulk.catalog.importexport.stock.StockSourcesImportType;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;

/**
 * Adobe Commerce 2.4.7's synchronous import routes (modules ImportCsvApi and ImportJsonApi): a connector written for
 * them sends its base64 CSV or its JSON rows here and gets Adobe's answer. They are synchronous only: queued, the
 * request (and any customer password in it) would be stored as it is; the asynchronous import of files is the
 * import machinery's ({@code /V1/import/sources}, import.md), where rows are sealed before they are stored.
 */
public final class AdobeImportRoutes {

    /** Magento_ImportExport::import (System > Data Transfer > Import). */
    public static final AclResource IMPORT = AclResources.IMPORT;

    static final ObjectSchema CSV_SOURCE = source("Magento\\ImportCsvApi\\Api\\Data\\SourceDataInterface")
            .field("csv_data", ScalarType.STRING)
            .build();

    static final ObjectSchema JSON_SOURCE = source("Magento\\ImportJsonApi\\Api\\Data\\SourceDataInterface")
            .field("items", ListType.of(row()))
            .build();

    /**
     * One JSON row: any column of the four Magento types, each a string (numbers are taken as their text). A key that
     * is no column of any type is refused as a 400 naming it; the entity's own header check then refuses the columns
     * of other types as Adobe does ("Column names: ... are invalid").
     */
    private static ObjectSchema row() {
        Set<String> columns = new LinkedHashSet<>();
        columns.addAll(ProductImportType.COLUMNS);
        columns.addAll(CustomerImportType.COLUMNS);
        columns.addAll(AdvancedPricingImportType.COLUMNS);
        columns.addAll(StockSourcesImportType.COLUMNS);
        ObjectSchema.Builder row = ObjectSchema.named("Magento\\ImportJsonApi\\Api\\Data\\ItemInterface");
        columns.forEach(column -> row.field(column, ScalarType.STRING));
        return row.build();
    }

    private static ObjectSchema.Builder source(String name) {
        return ObjectSchema.named(name)
                .field("entity", ScalarType.STRING)
                .field("behavior", ScalarType.STRING)
                .field("validation_strategy", ScalarType.STRING)
                .field("allowed_error_count", ScalarType.STRING)
                .field("import_field_separator", ScalarType.STRING)
                .field("import_multiple_value_separator", ScalarType.STRING)
                .field("import_empty_attribute_value_constant", ScalarType.STRING)
                .field("import_images_file_dir", ScalarType.STRING)
                .field("locale", ScalarType.STRING);
    }

    public static final List<RouteDeclaration> ROUTES = List.of(
            route(POST, "/V1/import/csv")
                    .service("Magento\\ImportCsvApi\\Api\\StartImportInterface", "execute")
                    .acl(IMPORT)
                    .summary("Import a base64 CSV of a Magento entity type now; answers [\"Entities Processed: N\"] or every failed row")
                    .requiredBody("source", CSV_SOURCE)
                    .lockKey(AdobeImportRoutes::lockKey)
                    .syncOnly()
                    .handledBy(AdobeImportService.class, AdobeImportService::importCsv),
            route(POST, "/V1/import/json")
                    .service("Magento\\ImportJsonApi\\Api\\StartImportInterface", "execute")
                    .acl(IMPORT)
                    .summary("Import JSON rows (keys = CSV columns) of a Magento entity type now; same answer as /V1/import/csv")
                    .requiredBody("source", JSON_SOURCE)
                    .lockKey(AdobeImportRoutes::lockKey)
                    .syncOnly()
                    .handledBy(AdobeImportService.class, AdobeImportService::importJson));

    static String lockKey(ObjectNode params) {
        return "import:" + params.path("source").path("entity").asText("").toLowerCase(Locale.ROOT);
    }

    private AdobeImportRoutes() {
    }
}
