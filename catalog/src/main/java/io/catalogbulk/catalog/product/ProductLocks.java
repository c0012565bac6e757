package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Locks a product by SKU for the features that hang off a product (media, options, prices, stock,
 * configurable links): they take the same row lock as a product save, so a save and, say, a media upload
 * of one product never interleave.
 */
public final class ProductLocks {

    /** The identity of a locked product. */
    public record LockedProduct(long id, String sku, String typeId) {
    }

    private ProductLocks() {
    }

    public static Optional<LockedProduct> lock(Connection connection, String sku) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, sku, type_id FROM catalog_product WHERE lower(sku) = lower(?) FOR UPDATE")) {
            statement.setString(1, sku);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new LockedProduct(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    /** Locks the product or throws Magento's 404 "The product that was requested doesn't exist". */
    public static LockedProduct require(Connection connection, String sku) throws SQLException {
        return lock(connection, sku).orElseThrow(ProductLocks::notFound);
    }

    /** The product without locking it (reads). */
    public static Optional<LockedProduct> find(Connection connection, String sku) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, sku, type_id FROM catalog_product WHERE lower(sku) = lower(?)")) {
            statement.setString(1, sku);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new LockedProduct(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    public static WebapiException notFound() {
        return WebapiException.notFound(Phrase.of(ProductService.NOT_FOUND));
    }
}
