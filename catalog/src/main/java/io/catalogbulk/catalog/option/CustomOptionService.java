package io.catalogbulk.catalog.option;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;

/** Custom options of a product: a new option is stored with its values, each value given its option_type_id. */
@ApplicationScoped
@Unremovable
public class CustomOptionService {

    /** POST /V1/products/options: answers the saved option with option_id and its values' option_type_id. */
    public JsonNode save(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        ObjectNode option = (ObjectNode) params.get("option");
        LockedProduct product = ProductLocks.require(connection, option.get("product_sku").asText());
        ArrayNode values = Json.NODES.arrayNode();
        int sort = 0;
        for (JsonNode given : option.path("values")) {
            ObjectNode value = values.addObject();
            value.put("title", given.get("title").asText());
            value.put("sort_order", given.path("sort_order").asInt(sort++));
            value.set("price", Json.number(given.path("price").decimalValue()));
            value.put("price_type", given.path("price_type").asText("fixed"));
            if (given.hasNonNull("sku")) {
                value.put("sku", given.get("sku").asText());
            }
            value.put("option_type_id", nextValueId(connection));
        }
        String type = option.get("type").asText();
        boolean selectable = CustomOptionRoutes.SELECTABLE.contains(type);
        int optionId;
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_option (product_id, title, type, is_require, price, price_type, sort_order, sku,"
                        + " max_characters, option_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING option_id")) {
            statement.setLong(1, product.id());
            statement.setString(2, option.get("title").asText());
            statement.setString(3, type);
            statement.setBoolean(4, option.path("is_require").asBoolean(true));
            statement.setBigDecimal(5, selectable ? null : option.path("price").decimalValue());
            statement.setString(6, selectable ? null : option.path("price_type").asText("fixed"));
            statement.setInt(7, option.path("sort_order").asInt(0));
            statement.setString(8, Json.text(option, "sku"));
            if (option.has("max_characters")) {
                statement.setInt(9, option.get("max_characters").asInt());
            } else {
                statement.setNull(9, Types.INTEGER);
            }
            statement.setString(10, Json.string(values));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                optionId = rs.getInt(1);
            }
        }
        ObjectNode out = Json.NODES.objectNode();
        out.put("product_sku", product.sku());
        out.put("option_id", optionId);
        out.put("title", option.get("title").asText());
        out.put("type", type);
        out.put("sort_order", option.path("sort_order").asInt(0));
        out.put("is_require", option.path("is_require").asBoolean(true));
        if (!selectable) {
            BigDecimal price = option.path("price").decimalValue();
            out.set("price", Json.number(price));
            out.put("price_type", option.path("price_type").asText("fixed"));
            if (option.has("max_characters")) {
                out.put("max_characters", option.get("max_characters").asInt());
            }
        }
        if (option.hasNonNull("sku")) {
            out.put("sku", option.get("sku").asText());
        }
        if (selectable) {
            out.set("values", values);
        }
        return out;
    }

    private static int nextValueId(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT nextval('catalog_product_option_value_id')");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
