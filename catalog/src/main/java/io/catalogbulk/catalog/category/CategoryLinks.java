package io.catalogbulk.catalog.category;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.catalogbulk.catalog.product.ProductCategoryLinks;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** A product's category assignments: its JSON's and its save's extension_attributes.category_links. */
@ApplicationScoped
public class CategoryLinks implements ProductCategoryLinks {

    /** Magento's ProductRepository::save answer when a part of the product (here a category link) cannot be stored. */
    static final String COULD_NOT_SAVE_PRODUCT = "The product was unable to be saved. Please try again.";

    @Override
    public ArrayNode links(Connection connection, long productId) throws SQLException {
        return CategoryRepository.links(connection, productId);
    }

    @Override
    public void replace(Connection connection, long productId, JsonNode links) throws SQLException {
        Map<Integer, Integer> positions = new LinkedHashMap<>();
        for (JsonNode link : links) {
            String given = link.path("category_id").asText("").trim();
            int categoryId;
            try {
                categoryId = Integer.parseInt(given);
            } catch (NumberFormatException e) {
                throw WebapiException.badRequest(Phrase.of(COULD_NOT_SAVE_PRODUCT));
            }
            positions.put(categoryId, link.path("position").asInt(0));
        }
        // Every category must exist: Magento's save fails whole on a link it cannot store.
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM catalog_category WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("integer", positions.keySet().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != positions.size()) {
                    throw WebapiException.badRequest(Phrase.of(COULD_NOT_SAVE_PRODUCT));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM catalog_category_product WHERE product_id = ?")) {
            statement.setLong(1, productId);
            statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_category_product (category_id, product_id, position) VALUES (?, ?, ?)")) {
            for (Map.Entry<Integer, Integer> link : positions.entrySet()) {
                statement.setInt(1, link.getKey());
                statement.setLong(2, productId);
                statement.setInt(3, link.getValue());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
