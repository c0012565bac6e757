package io.catalogbulk.catalog.link;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the link routes add to the product's own input shapes (the link itself is ProductSchemas.PRODUCT_LINK). */
final class ProductLinkSchemas {

    /** Links of one product serialize on that product, as its other changes do. */
    static String lockKey(ObjectNode params) {
        return "product:" + params.path("sku").asText().toLowerCase();
    }

    private ProductLinkSchemas() {
    }
}
