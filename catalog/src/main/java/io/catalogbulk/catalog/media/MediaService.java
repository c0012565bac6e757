package io.catalogbulk.catalog.media;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.product.ProductGallery;
import io.catalogbulk.catalog.product.ProductLocks;
import io.catalogbulk.catalog.product.ProductLocks.LockedProduct;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * A product's media gallery (ProductAttributeMediaGalleryManagementInterface). Image bytes are stored in the
 * database with their entry (see the migration for why). An image role (types: image, small_image, thumbnail,
 * ...) belongs to one entry of a product at a time: giving it to an entry takes it from the others, as Magento does.
 */
@ApplicationScoped
@Unremovable
public class MediaService implements ProductGallery {

    /** Magento's GalleryManagement::get for an entry the product does not have. */
    static final String ENTRY_NOT_FOUND = "The image doesn't exist. Verify and try again.";
    static final String NO_ENTRY = "No image with the provided ID was found. Verify the ID and try again.";

    /** POST /V1/products/:sku/media: answers the new entry's id. */
    public JsonNode create(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        LockedProduct product = ProductLocks.require(connection, params.get("sku").asText());
        long id = insertEntry(connection, product.id(), (ObjectNode) params.get("entry"));
        return LongNode.valueOf(id);
    }

    /** PUT /V1/products/:sku/media/:entryId: changes the fields given; answers true. */
    public JsonNode update(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        LockedProduct product = ProductLocks.require(connection, params.get("sku").asText());
        long entryId = params.get("entryId").asLong();
        requireEntry(connection, product.id(), entryId);
        updateEntry(connection, product.id(), entryId, (ObjectNode) params.get("entry"));
        return BooleanNode.TRUE;
    }

    /** Adds an entry (its content decoded and checked) and moves the roles it claims to it; its id. */
    private static long insertEntry(Connection connection, long productId, ObjectNode entry) throws SQLException {
        ImageContent content = decode(entry.get("content"));
        String file = uniqueFile(connection, productId, content.name());
        long id;
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_product_media (product_id, media_type, label, position, disabled, types, file, mime_type, content)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING id")) {
            statement.setLong(1, productId);
            statement.setString(2, entry.path("media_type").asText("image"));
            statement.setString(3, Json.text(entry, "label"));
            statement.setInt(4, entry.path("position").asInt(nextPosition(connection, productId)));
            statement.setBoolean(5, entry.path("disabled").asBoolean(false));
            statement.setString(6, Json.string(types(entry)));
            statement.setString(7, file);
            statement.setString(8, content.mimeType());
            statement.setBytes(9, content.bytes());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        takeRoles(connection, productId, id, types(entry));
        return id;
    }

