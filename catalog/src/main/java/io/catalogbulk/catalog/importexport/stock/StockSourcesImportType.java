package io.catalogbulk.catalog.importexport.stock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import io.catalogbulk.catalog.inventory.SourceItemRoutes;
import io.catalogbulk.catalog.inventory.SourceItemService;
import io.catalogbulk.catalog.inventory.SourceService;
import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Magento's {@code stock_sources} import (module InventoryImportExport): the quantity and status of a SKU at a source,
 * one row each, applied through {@code POST /V1/inventory/source-items} ({@code append}, {@code replace}) and
 * {@code POST /V1/inventory/source-items-delete} ({@code delete}). The source must exist ({@code default} always
 * does; {@code POST /V1/inventory/sources} creates others); a row naming an unknown one fails with Magento's message.
 */
@ApplicationScoped
@Unremovable
public class StockSourcesImportType implements ImportEntityType {

    /** Magento's header (InventoryImportExport's export and its fixture stock_sources.csv). */
    public static final List<String> COLUMNS = List.of("source_code", "sku", "status", "quantity");
    static final String INCORRECT = "\"%column\" contains incorrect value";
    static final String UNKNOWN_SOURCE = "Source code \"%code\" does not exists";

    @Inject
    ImportRouteCalls calls;

    @Inject
    SourceItemService sourceItems;

    @Override
    public String code() {
        return "stock_sources";
    }

    @Override
    public String aclResource() {
        return SourceItemRoutes.SOURCE_ITEMS.name();
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
        return List.of("source_code", "sku");
    }

    @Override
    public Optional<String> storeColumn() {
        return Optional.empty();
    }

    @Override
    public String lockKey(ImportRow row) {
        // Source items lock their product: rows of one SKU at several sources are ordered like the route's calls.
        return "product:" + String.valueOf(row.cell("sku")).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> validate(ImportRow row, ImportBehaviour behaviour) {
        List<String> errors = new ArrayList<>();
        for (String column : List.of("source_code", "sku")) {
            if (!row.has(column) || row.cell(column).isBlank()) {
                errors.add(incorrect(column));
            }
        }
        if (behaviour == ImportBehaviour.DELETE) {
            return errors;
        }
        if (row.has("quantity") && (!ImportCells.isNumber(row.cell("quantity")) || ImportCells.number(row.cell("quantity")).signum() < 0)) {
            errors.add(incorrect("quantity"));
        }
        if (row.has("status") && !row.cell("status").trim().matches("[01]")) {
            errors.add(incorrect("status"));
        }
        return errors;
    }

    @Override
    public JsonNode apply(OperationContext context, ImportRow row, ImportBehaviour behaviour) throws Exception {
        String source = row.cell("source_code").trim();
        String sku = row.cell("sku").trim();
        if (!SourceService.exists(context.connection(), source)) {
            throw WebapiException.badRequest(Phrase.of(UNKNOWN_SOURCE, Map.of("code", source)));
        }
        ObjectNode item = Json.NODES.objectNode().put("sku", sku).put("source_code", source);
        ObjectNode body = Json.NODES.objectNode();
        body.putArray("sourceItems").add(item);
        if (behaviour == ImportBehaviour.DELETE) {
            calls.call(context, StoreScope.all(), "POST /V1/inventory/source-items-delete", body);
            return Json.NODES.objectNode().put("sku", sku).put("source_code", source).put("deleted", true);
        }
        // An empty cell keeps what the SKU has at the source (a new assignment: quantity 0, in stock if positive).
        // An unknown SKU is left to the route, which refuses it with its own message.
        Optional<Long> productId = ProductLocks.lock(context.connection(), sku).map(p -> p.id());
        Optional<JsonNode> stored = behaviour == ImportBehaviour.REPLACE || productId.isEmpty() ? Optional.empty()
                : sourceItems.find(context.connection(), productId.get(), source);
        BigDecimal quantity = row.has("quantity") ? ImportCells.number(row.cell("quantity"))
                : stored.map(s -> s.get("quantity").decimalValue()).orElse(BigDecimal.ZERO);
        int status = row.has("status") ? Integer.parseInt(row.cell("status").trim())
                : stored.map(s -> s.get("status").asInt()).orElse(quantity.signum() > 0 ? 1 : 0);
        item.put("quantity", quantity).put("status", status);
        calls.call(context, StoreScope.all(), "POST /V1/inventory/source-items", body);
        return item;
    }

    static String incorrect(String column) {
        return Phrase.of(INCORRECT, Map.of("column", column)).render();
    }
}
