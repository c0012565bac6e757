package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;

/**
 * extension_attributes.configurable_product_links of a product save: the children of a configurable product, by
 * product id. The configurable package owns the links and their rules and implements this; the product package
 * only declares what it saves, so it does not depend on configurable.
 */
public interface ProductConfigurableLinks {

    /**
     * Makes exactly these products the (locked) parent's children, each checked as
     * POST /V1/configurable-products/:sku/child checks it; a broken rule is a WebapiException and changes nothing.
     */
    void replaceChildren(Connection connection, LockedProduct parent, JsonNode childIds) throws SQLException;
}
