package io.catalogbulk.catalog.link;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;
import io.catalogbulk.catalog.product.ProductRelations;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Product link handlers (Magento's ProductLinkManagementInterface, ProductLinkRepositoryInterface and
 * ProductLinkTypeListInterface): related, up-sell and cross-sell products, each link with a position. Grouped
 * products' "associated" links are not modelled (docs/differences.md).
 */
@ApplicationScoped
@Unremovable
public class ProductLinkService implements ProductRelations {

    /** Magento's link type codes and ids (catalog_product_link_type), in the order GET lists them. */
    static final Map<String, Integer> TYPES = types();

    static final String UNKNOWN_TYPE = "The \"%1\" link type is unknown. Verify the type and try again.";
    static final String TYPE_NOT_FOUND = "The \"%1\" link type wasn't found. Verify the type and try again.";
    static final String INVALID_DATA = "The linked products data is invalid. Verify the data and try again.";
    static final String INVALID_LINKED_SKU = "The linked product SKU is invalid. Verify the data and try again.";
    static final String NOT_LINKED = "Product %1 doesn't have linked %2 as %3";

    private static Map<String, Integer> types() {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("related", 1);
        types.put("upsell", 4);
        types.put("crosssell", 5);
        return types;
    }

    /** GET /V1/products/links/types: [{"code", "value"}]. */
    public JsonNode types(OperationContext context, ObjectNode params) {
        ArrayNode out = Json.NODES.arrayNode();
        TYPES.forEach((code, id) -> out.addObject().put("code", code).put("value", id));
        return out;
    }

    /**
     * POST /V1/products/:sku/links {"items": [...]}: adds the links to those the product has (a link it has already
     * takes the new position), as ProductLinkManagement::setProductLinks merges them; answers true.
     */
    public JsonNode setProductLinks(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode items = params.get("items");
        // Types first, as Magento checks them before it loads the product.
        for (JsonNode link : items) {
            if (!link.hasNonNull("link_type") || link.get("link_type").asText().isEmpty()) {
                throw WebapiException.requiredField("linkType");
            }
            if (!TYPES.containsKey(link.get("link_type").asText())) {
                throw WebapiException.notFound(Phrase.positional(TYPE_NOT_FOUND, link.get("link_type").asText()));
            }
        }
        Connection connection = context.connection();
        LockedProduct product = ProductLocks.require(connection, params.get("sku").asText());
        for (JsonNode link : items) {
            LockedProduct linked = linkedProduct(connection, link)
                    .orElseThrow(() -> WebapiException.badRequest(Phrase.of(INVALID_DATA)));
            upsert(connection, product.id(), TYPES.get(link.get("link_type").asText()), linked.id(), link.path("position").asInt(0));
        }
        return BooleanNode.TRUE;
    }

    /** PUT /V1/products/:sku/links {"entity": {...}}: adds or changes one link (ProductLinkRepository::save); answers true. */
    public JsonNode save(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode link = params.get("entity");
        if (!link.hasNonNull("linked_product_sku") || link.get("linked_product_sku").asText().isEmpty()) {
            throw WebapiException.notFound(Phrase.of(INVALID_LINKED_SKU));
        }
        Connection connection = context.connection();
        LockedProduct linked = linkedProduct(connection, link).orElseThrow(ProductLocks::notFound);
        LockedProduct product = ProductLocks.require(connection, params.get("sku").asText());
        String type = link.path("link_type").asText("");
        if (!TYPES.containsKey(type)) {
            throw WebapiException.badRequest(Phrase.of(INVALID_DATA));
        }
        upsert(connection, product.id(), TYPES.get(type), linked.id(), link.path("position").asInt(0));
        return BooleanNode.TRUE;
    }

    /** GET /V1/products/:sku/links/:type: the links of that type in position order. */
    public JsonNode getLinkedItemsByType(OperationContext context, ObjectNode params) throws SQLException {
        String type = params.get("type").asText();
        if (!TYPES.containsKey(type)) {
            throw WebapiException.notFound(Phrase.positional(UNKNOWN_TYPE, type));
        }
        LockedProduct product = ProductLocks.find(context.connection(), params.get("sku").asText())
                .orElseThrow(ProductLocks::notFound);
        return read(context.connection(), product.id(), product.sku(), TYPES.get(type));
    }

