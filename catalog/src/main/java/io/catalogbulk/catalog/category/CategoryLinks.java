package io.catalogbulk.catalog.category;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    public Map<Long, ArrayNode> linksOf(Connection connection, Collection<Long> productIds) throws SQLException {
        return CategoryRepository.links(connection, productIds);
    }

    @Override
    public void replace(Connection connection, long productId, JsonNode links) throws SQLException {
        Map<Integer, Integer> positions = positions(links);
        requireCategories(connection, Set.copyOf(positions.keySet()));
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM catalog_category_product WHERE product_id = ?")) {
            statement.setLong(1, productId);
            statement.executeUpdate();
        }
        insert(connection, Map.of(productId, positions));
    }

    @Override
    public void insertForNew(Connection connection, Map<Long, JsonNode> linksByProduct) throws SQLException {
        Map<Long, Map<Integer, Integer>> positions = new LinkedHashMap<>();
        Set<Integer> categories = new HashSet<>();
        for (Map.Entry<Long, JsonNode> product : linksByProduct.entrySet()) {
            Map<Integer, Integer> links = positions(product.getValue());
            positions.put(product.getKey(), links);
            categories.addAll(links.keySet());
        }
        requireCategories(connection, categories);
        insert(connection, positions);
    }

    /** category_id to position; a category id that is not a number fails the save as Magento's does. */
    private static Map<Integer, Integer> positions(JsonNode links) {
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
        return positions;
    }

    /** Every category must exist: Magento's save fails whole on a link it cannot store. */
    private static void requireCategories(Connection connection, Set<Integer> categoryIds) throws SQLException {
        if (categoryIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM catalog_category WHERE id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("integer", categoryIds.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != categoryIds.size()) {
                    throw WebapiException.badRequest(Phrase.of(COULD_NOT_SAVE_PRODUCT));
                }
            }
        }
    }

    /** One multi-row insert of every (product, category, position). */
    private static void insert(Connection connection, Map<Long, Map<Integer, Integer>> positions) throws SQLException {
        List<Long> products = new ArrayList<>();
        List<Integer> categories = new ArrayList<>();
        List<Integer> places = new ArrayList<>();
        positions.forEach((product, links) -> links.forEach((category, position) -> {
            products.add(product);
            categories.add(category);
            places.add(position);
        }));
        if (products.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_category_product (category_id, product_id, position)"
                        + " SELECT * FROM unnest(?::integer[], ?::bigint[], ?::integer[])")) {
            statement.setArray(1, connection.createArrayOf("integer", categories.toArray()));
            statement.setArray(2, connection.createArrayOf("bigint", products.toArray()));
            statement.setArray(3, connection.createArrayOf("integer", places.toArray()));
            statement.executeUpdate();
        }
    }
}
