package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A product's stock as Magento's extension_attributes.stock_item shows and saves it: the quantity and stock status of
 * the default source (Magento's single-source mode keeps the two the same). The inventory package owns source items
 * and implements this; the product package only declares what it shows and saves, so it does not depend on inventory.
 */
public interface ProductStock {

    /** The stock item of the product, if it has one on the default source. */
    Optional<ObjectNode> stockItem(Connection connection, long productId) throws SQLException;

    /** Applies the members given (qty, is_in_stock) to the (locked) product's default source item; others stay. */
    void apply(Connection connection, long productId, JsonNode stockItem) throws SQLException;

    /** The stock item of each product that has one, as {@link #stockItem} shows it, in one statement. */
    Map<Long, ObjectNode> stockItems(Connection connection, Collection<Long> productIds) throws SQLException;

    /** {@link #apply} for many products in one statement (each product once). */
    void applyAll(Connection connection, Map<Long, JsonNode> stockItems) throws SQLException;
}
