package io.catalogbulk.catalog.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SearchField;
import io.catalogbulk.core.search.SqlSearch;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Source items (SourceItemsSaveInterface, SourceItemRepositoryInterface): the quantity and status of a SKU at a
 * source. As in Magento, a save validates every item first and saves all of them or none ("Validation Failed"
 * with each item's reason).
 */
@ApplicationScoped
@Unremovable
public class SourceItemService {

    static final int MAX_PAGE_SIZE = 1000;

    static final Map<String, SearchField> SEARCH_FIELDS = fields();

    private static Map<String, SearchField> fields() {
        Map<String, SearchField> fields = new LinkedHashMap<>();
        fields.put("sku", new SearchField("sku", "p.sku", SearchField.ValueType.TEXT));
        fields.put("source_code", new SearchField("source_code", "i.source_code", SearchField.ValueType.TEXT));
        fields.put("status", new SearchField("status", "i.status", SearchField.ValueType.INTEGER));
        return Collections.unmodifiableMap(fields);
    }

    /** POST /V1/inventory/source-items: answers [] (Magento's void). */
    public JsonNode save(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        List<JsonNode> items = new ArrayList<>();
        params.get("sourceItems").forEach(items::add);
        Map<String, Optional<LockedProduct>> products = new HashMap<>();
        for (String sku : items.stream().map(i -> i.path("sku").asText("").toLowerCase()).distinct().sorted().toList()) {
            products.put(sku, sku.isBlank() ? Optional.empty() : ProductLocks.lock(connection, sku));
        }
        List<Phrase> errors = new ArrayList<>();
        for (JsonNode item : items) {
            String sku = item.path("sku").asText("");
            String source = item.path("source_code").asText("");
            if (sku.isBlank()) {
                errors.add(SourceItemRoutes.required("sku"));
            } else if (products.get(sku.toLowerCase()).isEmpty()) {
                errors.add(Phrase.positional("Product with SKU \"%1\" does not exist.", sku));
            }
            if (source.isBlank()) {
                errors.add(SourceItemRoutes.required("source_code"));
            } else if (!sourceExists(connection, source)) {
                errors.add(Phrase.positional("Source with code \"%1\" does not exist.", source));
            }
            if (!item.hasNonNull("quantity")) {
                errors.add(SourceItemRoutes.required("quantity"));
            } else if (item.get("quantity").decimalValue().signum() < 0) {
                errors.add(Phrase.positional("The quantity of \"%1\" at source \"%2\" can't be negative (%3).", sku, source,
                        item.get("quantity").asText()));
            }
            if (!item.hasNonNull("status")) {
                errors.add(SourceItemRoutes.required("status"));
            }
        }
        if (!errors.isEmpty()) {
            throw new WebapiException(400, Phrase.of("Validation Failed"),
                    errors.stream().map(WebapiException.ErrorEntry::new).toList(), null);
        }
        for (JsonNode item : items) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO inventory_source_item (product_id, source_code, quantity, status) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (product_id, source_code) DO UPDATE SET quantity = EXCLUDED.quantity, status = EXCLUDED.status")) {
                statement.setLong(1, products.get(item.get("sku").asText().toLowerCase()).get().id());
                statement.setString(2, item.get("source_code").asText());
                statement.setBigDecimal(3, item.get("quantity").decimalValue());
                statement.setInt(4, item.get("status").asInt());
                statement.executeUpdate();
            }
        }
        return Json.NODES.arrayNode();
    }

    /**
     * POST /V1/inventory/source-items-delete: answers [] (Magento's void). Every item needs a known SKU and source
     * (validated first, all or none, as save); an item that was not assigned is no error.
     */
    public JsonNode delete(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        List<JsonNode> items = new ArrayList<>();
        params.get("sourceItems").forEach(items::add);
        Map<String, Optional<LockedProduct>> products = new HashMap<>();
        for (String sku : items.stream().map(i -> i.path("sku").asText("").toLowerCase()).distinct().sorted().toList()) {
            products.put(sku, sku.isBlank() ? Optional.empty() : ProductLocks.lock(connection, sku));
        }
        List<Phrase> errors = new ArrayList<>();
        for (JsonNode item : items) {
            String sku = item.path("sku").asText("");
            String source = item.path("source_code").asText("");
            if (sku.isBlank()) {
                errors.add(SourceItemRoutes.required("sku"));
            } else if (products.get(sku.toLowerCase()).isEmpty()) {
                errors.add(Phrase.positional("Product with SKU \"%1\" does not exist.", sku));
            }
            if (source.isBlank()) {
                errors.add(SourceItemRoutes.required("source_code"));
            } else if (!sourceExists(connection, source)) {
                errors.add(Phrase.positional("Source with code \"%1\" does not exist.", source));
            }
        }
        if (!errors.isEmpty()) {
            throw new WebapiException(400, Phrase.of("Validation Failed"),
                    errors.stream().map(WebapiException.ErrorEntry::new).toList(), null);
        }
        for (JsonNode item : items) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM inventory_source_item WHERE product_id = ? AND source_code = ?")) {
                statement.setLong(1, products.get(item.get("sku").asText().toLowerCase()).get().id());
                statement.setString(2, item.get("source_code").asText());
                statement.executeUpdate();
            }
        }
        return Json.NODES.arrayNode();
    }

    /** The quantity and status of a product at a source, when it is assigned there. */
    public Optional<JsonNode> find(Connection connection, long productId, String sourceCode) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT quantity, status FROM inventory_source_item WHERE product_id = ? AND source_code = ?")) {
            statement.setLong(1, productId);
            statement.setString(2, sourceCode);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ObjectNode item = Json.NODES.objectNode();
                item.set("quantity", Json.number(rs.getBigDecimal(1)));
                item.put("status", rs.getInt(2));
                return Optional.of(item);
            }
        }
    }

    /** GET /V1/inventory/source-items?searchCriteria[...] */
    public JsonNode getList(OperationContext context, ObjectNode params) throws SQLException {
        SearchCriteria criteria = SearchCriteria.fromJson(params.get("searchCriteria"));
        SqlSearch search = SqlSearch.of(criteria, SEARCH_FIELDS, "p.sku ASC, i.source_code ASC", MAX_PAGE_SIZE);
        String from = " FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id WHERE " + search.where();
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("items");
        try (PreparedStatement statement = context.connection().prepareStatement(
                "SELECT p.sku, i.source_code, i.quantity, i.status" + from + " ORDER BY " + search.orderBy() + " LIMIT ? OFFSET ?")) {
            int next = search.bind(statement, 1);
            statement.setInt(next, search.limit());
            statement.setInt(next + 1, search.offset());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ObjectNode item = items.addObject();
                    item.put("sku", rs.getString(1));
                    item.put("source_code", rs.getString(2));
                    item.set("quantity", Json.number(rs.getBigDecimal(3)));
                    item.put("status", rs.getInt(4));
                }
            }
        }
        out.set("search_criteria", criteria.echo());
        try (PreparedStatement statement = context.connection().prepareStatement("SELECT count(*)" + from)) {
            search.bind(statement, 1);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                out.put("total_count", rs.getLong(1));
            }
        }
        return out;
    }

    private static boolean sourceExists(Connection connection, String code) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM inventory_source WHERE source_code = ?")) {
            statement.setString(1, code);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
