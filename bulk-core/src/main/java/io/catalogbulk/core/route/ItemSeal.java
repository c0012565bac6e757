package io.catalogbulk.core.route;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rewrites the valid parameters of one request item before they are executed or stored, for data that must
 * never be at rest in clear text (a customer's password becomes its hash). It runs after every
 * {@link ItemCheck}, so checks still see the value as sent; the handler sees only the sealed form, whether it
 * runs synchronously or in a worker from {@code serialized_data}.
 */
@FunctionalInterface
public interface ItemSeal {

    void seal(ObjectNode params);
}