    /** DELETE /V1/products/:sku/links/:type/:linkedProductSku: answers true. */
    public JsonNode deleteById(OperationContext context, ObjectNode params) throws SQLException {
        String sku = params.get("sku").asText();
        String type = params.get("type").asText();
        String linkedSku = params.get("linkedProductSku").asText();
        if (!TYPES.containsKey(type)) {
            throw WebapiException.notFound(Phrase.positional(UNKNOWN_TYPE, type));
        }
        Connection connection = context.connection();
        LockedProduct product = ProductLocks.require(connection, sku);
        WebapiException notLinked = WebapiException.notFound(Phrase.positional(NOT_LINKED, sku, linkedSku, type));
        LockedProduct linked = ProductLocks.find(connection, linkedSku).orElseThrow(() -> notLinked);
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM catalog_product_link WHERE product_id = ? AND link_type_id = ? AND linked_product_id = ?")) {
            statement.setLong(1, product.id());
            statement.setInt(2, TYPES.get(type));
            statement.setLong(3, linked.id());
            if (statement.executeUpdate() == 0) {
                throw notLinked;
            }
        }
        return BooleanNode.TRUE;
    }

    @Override
    public ArrayNode links(Connection connection, long productId, String sku) throws SQLException {
        return read(connection, productId, sku, null);
    }

    /**
     * product_links of a product save: the list replaces every link, as Magento's ProductRepository::processLinks
     * does; an unknown type or linked SKU is a 400 and changes nothing.
     */
    @Override
    public void replace(Connection connection, long productId, String sku, JsonNode links) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        for (JsonNode link : links) {
            String type = link.path("link_type").asText("");
            if (!TYPES.containsKey(type)) {
                throw WebapiException.badRequest(Phrase.of(INVALID_DATA));
            }
            LockedProduct linked = linkedProduct(connection, link)
                    .orElseThrow(() -> WebapiException.badRequest(Phrase.of(INVALID_DATA)));
            rows.add(new long[] {TYPES.get(type), linked.id(), link.path("position").asInt(0)});
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM catalog_product_link WHERE product_id = ?")) {
            statement.setLong(1, productId);
            statement.executeUpdate();
        }
        for (long[] row : rows) {
            upsert(connection, productId, (int) row[0], row[1], (int) row[2]);
        }
    }

    private static java.util.Optional<LockedProduct> linkedProduct(Connection connection, JsonNode link) throws SQLException {
        String linkedSku = link.path("linked_product_sku").asText("");
        return linkedSku.isEmpty() ? java.util.Optional.empty() : ProductLocks.find(connection, linkedSku);
    }

    private static void upsert(Connection connection, long productId, int typeId, long linkedId, int position) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_link (product_id, link_type_id, linked_product_id, position) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (product_id, link_type_id, linked_product_id) DO UPDATE SET position = excluded.position")) {
            statement.setLong(1, productId);
            statement.setInt(2, typeId);
            statement.setLong(3, linkedId);
            statement.setInt(4, position);
            statement.executeUpdate();
        }
    }

    /** Links as Magento shows them; typeId null: every type, in the order of {@link #TYPES}. */
    private static ArrayNode read(Connection connection, long productId, String sku, Integer typeId) throws SQLException {
        ArrayNode out = Json.NODES.arrayNode();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT l.link_type_id, p.sku, p.type_id, l.position FROM catalog_product_link l"
                        + " JOIN catalog_product p ON p.id = l.linked_product_id"
                        + " WHERE l.product_id = ? AND (?::smallint IS NULL OR l.link_type_id = ?::smallint)"
                        + " ORDER BY array_position(ARRAY[1, 4, 5], l.link_type_id::int), l.position, p.id")) {
            statement.setLong(1, productId);
            statement.setObject(2, typeId, java.sql.Types.SMALLINT);
            statement.setObject(3, typeId, java.sql.Types.SMALLINT);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int type = rs.getInt(1);
                    ObjectNode link = out.addObject();
                    link.put("sku", sku);
                    link.put("link_type", TYPES.entrySet().stream().filter(e -> e.getValue() == type).findFirst().orElseThrow().getKey());
                    link.put("linked_product_sku", rs.getString(2));
                    link.put("linked_product_type", rs.getString(3));
                    link.put("position", rs.getInt(4));
                }
            }
        }
        return out;
    }
}
