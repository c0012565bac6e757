package io.catalogbulk.catalog.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT quantity, status FROM inventory_source_item WHERE product_id = ? AND source_code = ?")) {
            statement.setLong(1, productId);
            statement.setString(2, DEFAULT_SOURCE);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ObjectNode item = Json.NODES.objectNode();
                item.put("product_id", productId);
                item.put("stock_id", DEFAULT_STOCK_ID);
                item.set("qty", Json.number(rs.getBigDecimal(1)));
                item.put("is_in_stock", rs.getInt(2) == 1);
                return Optional.of(item);
            }
        }
    }

    @Override
    public void apply(Connection connection, long productId, JsonNode stockItem) throws SQLException {
        boolean hasQty = stockItem.hasNonNull("qty");
        boolean hasStatus = stockItem.hasNonNull("is_in_stock");
        if (!hasQty && !hasStatus) {
            return;
        }
        // A member left out keeps its value; a new row starts at Magento's defaults (0, out of stock).
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO inventory_source_item (product_id, source_code, quantity, status)"
                        + " VALUES (?, ?, coalesce(?, 0), coalesce(?, 0))"
                        + " ON CONFLICT (product_id, source_code) DO UPDATE SET"
                        + " quantity = coalesce(?, inventory_source_item.quantity), status = coalesce(?, inventory_source_item.status)")) {
            java.math.BigDecimal qty = hasQty ? stockItem.get("qty").decimalValue() : null;
            Integer status = hasStatus ? (stockItem.get("is_in_stock").asBoolean() ? 1 : 0) : null;
            statement.setLong(1, productId);
            statement.setString(2, DEFAULT_SOURCE);
            statement.setBigDecimal(3, qty);
            statement.setObject(4, status, java.sql.Types.SMALLINT);
            statement.setBigDecimal(5, qty);
            statement.setObject(6, status, java.sql.Types.SMALLINT);
            statement.executeUpdate();
        }
    }
}
