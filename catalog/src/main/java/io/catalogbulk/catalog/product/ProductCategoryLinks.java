package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A product's category assignments as its GET and its save show them ({@code extension_attributes.category_links}).
 * The category package owns them and implements this; the product package only declares what it shows, so it does
 * not depend on category.
 */
public interface ProductCategoryLinks {

    /** The links in category id order ({@code category_id}, {@code position}); empty when the product is in no category. */
    ArrayNode links(Connection connection, long productId) throws SQLException;
}
