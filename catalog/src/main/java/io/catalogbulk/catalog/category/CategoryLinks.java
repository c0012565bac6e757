package io.catalogbulk.catalog.category;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;

import io.catalogbulk.catalog.product.ProductCategoryLinks;

/** A product's category assignments, for the product's JSON (extension_attributes.category_links). */
@ApplicationScoped
public class CategoryLinks implements ProductCategoryLinks {

    @Override
    public ArrayNode links(Connection connection, long productId) throws SQLException {
        return CategoryRepository.links(connection, productId);
    }
}
