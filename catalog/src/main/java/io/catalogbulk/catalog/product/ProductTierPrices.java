package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * tier_prices of a product save (Magento's ProductTierPriceInterface list). The price package owns tier prices and
 * their rules and implements this; the product package only declares what it saves, so it does not depend on price.
 */
public interface ProductTierPrices {

    /**
     * Makes exactly these the (locked) product's tier prices; a broken rule is a WebapiException (400) and changes
     * nothing, since the save's transaction rolls back.
     */
    void replaceTierPrices(Connection connection, long productId, JsonNode tierPrices) throws SQLException;
}
