package io.catalogbulk.catalog.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/** A store view (Magento's StoreInterface). */
public record StoreView(int id, String code, String name, int websiteId, int storeGroupId, int sortOrder, boolean active) {

    public static final int ADMIN_ID = 0;
    public static final int DEFAULT_ID = 1;

    /** StoreInterface as Magento prints it (is_active is an int there). */
    public ObjectNode toJson() {
        ObjectNode out = Json.NODES.objectNode();
        out.put("id", id);
        out.put("code", code);
        out.put("name", name);
        out.put("website_id", websiteId);
        out.put("store_group_id", storeGroupId);
        out.put("is_active", active ? 1 : 0);
        return out;
    }
}
