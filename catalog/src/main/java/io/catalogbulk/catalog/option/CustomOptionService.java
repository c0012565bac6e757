package io.catalogbulk.catalog.option;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductOptions;
import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Custom options of a product: a new option is stored with its values, each value given its option_type_id. */
@ApplicationScoped
@Unremovable
public class CustomOptionService implements ProductOptions {

    /** POST /V1/products/options: answers the saved option with option_id and its values' option_type_id. */
    public JsonNode save(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        ObjectNode option = (ObjectNode) params.get("option");
        LockedProduct product = ProductLocks.require(connection, option.get("product_sku").asText());
        String type = option.get("type").asText();
        boolean selectable = CustomOptionRoutes.SELECTABLE.contains(type);
        ArrayNode values = Json.NODES.arrayNode();
        int optionId = write(connection, product.id(), option, null, values);
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

    /**
     * Stores an option of a product: a new row, or the row of {@code optionId} rewritten in place; fills
     * {@code values} with the stored values (each with its option_type_id, kept when given with an id, else new).
     */
    private static int write(Connection connection, long productId, ObjectNode option, Integer optionId, ArrayNode values)
            throws SQLException {
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
            value.put("option_type_id", optionId != null && given.hasNonNull("option_type_id")
                    ? given.get("option_type_id").asInt() : nextValueId(connection));
        }
        String type = option.get("type").asText();
        boolean selectable = CustomOptionRoutes.SELECTABLE.contains(type);
        String sql = optionId == null
                ? "INSERT INTO catalog_product_option (product_id, title, type, is_require, price, price_type, sort_order, sku,"
                        + " max_characters, option_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING option_id"
                : "UPDATE catalog_product_option SET product_id = ?, title = ?, type = ?, is_require = ?, price = ?, price_type = ?,"
                        + " sort_order = ?, sku = ?, max_characters = ?, option_values = ?::jsonb WHERE option_id = ? RETURNING option_id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, productId);
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
            if (optionId != null) {
                statement.setInt(11, optionId);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public void replace(Connection connection, LockedProduct product, JsonNode options) throws SQLException {
        List<Phrase> errors = new ArrayList<>();
        Set<Integer> kept = new HashSet<>();
        for (JsonNode given : options) {
            ObjectNode option = ((ObjectNode) given).deepCopy();
            option.put("product_sku", product.sku());
            errors.addAll(CustomOptionRoutes.RULES.check((ObjectNode) Json.NODES.objectNode().set("option", option)));
            if (given.hasNonNull("option_id")) {
                int optionId = given.get("option_id").asInt();
                if (!belongsTo(connection, product.id(), optionId)) {
                    throw WebapiException.noSuchEntity("option_id", optionId);
                }
                kept.add(optionId);
            }
        }
        if (!errors.isEmpty()) {
            throw WebapiException.ofErrors(400, errors);
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM catalog_product_option WHERE product_id = ? AND NOT (option_id = ANY (?))")) {
            statement.setLong(1, product.id());
            statement.setArray(2, connection.createArrayOf("integer", kept.toArray()));
            statement.executeUpdate();
        }
        for (JsonNode given : options) {
            write(connection, product.id(), (ObjectNode) given, given.hasNonNull("option_id") ? given.get("option_id").asInt() : null,
                    Json.NODES.arrayNode());
        }
    }

    private static boolean belongsTo(Connection connection, long productId, int optionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM catalog_product_option WHERE option_id = ? AND product_id = ?")) {
            statement.setInt(1, optionId);
            statement.setLong(2, productId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int nextValueId(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT nextval('catalog_product_option_value_id')");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
