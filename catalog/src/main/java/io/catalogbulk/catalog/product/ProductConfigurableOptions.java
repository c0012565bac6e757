package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;

/**
 * extension_attributes.configurable_product_options of a product save: the select attributes a configurable product
 * offers. The configurable package owns options and their rules and implements this; the product package only
 * declares what it saves, so it does not depend on configurable.
 */
public interface ProductConfigurableOptions {

    /**
     * Makes exactly these the (locked) parent's configurable options, each checked as
     * POST /V1/configurable-products/:sku/options checks it; an option of an attribute the parent offers already keeps
     * its id. A broken rule is a WebapiException and changes nothing.
     */
    void replaceOptions(Connection connection, LockedProduct parent, JsonNode options) throws SQLException;
}
