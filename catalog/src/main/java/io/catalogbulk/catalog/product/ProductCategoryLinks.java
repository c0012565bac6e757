package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A product's category assignments as its GET and its save show them ({@code extension_attributes.category_links}).
 * The category package owns them and implements this; the product package only declares what it shows, so it does
 * not depend on category.
 */
public interface ProductCategoryLinks {

    /** The links in category id order ({@code category_id}, {@code position}); empty when the product is in no category. */
    ArrayNode links(Connection connection, long productId) throws SQLException;

    /**
     * Replaces the (locked) product's category assignments by these ({@code category_id}, {@code position}), as
     * Magento's product save does with a category_links list; a category that does not exist is a WebapiException.
     */
    void replace(Connection connection, long productId, JsonNode links) throws SQLException;

    /** The links of each product that has any, as {@link #links} shows them, in one statement. */
    Map<Long, ArrayNode> linksOf(Connection connection, Collection<Long> productIds) throws SQLException;

    /**
     * The links of products created in this transaction (they have none yet), by product id, with one check that every
     * category exists and one insert: the set-based form of {@link #replace} for new products.
     */
    void insertForNew(Connection connection, Map<Long, JsonNode> linksByProduct) throws SQLException;
}
