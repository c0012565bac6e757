package io.catalogbulk.catalog.store;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Handlers of the store view routes. */
@ApplicationScoped
@Unremovable
public class StoreViewService {

    @Inject
    StoreRepository repository;

    /** GET /V1/store/storeViews: a bare array, as Magento answers. */
    public JsonNode list(OperationContext context, ObjectNode params) throws SQLException {
        ArrayNode out = Json.NODES.arrayNode();
        repository.list(context.connection()).forEach(store -> out.add(store.toJson()));
        return out;
    }

    /** POST /V1/store/storeViews: creates a store view in an existing website and group. */
    public JsonNode create(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode store = params.get("store");
        int websiteId = store.path("website_id").asInt(1);
        if (!repository.websiteExists(context.connection(), websiteId) || websiteId == 0) {
            throw WebapiException.noSuchEntity("websiteId", websiteId);
        }
        int groupId;
        if (store.has("store_group_id")) {
            groupId = store.get("store_group_id").asInt();
            if (!repository.groupBelongsTo(context.connection(), groupId, websiteId)) {
                throw WebapiException.badRequest(Phrase.of("The store group %groupId does not belong to website %websiteId.",
                        ordered("groupId", groupId, "websiteId", websiteId)));
            }
        } else {
            groupId = repository.defaultGroupOf(context.connection(), websiteId)
                    .orElseThrow(() -> WebapiException.noSuchEntity("websiteId", websiteId));
        }
        return repository.insert(context.connection(), store.get("code").asText(), store.get("name").asText(), websiteId,
                groupId, 0, store.path("is_active").asInt(1) == 1)
                .orElseThrow(() -> WebapiException.badRequest("Store with the same code already exists."))
                .toJson();
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
