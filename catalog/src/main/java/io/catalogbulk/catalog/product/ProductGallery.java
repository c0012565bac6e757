package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A product's media gallery as its GET shows and its save takes it ({@code media_gallery_entries}). The media package owns the gallery
 * and implements this; the product package only declares what it shows, so it does not depend on media.
 */
public interface ProductGallery {

    ArrayNode entries(Connection connection, long productId) throws SQLException;

    /**
     * media_gallery_entries of a product save: the gallery becomes these entries, as Magento's ProductRepository
     * processes them: an entry with an id that the (locked) product has is changed, one without an id is added (its
     * content is required), and the product's entries not in the list are removed.
     */
    void replace(Connection connection, long productId, JsonNode entries) throws SQLException;
}