    /** Changes the members given of an entry the product has (its image too, when content is given). */
    private static void updateEntry(Connection connection, long productId, long entryId, ObjectNode entry) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE catalog_product_media SET label = CASE WHEN ? THEN ? ELSE label END, position = COALESCE(?, position),"
                        + " disabled = COALESCE(?, disabled), types = COALESCE(?::jsonb, types) WHERE id = ?")) {
            statement.setBoolean(1, entry.has("label"));
            statement.setString(2, Json.text(entry, "label"));
            setInt(statement, 3, entry.has("position") ? entry.get("position").asInt() : null);
            if (entry.has("disabled")) {
                statement.setBoolean(4, entry.get("disabled").asBoolean());
            } else {
                statement.setNull(4, Types.BOOLEAN);
            }
            statement.setString(5, entry.has("types") ? Json.string(types(entry)) : null);
            statement.setLong(6, entryId);
            statement.executeUpdate();
        }
        if (entry.has("content")) {
            ImageContent content = decode(entry.get("content"));
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE catalog_product_media SET file = ?, mime_type = ?, content = ? WHERE id = ?")) {
                statement.setString(1, uniqueFile(connection, productId, content.name()));
                statement.setString(2, content.mimeType());
                statement.setBytes(3, content.bytes());
                statement.setLong(4, entryId);
                statement.executeUpdate();
            }
        }
        if (entry.has("types")) {
            takeRoles(connection, productId, entryId, types(entry));
        }
    }

    @Override
    public void replace(Connection connection, long productId, JsonNode entries) throws SQLException {
        Set<Long> kept = new HashSet<>();
        for (JsonNode entry : entries) {
            if (entry.hasNonNull("id")) {
                requireEntry(connection, productId, entry.get("id").asLong());
                kept.add(entry.get("id").asLong());
            } else if (!entry.hasNonNull("content")) {
                throw WebapiException.requiredField("content");
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM catalog_product_media WHERE product_id = ? AND NOT (id = ANY (?))")) {
            statement.setLong(1, productId);
            statement.setArray(2, connection.createArrayOf("bigint", kept.toArray()));
            statement.executeUpdate();
        }
        for (JsonNode entry : entries) {
            if (entry.hasNonNull("id")) {
                updateEntry(connection, productId, entry.get("id").asLong(), (ObjectNode) entry);
            } else {
                insertEntry(connection, productId, (ObjectNode) entry);
            }
        }
    }

    /** DELETE /V1/products/:sku/media/:entryId: answers true. */
    public JsonNode remove(OperationContext context, ObjectNode params) throws SQLException {
        Connection connection = context.connection();
        LockedProduct product = ProductLocks.require(connection, params.get("sku").asText());
        long entryId = params.get("entryId").asLong();
        requireEntry(connection, product.id(), entryId);
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM catalog_product_media WHERE id = ?")) {
            statement.setLong(1, entryId);
            statement.executeUpdate();
        }
        return BooleanNode.TRUE;
    }

    /** GET /V1/products/:sku/media: the entries in position order, without their image bytes. */
    public JsonNode getList(OperationContext context, ObjectNode params) throws SQLException {
        LockedProduct product = ProductLocks.find(context.connection(), params.get("sku").asText())
                .orElseThrow(ProductLocks::notFound);
        return entries(context.connection(), product.id());
    }

    /** GET /V1/products/:sku/media/:entryId: one entry as the list shows it; 404 in Magento's words when the product has no such entry. */
    public JsonNode get(OperationContext context, ObjectNode params) throws SQLException {
        LockedProduct product = ProductLocks.find(context.connection(), params.get("sku").asText())
                .orElseThrow(ProductLocks::notFound);
        long entryId = params.get("entryId").asLong();
        for (JsonNode entry : entries(context.connection(), product.id())) {
            if (entry.get("id").asLong() == entryId) {
                return entry;
            }
        }
        throw WebapiException.notFound(Phrase.of(ENTRY_NOT_FOUND));
    }

    /** The gallery of a product as Magento lists it (also its media_gallery_entries). */
    @Override
    public ArrayNode entries(Connection connection, long productId) throws SQLException {
        ArrayNode out = Json.NODES.arrayNode();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, media_type, label, position, disabled, types::text, file FROM catalog_product_media"
                        + " WHERE product_id = ? ORDER BY position, id")) {
            statement.setLong(1, productId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ObjectNode entry = out.addObject();
                    entry.put("id", rs.getLong(1));
                    entry.put("media_type", rs.getString(2));
                    entry.put("label", rs.getString(3));
                    entry.put("position", rs.getInt(4));
                    entry.put("disabled", rs.getBoolean(5));
                    entry.set("types", Json.parse(rs.getString(6)));
                    entry.put("file", rs.getString(7));
                }
            }
        }
        return out;
    }

    private static ImageContent decode(JsonNode content) {
        ImageContent.Result result = ImageContent.decode(content);
        if (result.error() != null) {
            throw WebapiException.badRequest(result.error());
        }
        return result.content();
    }

    private static ArrayNode types(ObjectNode entry) {
        ArrayNode types = Json.NODES.arrayNode();
        entry.path("types").forEach(type -> types.add(type.asText()));
        return types;
    }

    /** Removes the roles the entry now has from the product's other entries. */
    private static void takeRoles(Connection connection, long productId, long entryId, ArrayNode types) throws SQLException {
        for (JsonNode type : types) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE catalog_product_media SET types = types - ?::text WHERE product_id = ? AND id <> ? AND types @> jsonb_build_array(?::text)")) {
                statement.setString(1, type.asText());
                statement.setLong(2, productId);
                statement.setLong(3, entryId);
                statement.setString(4, type.asText());
                statement.executeUpdate();
            }
        }
    }

    private static void requireEntry(Connection connection, long productId, long entryId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM catalog_product_media WHERE id = ? AND product_id = ?")) {
            statement.setLong(1, entryId);
            statement.setLong(2, productId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw WebapiException.notFound(Phrase.of(NO_ENTRY));
                }
            }
        }
    }

    private static int nextPosition(Connection connection, long productId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT least(COALESCE(max(position)::bigint + 1, 1), 2147483647)::int FROM catalog_product_media WHERE product_id = ?")) {
            statement.setLong(1, productId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Magento's file path: /f/i/file.jpg (first two letters of the name as directories), with _1, _2, ... before
     * the extension when the product already has that file.
     */
    static String uniqueFile(Connection connection, long productId, String name) throws SQLException {
        String lower = name.toLowerCase();
        String dir = "/" + lower.charAt(0) + "/" + (lower.length() > 1 ? lower.charAt(1) : '_') + "/";
        int dot = lower.lastIndexOf('.');
        String base = dot > 0 ? lower.substring(0, dot) : lower;
        String extension = dot > 0 ? lower.substring(dot) : "";
        String candidate = dir + lower;
        for (int n = 1; exists(connection, productId, candidate); n++) {
            candidate = dir + base + "_" + n + extension;
        }
        return candidate;
    }

    private static boolean exists(Connection connection, long productId, String file) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM catalog_product_media WHERE product_id = ? AND file = ?")) {
            statement.setLong(1, productId);
            statement.setString(2, file);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

}
