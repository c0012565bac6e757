package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A product's related, up-sell and cross-sell links as its GET and its save show them ({@code product_links}). The
 * link package owns them and implements this; the product package only declares what it shows and saves, so it
 * does not depend on link.
 */
public interface ProductRelations {

    /** Every link of the product (Magento's ProductLinkInterface), by type, then position; empty when it has none. */
    ArrayNode links(Connection connection, long productId, String sku) throws SQLException;

    /**
     * Replaces every link of the (locked) product by these, as Magento's product save does with a product_links
     * list; a business error (unknown type or linked SKU) is a WebapiException.
     */
    void replace(Connection connection, long productId, String sku, JsonNode links) throws SQLException;
}
