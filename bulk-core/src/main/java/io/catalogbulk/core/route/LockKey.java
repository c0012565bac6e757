package io.catalogbulk.core.route;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The natural key of the entity an operation writes ("product:24-mb01"). The worker executes a batch in
 * key order so concurrent batches take entity row locks in the same order and cannot deadlock.
 */
@FunctionalInterface
public interface LockKey {

    String of(ObjectNode params);
}
