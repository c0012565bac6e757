package io.catalogbulk.catalog.product;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The store-scoped values of a product for one store (store 0 = global). A null member is "not set here":
 * a store row inherits it from the global row, an update leaves it unchanged.
 */
record ProductValues(String name, BigDecimal price, Integer status, Integer visibility, ObjectNode customAttributes) {

    boolean isEmpty() {
        return name == null && price == null && status == null && visibility == null
                && (customAttributes == null || customAttributes.isEmpty());
    }
}
