package io.catalogbulk.catalog.inventory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.catalog.product.ProductStock;
import io.catalogbulk.core.webapi.Json;

/**
 * extension_attributes.stock_item of a product, kept as its source item on the default source: qty is the quantity,
 * is_in_stock the status, the same row that POST /V1/inventory/source-items writes, so both views agree.
 */
@ApplicationScoped
public class ProductStockItems implements ProductStock {

    static final String DEFAULT_SOURCE = "default";
    /** Magento's default stock. */
    static final int DEFAULT_STOCK_ID = 1;

    @Override
    public Optional<ObjectNode> stockItem(Connection connection, long productId) throws SQLException {
        return Optional.ofNullable(stockItems(connection, List.of(productId)).get(productId));
    }

    @Override
    public Map<Long, ObjectNode> stockItems(Connection connection, Collection<Long> productIds) throws SQLException {
        Map<Long, ObjectNode> out = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT product_id, quantity, status FROM inventory_source_item WHERE product_id = ANY (?) AND source_code = ?")) {
            statement.setArray(1, connection.createArrayOf("bigint", productIds.toArray()));
            statement.setString(2, DEFAULT_SOURCE);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ObjectNode item = Json.NODES.objectNode();
                    item.put("product_id", rs.getLong(1));
                    item.put("stock_id", DEFAULT_STOCK_ID);
                    item.set("qty", Json.number(rs.getBigDecimal(2)));
                    item.put("is_in_stock", rs.getInt(3) == 1);
                    out.put(rs.getLong(1), item);
                }
            }
        }
        return out;
    }

    @Override
    public void apply(Connection connection, long productId, JsonNode stockItem) throws SQLException {
        applyAll(connection, Map.of(productId, stockItem));
    }

    @Override
    public void applyAll(Connection connection, Map<Long, JsonNode> stockItems) throws SQLException {
        List<Long> products = new ArrayList<>();
        List<BigDecimal> quantities = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        stockItems.forEach((productId, stockItem) -> {
            boolean hasQty = stockItem.hasNonNull("qty");
            boolean hasStatus = stockItem.hasNonNull("is_in_stock");
            if (hasQty || hasStatus) {
                products.add(productId);
                quantities.add(hasQty ? stockItem.get("qty").decimalValue() : null);
                statuses.add(hasStatus ? (stockItem.get("is_in_stock").asBoolean() ? 1 : 0) : null);
            }
        });
        if (products.isEmpty()) {
            return;
        }
        // A member left out (null) keeps its stored value; a new row starts at Magento's defaults (0, out of stock).
        // The caller holds the products' locks, so the stored values read here are the ones being replaced.
        try (PreparedStatement statement = connection.prepareStatement(
                "WITH given (product_id, quantity, status) AS (SELECT * FROM unnest(?::bigint[], ?::numeric[], ?::integer[]))"
                        + " INSERT INTO inventory_source_item (product_id, source_code, quantity, status)"
                        + " SELECT g.product_id, ?, coalesce(g.quantity, i.quantity, 0), coalesce(g.status::smallint, i.status, 0)"
                        + " FROM given g LEFT JOIN inventory_source_item i ON i.product_id = g.product_id AND i.source_code = ?"
                        + " ON CONFLICT (product_id, source_code) DO UPDATE SET quantity = EXCLUDED.quantity, status = EXCLUDED.status")) {
            statement.setArray(1, connection.createArrayOf("bigint", products.toArray()));
            statement.setArray(2, connection.createArrayOf("numeric", quantities.toArray()));
            statement.setArray(3, connection.createArrayOf("integer", statuses.toArray()));
            statement.setString(4, DEFAULT_SOURCE);
            statement.setString(5, DEFAULT_SOURCE);
            statement.executeUpdate();
        }
    }
}
