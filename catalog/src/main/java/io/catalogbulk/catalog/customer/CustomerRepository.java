package io.catalogbulk.catalog.customer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.search.SqlSearch;
import io.catalogbulk.core.webapi.Json;

/** Customers and their addresses in PostgreSQL. */
@ApplicationScoped
public class CustomerRepository {

    /** Values of a new customer row. */
    record NewCustomer(int websiteId, int storeId, int groupId, String email, String firstname, String lastname,
            String middlename, String prefix, String suffix, LocalDate dob, Integer gender, String taxvat,
            String confirmation, String createdIn, int disableAutoGroupChange, String passwordHash, boolean subscribed,
            ObjectNode customAttributes) {
    }

    boolean emailTaken(Connection connection, String email, int websiteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM customer WHERE lower(email) = lower(?) AND website_id = ?")) {
            statement.setString(1, email);
            statement.setInt(2, websiteId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The id of the customer with this e-mail address (case-insensitively) in the website, locked for the caller's write. */
    Optional<Integer> lockByEmail(Connection connection, String email, int websiteId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM customer WHERE lower(email) = lower(?) AND website_id = ? FOR UPDATE")) {
            statement.setString(1, email);
            statement.setInt(2, websiteId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    boolean exists(Connection connection, int id) throws SQLException {
        return exists(connection, "SELECT 1 FROM customer WHERE id = ?", id);
    }

    boolean groupExists(Connection connection, int groupId) throws SQLException {
        return exists(connection, "SELECT 1 FROM customer_group WHERE group_id = ?", groupId);
    }

    /** Inserts a customer; empty when the e-mail address is already taken in the website. */
    Optional<Integer> insert(Connection connection, NewCustomer c) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO customer (website_id, store_id, group_id, email, firstname, lastname, middlename, prefix, suffix,"
                        + " dob, gender, taxvat, confirmation, created_in, disable_auto_group_change, password_hash,"
                        + " is_subscribed, custom_attributes)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
                        + " ON CONFLICT ((lower(email)), website_id) DO NOTHING RETURNING id")) {
            int i = 1;
            statement.setInt(i++, c.websiteId());
            statement.setInt(i++, c.storeId());
            statement.setInt(i++, c.groupId());
            statement.setString(i++, c.email());
            statement.setString(i++, c.firstname());
            statement.setString(i++, c.lastname());
            statement.setString(i++, c.middlename());
            statement.setString(i++, c.prefix());
            statement.setString(i++, c.suffix());
            statement.setObject(i++, c.dob());
            if (c.gender() == null) {
                statement.setNull(i++, Types.SMALLINT);
            } else {
                statement.setInt(i++, c.gender());
            }
            statement.setString(i++, c.taxvat());
            statement.setString(i++, c.confirmation());
            statement.setString(i++, c.createdIn());
            statement.setInt(i++, c.disableAutoGroupChange());
            statement.setString(i++, c.passwordHash());
            statement.setBoolean(i++, c.subscribed());
            statement.setString(i, c.customAttributes() == null ? "{}" : Json.string(c.customAttributes()));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    int insertAddress(Connection connection, int customerId, JsonNode a) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO customer_address (customer_id, firstname, lastname, middlename, prefix, suffix, company, street,"
                        + " city, region_id, region, region_code, country_id, postcode, telephone, fax, vat_id, custom_attributes)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) RETURNING id")) {
            int i = 1;
            statement.setInt(i++, customerId);
            statement.setString(i++, Json.text(a, "firstname"));
            statement.setString(i++, Json.text(a, "lastname"));
            statement.setString(i++, Json.text(a, "middlename"));
            statement.setString(i++, Json.text(a, "prefix"));
            statement.setString(i++, Json.text(a, "suffix"));
            statement.setString(i++, Json.text(a, "company"));
            List<String> street = new ArrayList<>();
            a.path("street").forEach(line -> street.add(line.asText()));
            statement.setArray(i++, connection.createArrayOf("text", street.toArray()));
            statement.setString(i++, Json.text(a, "city"));
            Integer regionId = a.has("region_id") ? Integer.valueOf(a.get("region_id").asInt())
                    : a.path("region").has("region_id") ? Integer.valueOf(a.path("region").get("region_id").asInt()) : null;
            if (regionId == null) {
                statement.setNull(i++, Types.INTEGER);
            } else {
                statement.setInt(i++, regionId);
            }
            statement.setString(i++, Json.text(a.path("region"), "region"));
            statement.setString(i++, Json.text(a.path("region"), "region_code"));
            statement.setString(i++, Json.text(a, "country_id").toUpperCase());
            statement.setString(i++, Json.text(a, "postcode"));
            statement.setString(i++, Json.text(a, "telephone"));
            statement.setString(i++, Json.text(a, "fax"));
            statement.setString(i++, Json.text(a, "vat_id"));
            statement.setString(i, Json.string(attributeMap(a.get("custom_attributes"))));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void setDefaultAddresses(Connection connection, int customerId, Integer billing, Integer shipping) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE customer SET default_billing = ?, default_shipping = ? WHERE id = ?")) {
            setInteger(statement, 1, billing);
            setInteger(statement, 2, shipping);
            statement.setInt(3, customerId);
            statement.executeUpdate();
        }
    }

    Optional<ObjectNode> read(Connection connection, int id) throws SQLException {
        ObjectNode out;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, group_id, default_billing, default_shipping, confirmation, created_at, updated_at, created_in, dob,"
                        + " email, firstname, lastname, middlename, prefix, suffix, gender, store_id, taxvat, website_id,"
                        + " disable_auto_group_change, is_subscribed, custom_attributes FROM customer WHERE id = ?")) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                out = Json.NODES.objectNode();
                out.put("id", rs.getInt("id"));
                out.put("group_id", rs.getInt("group_id"));
                putString(out, "default_billing", rs.getObject("default_billing") == null ? null : rs.getString("default_billing"));
                putString(out, "default_shipping", rs.getObject("default_shipping") == null ? null : rs.getString("default_shipping"));
                putString(out, "confirmation", rs.getString("confirmation"));
                out.put("created_at", Json.timestamp(rs.getObject("created_at", OffsetDateTime.class)));
                out.put("updated_at", Json.timestamp(rs.getObject("updated_at", OffsetDateTime.class)));
                putString(out, "created_in", rs.getString("created_in"));
                LocalDate dob = rs.getObject("dob", LocalDate.class);
                putString(out, "dob", dob == null ? null : dob.toString());
                out.put("email", rs.getString("email"));
                out.put("firstname", rs.getString("firstname"));
                out.put("lastname", rs.getString("lastname"));
                putString(out, "middlename", rs.getString("middlename"));
                putString(out, "prefix", rs.getString("prefix"));
                putString(out, "suffix", rs.getString("suffix"));
                int gender = rs.getInt("gender");
                if (!rs.wasNull()) {
                    out.put("gender", gender);
                }
                out.put("store_id", rs.getInt("store_id"));
                putString(out, "taxvat", rs.getString("taxvat"));
                out.put("website_id", rs.getInt("website_id"));
                out.putArray("addresses");
                out.put("disable_auto_group_change", rs.getInt("disable_auto_group_change"));
                out.putObject("extension_attributes").put("is_subscribed", rs.getBoolean("is_subscribed"));
                JsonNode attributes = Json.parse(rs.getString("custom_attributes"));
                if (!attributes.isEmpty()) {
                    ArrayNode list = out.putArray("custom_attributes");
                    attributes.fields().forEachRemaining(e -> list.addObject().put("attribute_code", e.getKey()).set("value", e.getValue()));
                }
            }
        }
        ArrayNode addresses = (ArrayNode) out.get("addresses");
        readAddresses(connection, id, addresses, out.path("default_billing").asText(null), out.path("default_shipping").asText(null));
        return Optional.of(out);
    }

    private void readAddresses(Connection connection, int customerId, ArrayNode target, String billing, String shipping)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, region_code, region, region_id, country_id, street, company, telephone, fax, postcode, city,"
                        + " firstname, lastname, middlename, prefix, suffix, vat_id, custom_attributes"
                        + " FROM customer_address WHERE customer_id = ? ORDER BY id")) {
            statement.setInt(1, customerId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ObjectNode a = target.addObject();
                    String id = rs.getString("id");
                    a.put("id", rs.getInt("id"));
                    a.put("customer_id", customerId);
                    int regionId = rs.getInt("region_id");
                    boolean hasRegionId = !rs.wasNull();
                    if (hasRegionId || rs.getString("region") != null || rs.getString("region_code") != null) {
                        ObjectNode region = a.putObject("region");
                        region.put("region_code", rs.getString("region_code"));
                        region.put("region", rs.getString("region"));
                        region.put("region_id", hasRegionId ? regionId : 0);
                    }
                    if (hasRegionId) {
                        a.put("region_id", regionId);
                    }
                    a.put("country_id", rs.getString("country_id"));
                    ArrayNode street = a.putArray("street");
                    Array lines = rs.getArray("street");
                    for (Object line : (Object[]) lines.getArray()) {
                        street.add(String.valueOf(line));
                    }
                    putString(a, "company", rs.getString("company"));
                    putString(a, "telephone", rs.getString("telephone"));
                    putString(a, "fax", rs.getString("fax"));
                    putString(a, "postcode", rs.getString("postcode"));
                    a.put("city", rs.getString("city"));
                    a.put("firstname", rs.getString("firstname"));
                    a.put("lastname", rs.getString("lastname"));
                    putString(a, "middlename", rs.getString("middlename"));
                    putString(a, "prefix", rs.getString("prefix"));
                    putString(a, "suffix", rs.getString("suffix"));
                    putString(a, "vat_id", rs.getString("vat_id"));
                    if (id.equals(shipping)) {
                        a.put("default_shipping", true);
                    }
                    if (id.equals(billing)) {
                        a.put("default_billing", true);
                    }
                    JsonNode attributes = Json.parse(rs.getString("custom_attributes"));
                    if (!attributes.isEmpty()) {
                        ArrayNode list = a.putArray("custom_attributes");
                        attributes.fields().forEachRemaining(e -> list.addObject().put("attribute_code", e.getKey()).set("value", e.getValue()));
                    }
                }
            }
        }
    }

    static ObjectNode attributeMap(JsonNode list) {
        ObjectNode map = Json.NODES.objectNode();
        if (list != null) {
            for (JsonNode attribute : list) {
                map.set(attribute.get("attribute_code").asText(), attribute.get("value"));
            }
        }
        return map;
    }

    private static boolean exists(Connection connection, String sql, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void putString(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    /** Locks a customer row so concurrent updates of one customer serialize; its website, or empty. */
    Optional<Integer> lockWebsite(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT website_id FROM customer WHERE id = ? FOR UPDATE")) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    boolean emailTakenByOther(Connection connection, String email, int websiteId, int exceptId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM customer WHERE lower(email) = lower(?) AND website_id = ? AND id <> ?")) {
            statement.setString(1, email);
            statement.setInt(2, websiteId);
            statement.setInt(3, exceptId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Sets the given columns (name to value; values are bound, names come from the calling code), merges the
     * custom attributes and touches updated_at.
     */
    void update(Connection connection, int id, Map<String, Object> columns, ObjectNode customAttributes)
            throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE customer SET updated_at = now(), custom_attributes = custom_attributes || ?::jsonb");
        columns.keySet().forEach(c -> sql.append(", ").append(c).append(" = ?"));
        sql.append(" WHERE id = ?");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int i = 1;
            statement.setString(i++, customAttributes == null ? "{}" : Json.string(customAttributes));
            for (Object value : columns.values()) {
                statement.setObject(i++, value);
            }
            statement.setInt(i, id);
            statement.executeUpdate();
        }
    }

    /** The customer an address belongs to; with {@code lock} that customer's row stays locked. */
    Optional<Integer> addressOwner(Connection connection, int addressId, boolean lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.id FROM customer_address a JOIN customer c ON c.id = a.customer_id WHERE a.id = ?"
                        + (lock ? " FOR UPDATE OF c" : ""))) {
            statement.setInt(1, addressId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    /** Deletes one address and the customer's default billing or shipping mark on it. */
    void deleteAddress(Connection connection, int customerId, int addressId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE customer SET default_billing = CASE WHEN default_billing = ? THEN NULL ELSE default_billing END,"
                        + " default_shipping = CASE WHEN default_shipping = ? THEN NULL ELSE default_shipping END,"
                        + " updated_at = now() WHERE id = ?")) {
            statement.setInt(1, addressId);
            statement.setInt(2, addressId);
            statement.setInt(3, customerId);
            statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM customer_address WHERE id = ?")) {
            statement.setInt(1, addressId);
            statement.executeUpdate();
        }
    }

    void deleteAddresses(Connection connection, int customerId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM customer_address WHERE customer_id = ?")) {
            statement.setInt(1, customerId);
            statement.executeUpdate();
        }
    }

    boolean delete(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM customer WHERE id = ?")) {
            statement.setInt(1, id);
            return statement.executeUpdate() > 0;
        }
    }

    /** Ids of the customers matching a search, in its order and page, and the total count of matches. */
    record Page(List<Integer> ids, long total) {
    }

    Page search(Connection connection, SqlSearch search) throws SQLException {
        long total;
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM customer WHERE " + search.where())) {
            search.bind(statement, 1);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM customer WHERE " + search.where()
                + " ORDER BY " + search.orderBy() + " LIMIT ? OFFSET ?")) {
            int next = search.bind(statement, 1);
            statement.setInt(next++, search.limit());
            statement.setInt(next, search.offset());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        return new Page(ids, total);
    }
}
