package io.catalogbulk.catalog.importexport.pricing;

import static io.catalogbulk.catalog.importexport.ImportCells.incorrect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.catalog.importexport.ImportCells;
import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportRouteCalls;
import io.catalogbulk.catalog.importexport.ImportRow;
import io.catalogbulk.catalog.price.TierPriceService;
import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Magento's {@code advanced_pricing} import: one tier price per row, applied through Magento's tier price routes
 * ({@code POST /V1/products/tier-prices}, {@code POST /V1/products/tier-prices-delete}), so a refused row carries the
 * TierPriceValidator's message. A tier price is named by SKU, website, customer group and quantity: {@code append}
 * adds or changes it, {@code replace} replaces that tier price (the SKU's other tiers stay: rows are applied one at
 * a time, so a row cannot know whether it is the SKU's first of the file), {@code delete} removes it, or every tier
 * price of the SKU when the row has only the SKU (as Magento's sample file does).
 */
@ApplicationScoped
@Unremovable
public class AdvancedPricingImportType implements ImportEntityType {

    /** Magento's export header for advanced_pricing (Adobe's ImportCsv api-functional fixture advanced_pricing.csv). */
    public static final List<String> COLUMNS = List.of("sku", "tier_price_website", "tier_price_customer_group", "tier_price_qty", "tier_price",
            "tier_price_value_type");
    static final List<String> TIER_COLUMNS = COLUMNS.subList(1, COLUMNS.size() - 1);
    /** Magento's name of the all-websites scope in this column: {@code All Websites [USD]}. */
    static final String ALL_WEBSITES = "all websites";
    static final String INVALID_WEBSITE = "Invalid value in Website column (website does not exist?)";

    @Inject
    ImportRouteCalls calls;

    @Inject
    TierPriceService tierPrices;

    @Override
    public String code() {
        return "advanced_pricing";
    }

    @Override
    public String aclResource() {
        return ProductRoutes.PRODUCTS.name();
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public Set<String> ignoredColumns() {
        return Set.of();
    }

    @Override
    public List<String> keyColumns() {
        return List.of("sku");
    }

    @Override
    public Optional<String> storeColumn() {
        return Optional.empty();
    }

    @Override
    public String lockKey(ImportRow row) {
        return "product:" + String.valueOf(row.cell("sku")).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> validate(ImportRow row, ImportBehaviour behaviour) {
        List<String> errors = new ArrayList<>();
        if (!row.has("sku") || row.cell("sku").isBlank()) {
            errors.add("SKU is empty");
            return errors;
        }
        boolean anyTier = TIER_COLUMNS.stream().anyMatch(row::has);
        if (behaviour == ImportBehaviour.DELETE && !anyTier) {
            return errors;
        }
        for (String column : TIER_COLUMNS) {
            if (!row.has(column) || row.isEmptyValue(column)) {
                errors.add(String.format("Please make sure attribute \"%s\" is not empty.", column));
            }
        }
        if (row.has("tier_price_qty") && (!ImportCells.isNumber(row.cell("tier_price_qty"))
                || ImportCells.number(row.cell("tier_price_qty")).signum() <= 0)) {
            errors.add(incorrect("tier_price_qty"));
        }
        if (row.has("tier_price") && (!ImportCells.isNumber(row.cell("tier_price")) || ImportCells.number(row.cell("tier_price")).signum() < 0)) {
            errors.add(incorrect("tier_price"));
        }
        String type = type(row);
        if (type == null) {
            errors.add(incorrect("tier_price_value_type"));
        } else if (TierPriceService.DISCOUNT.equals(type) && row.has("tier_price") && ImportCells.isNumber(row.cell("tier_price"))
                && ImportCells.number(row.cell("tier_price")).compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.add(incorrect("tier_price"));
        }
        return errors;
    }

    @Override
    public JsonNode apply(OperationContext context, ImportRow row, ImportBehaviour behaviour) throws Exception {
        String sku = row.cell("sku").trim();
        ObjectNode result = Json.NODES.objectNode();
        result.put("sku", sku);
        if (behaviour == ImportBehaviour.DELETE && TIER_COLUMNS.stream().noneMatch(row::has)) {
            long productId = ProductLocks.require(context.connection(), sku).id();
            result.put("deleted", tierPrices.deleteAll(context.connection(), productId));
            return result;
        }
        ObjectNode price = Json.NODES.objectNode();
        price.put("price", ImportCells.number(row.cell("tier_price")));
        price.put("price_type", type(row));
        price.put("website_id", websiteId(context.connection(), row.cell("tier_price_website").trim()));
        price.put("sku", sku);
        price.put("customer_group", row.cell("tier_price_customer_group").trim());
        price.put("quantity", ImportCells.number(row.cell("tier_price_qty")));
        ObjectNode body = Json.NODES.objectNode();
        body.putArray("prices").add(price);
        calls.call(context, StoreScope.all(), behaviour == ImportBehaviour.DELETE ? "POST /V1/products/tier-prices-delete"
                : "POST /V1/products/tier-prices", body);
        result.set("tier_price", price);
        return result;
    }

    /** {@code Fixed} (the default when the column is absent or empty) or {@code Discount}; null for anything else. */
    static String type(ImportRow row) {
        if (!row.has("tier_price_value_type")) {
            return TierPriceService.FIXED;
        }
        String type = row.cell("tier_price_value_type").trim().toLowerCase(Locale.ROOT);
        return type.equals(TierPriceService.FIXED) || type.equals(TierPriceService.DISCOUNT) ? type : null;
    }

    /** {@code All Websites [USD]} is website 0; otherwise a website code ({@code base}). */
    static int websiteId(Connection connection, String cell) throws SQLException {
        if (cell.toLowerCase(Locale.ROOT).startsWith(ALL_WEBSITES)) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT website_id FROM store_website WHERE lower(code) = lower(?) AND website_id <> 0")) {
            statement.setString(1, cell);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw WebapiException.badRequest(INVALID_WEBSITE);
                }
                return rs.getInt(1);
            }
        }
    }
}
