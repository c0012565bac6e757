package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;

/**
 * options of a product save: the product's custom options become these. The option package owns custom options and
 * implements this; the product package only declares what it saves, so it does not depend on option.
 */
public interface ProductOptions {

    /**
     * An option with an option_id that the (locked) product has is rewritten in place, one without is added, the
     * product's other options are removed; every option is checked as POST /V1/products/options checks it.
     */
    void replace(Connection connection, LockedProduct product, JsonNode options) throws SQLException;
}
