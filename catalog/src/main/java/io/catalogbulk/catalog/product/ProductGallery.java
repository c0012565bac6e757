package io.catalogbulk.catalog.product;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A product's media gallery as its GET shows it ({@code media_gallery_entries}). The media package owns the gallery
 * and implements this; the product package only declares what it shows, so it does not depend on media.
 */
public interface ProductGallery {

    ArrayNode entries(Connection connection, long productId) throws SQLException;
}
