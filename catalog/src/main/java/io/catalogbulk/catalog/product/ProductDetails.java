package io.catalogbulk.catalog.product;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/**
 * What GET /V1/products/:sku shows besides the product's own values, as Magento does: its configurable options
 * and links (extension_attributes), custom options and media gallery entries. Lists and searches leave them
 * out to stay one query per page.
 */
final class ProductDetails {

    private ProductDetails() {
    }

    static ObjectNode enrich(Connection connection, ObjectNode product, ProductGallery gallery) throws SQLException {
        long id = product.get("id").asLong();
        JsonNode customAttributes = product.remove("custom_attributes");
        ObjectNode extension = (ObjectNode) product.get("extension_attributes");
        if ("configurable".equals(product.path("type_id").asText())) {
            extension.set("configurable_product_options", configurableOptions(connection, id));
            extension.set("configurable_product_links", links(connection, id));
        }
        product.putArray("product_links");
        product.set("options", options(connection, product.get("sku").asText(), id));
        product.set("media_gallery_entries", gallery.entries(connection, id));
        product.set("tier_prices", tierPrices(connection, id, product.path("price").decimalValue()));
        if (customAttributes != null) {
            product.set("custom_attributes", customAttributes);
        }
        return product;
    }

    private static ArrayNode configurableOptions(Connection connection, long productId) throws SQLException {
        ArrayNode out = Json.NODES.arrayNode();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, attribute_id, label, position, is_use_default, value_indexes FROM catalog_product_super_attribute"
                        + " WHERE product_id = ? ORDER BY position, id")) {
            statement.setLong(1, productId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ObjectNode option = out.addObject();
                    option.put("id", rs.getInt(1));
                    option.put("attribute_id", String.valueOf(rs.getInt(2)));
                    option.put("label", rs.getString(3));
                    option.put("position", rs.getInt(4));
                    option.put("is_use_default", rs.getBoolean(5));
                    ArrayNode values = option.putArray("values");
                    for (Object value : (Object[]) rs.getArray(6).getArray()) {
                        values.addObject().put("value_index", ((Number) value).intValue());
                    }
                    option.put("product_id", productId);
                }
            }
        }
        return out;
    }

    /**
     * ProductTierPriceInterface entries (PUT/POST /V1/products/tier-prices store them): a discount shows the price it
     * gives (from the product's price as this store sees it) and its percentage in extension_attributes, as Magento does.
     */
    private static ArrayNode tierPrices(Connection connection, long productId, BigDecimal price) throws SQLException {
        ArrayNode out = Json.NODES.arrayNode();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT customer_group_id, qty, value, value_type, website_id FROM catalog_product_tier_price"
                        + " WHERE product_id = ? ORDER BY website_id, customer_group_id, qty")) {
            statement.setLong(1, productId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ObjectNode tier = out.addObject();
                    tier.put("customer_group_id", rs.getInt(1));
                    tier.set("qty", Json.number(rs.getBigDecimal(2)));
                    boolean discount = "discount".equals(rs.getString(4));
                    BigDecimal value = discount
                            ? price.multiply(BigDecimal.valueOf(100).subtract(rs.getBigDecimal(3))).divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP)
                            : rs.getBigDecimal(3);
                    tier.set("value", Json.number(value));
                    ObjectNode extension = tier.putObject("extension_attributes");
                    if (discount) {
                        extension.set("percentage_value", Json.number(rs.getBigDecimal(3)));
                    }
                    extension.put("website_id", rs.getInt(5));
                }
            }
        }
        return out;
    }

    private static ArrayNode links(Connection connection, long productId) throws SQLException {
        ArrayNode out = Json.NODES.arrayNode();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT child_id FROM catalog_product_super_link WHERE parent_id = ? ORDER BY child_id")) {
            statement.setLong(1, productId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static ArrayNode options(Connection connection, String sku, long productId) throws SQLException {
        ArrayNode out = Json.NODES.arrayNode();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT option_id, title, type, is_require, price, price_type, sort_order, sku, max_characters, option_values::text"
                        + " FROM catalog_product_option WHERE product_id = ? ORDER BY sort_order, option_id")) {
            statement.setLong(1, productId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ObjectNode option = out.addObject();
                    option.put("product_sku", sku);
                    option.put("option_id", rs.getInt(1));
                    option.put("title", rs.getString(2));
                    option.put("type", rs.getString(3));
                    option.put("sort_order", rs.getInt(7));
                    option.put("is_require", rs.getBoolean(4));
                    if (rs.getBigDecimal(5) != null) {
                        option.set("price", Json.number(rs.getBigDecimal(5)));
                        option.put("price_type", rs.getString(6));
                    }
                    if (rs.getString(8) != null) {
                        option.put("sku", rs.getString(8));
                    }
                    int max = rs.getInt(9);
                    if (!rs.wasNull()) {
                        option.put("max_characters", max);
                    }
                    JsonNode values = Json.parse(rs.getString(10));
                    if (!values.isEmpty()) {
                        option.set("values", values);
                    }
                }
            }
        }
        return out;
    }
}
