package io.catalogbulk.catalog.attribute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Product attributes and their options in PostgreSQL. */
public final class AttributeRepository {

    /** An attribute with its options (option id to label, in sort order). */
    public record Attribute(int id, String code, String frontendInput, String label, boolean required, String scope,
            Map<Integer, String> options) {

        /** Whether the attribute's values are option ids (select, multiselect). */
        public boolean hasOptions() {
            return frontendInput.equals("select") || frontendInput.equals("multiselect");
        }
    }

    private AttributeRepository() {
    }

    /** By code (case-insensitively) or, as Magento also accepts, by numeric id. */
    public static Optional<Attribute> find(Connection connection, String codeOrId, boolean lock) throws SQLException {
        String sql = "SELECT attribute_id, attribute_code, frontend_input, default_frontend_label, is_required, scope"
                + " FROM catalog_attribute WHERE lower(attribute_code) = lower(?)"
                + (codeOrId.matches("\\d{1,9}") ? " OR attribute_id = " + Integer.parseInt(codeOrId) : "")
                + (lock ? " FOR UPDATE" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, codeOrId);
            List<Attribute> found = read(connection, statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    public static Optional<Attribute> findById(Connection connection, int id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT attribute_id, attribute_code, frontend_input, default_frontend_label, is_required, scope"
                        + " FROM catalog_attribute WHERE attribute_id = ?")) {
            statement.setInt(1, id);
            List<Attribute> found = read(connection, statement);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** The attributes among these codes that exist, by lower-case code. */
    public static Map<String, Attribute> findByCodes(Connection connection, Collection<String> codes) throws SQLException {
        Map<String, Attribute> byCode = new HashMap<>();
        if (codes.isEmpty()) {
            return byCode;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT attribute_id, attribute_code, frontend_input, default_frontend_label, is_required, scope"
                        + " FROM catalog_attribute WHERE lower(attribute_code) = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("text", codes.stream().map(String::toLowerCase).toArray()));
            for (Attribute attribute : read(connection, statement)) {
                byCode.put(attribute.code().toLowerCase(), attribute);
            }
        }
        return byCode;
    }

    /** Inserts an attribute; empty when the code is taken. */
    static Optional<Integer> insert(Connection connection, String code, String frontendInput, String label, boolean required,
            String scope) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_attribute (attribute_code, frontend_input, default_frontend_label, is_required, scope)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT ((lower(attribute_code))) DO NOTHING RETURNING attribute_id")) {
            statement.setString(1, code);
            statement.setString(2, frontendInput);
            statement.setString(3, label);
            statement.setBoolean(4, required);
            statement.setString(5, scope);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    static int insertOption(Connection connection, int attributeId, String label, int sortOrder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO catalog_attribute_option (attribute_id, label, sort_order) VALUES (?, ?, ?) RETURNING option_id")) {
            statement.setInt(1, attributeId);
            statement.setString(2, label);
            statement.setInt(3, sortOrder);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<Attribute> read(Connection connection, PreparedStatement statement) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6)});
            }
        }
        List<Attribute> attributes = new ArrayList<>();
        for (Object[] row : rows) {
            attributes.add(new Attribute((int) row[0], (String) row[1], (String) row[2], (String) row[3], (boolean) row[4],
                    (String) row[5], options(connection, (int) row[0])));
        }
        return attributes;
    }

    private static Map<Integer, String> options(Connection connection, int attributeId) throws SQLException {
        Map<Integer, String> options = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT option_id, label FROM catalog_attribute_option WHERE attribute_id = ? ORDER BY sort_order, option_id")) {
            statement.setInt(1, attributeId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    options.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return options;
    }
}
