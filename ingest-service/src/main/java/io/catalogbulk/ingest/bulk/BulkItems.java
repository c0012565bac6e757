package io.catalogbulk.ingest.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * The serialized data of every item of an accepted request, in request order; item i becomes operation i.
 * Only this compact form is kept in memory (never the body or the parsed trees of all items at once).
 */
final class BulkItems {

    private final List<byte[]> data = new ArrayList<>();
    /** Per item, the entity it writes (per-entity order), null when its route declares none. */
    private final List<String> entityKeys = new ArrayList<>();

    void add(byte[] serialized, String entityKey) {
        data.add(serialized);
        entityKeys.add(entityKey);
    }

    List<String> entityKeys() {
        return entityKeys;
    }

    int size() {
        return data.size();
    }

    byte[] get(int index) {
        return data.get(index);
    }

    List<byte[]> all() {
        return data;
    }
}
