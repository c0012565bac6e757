package io.catalogbulk.catalog.category;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Adds a product's category assignments to its JSON, where Magento shows them (extension_attributes.category_links). */
public final class CategoryLinks {

    private CategoryLinks() {
    }

    /** @return the same product JSON, with category_links when the product is in any category */
    public static ObjectNode addTo(Connection connection, ObjectNode product) throws SQLException {
        ArrayNode links = CategoryRepository.links(connection, product.get("id").asLong());
        if (!links.isEmpty()) {
            ObjectNode extension = product.has("extension_attributes") ? (ObjectNode) product.get("extension_attributes")
                    : product.putObject("extension_attributes");
            extension.set("category_links", links);
        }
        return product;
    }
}
