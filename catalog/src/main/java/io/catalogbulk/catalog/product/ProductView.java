package io.catalogbulk.catalog.product;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;

/** A product as one store sees it: each store-scoped value resolved store value first, then global value. */
record ProductView(long id, String sku, String typeId, int attributeSetId, BigDecimal weight, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, String name, BigDecimal price, Integer status, Integer visibility,
        Map<String, JsonNode> customAttributes) {

    /** ProductInterface in Magento's key order; null members omitted, custom_attributes last and only when set. */
    ObjectNode toJson() {
        ObjectNode out = Json.NODES.objectNode();
        out.put("id", id);
        out.put("sku", sku);
        if (name != null) {
            out.put("name", name);
        }
        out.put("attribute_set_id", attributeSetId);
        if (price != null) {
            out.set("price", Json.number(price));
        }
        if (status != null) {
            out.put("status", status);
        }
        if (visibility != null) {
            out.put("visibility", visibility);
        }
        out.put("type_id", typeId);
        out.put("created_at", Json.timestamp(createdAt));
        out.put("updated_at", Json.timestamp(updatedAt));
        if (weight != null) {
            out.set("weight", Json.number(weight));
        }
        out.putObject("extension_attributes").putArray("website_ids").add(1);
        if (!customAttributes.isEmpty()) {
            ArrayNode attributes = out.putArray("custom_attributes");
            new TreeMap<>(customAttributes).forEach((code, value) -> {
                ObjectNode attribute = attributes.addObject();
                attribute.put("attribute_code", code);
                attribute.set("value", value);
            });
        }
        return out;
    }
}
