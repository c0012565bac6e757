package io.catalogbulk.catalog.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Inventory sources (SourceRepositoryInterface). Save is an upsert by source_code, as Magento's; it is validated as
 * Magento's SourceValidator does (code and name required, no whitespace in the code) and answers Magento's void
 * ({@code []}). A source is never deleted through the API, as in Magento.
 */
@ApplicationScoped
@Unremovable
public class SourceService {

    static final String NOT_FOUND = "Source with code \"%value\" does not exist.";

    /** POST /V1/inventory/sources */
    public JsonNode save(OperationContext context, ObjectNode params) throws SQLException {
        ObjectNode source = (ObjectNode) params.get("source");
        String code = source.path("source_code").asText("");
        String name = source.path("name").asText("");
        List<Phrase> errors = new ArrayList<>();
        if (code.isBlank()) {
            errors.add(Phrase.of("\"%field\" can not be empty.", Map.of("field", "source_code")));
        } else if (!code.equals(code.replaceAll("\\s", ""))) {
            errors.add(Phrase.of("\"%field\" can not contain whitespaces.", Map.of("field", "source_code")));
        }
        if (name.isBlank()) {
            errors.add(Phrase.of("\"%field\" can not be empty.", Map.of("field", "name")));
        }
        if (!errors.isEmpty()) {
            throw new WebapiException(400, Phrase.of("Validation Failed"),
                    errors.stream().map(WebapiException.ErrorEntry::new).toList(), null);
        }
        ObjectNode details = source.deepCopy();
        details.remove(List.of("source_code", "name", "enabled"));
        try (PreparedStatement statement = context.connection().prepareStatement(
                "INSERT INTO inventory_source (source_code, name, enabled, details) VALUES (?, ?, ?, ?::jsonb)"
                        + " ON CONFLICT (source_code) DO UPDATE SET name = EXCLUDED.name,"
                        + " enabled = COALESCE(?, inventory_source.enabled), details = inventory_source.details || EXCLUDED.details")) {
            statement.setString(1, code);
            statement.setString(2, name);
            statement.setBoolean(3, source.path("enabled").asBoolean(true));
            statement.setString(4, Json.string(details));
            statement.setObject(5, source.hasNonNull("enabled") ? source.get("enabled").asBoolean() : null, java.sql.Types.BOOLEAN);
            statement.executeUpdate();
        }
        return Json.NODES.arrayNode();
    }

    /** GET /V1/inventory/sources/:sourceCode: SourceInterface in Magento's key order. */
    public JsonNode get(OperationContext context, ObjectNode params) throws SQLException {
        String code = params.get("sourceCode").asText();
        try (PreparedStatement statement = context.connection().prepareStatement(
                "SELECT source_code, name, enabled, details::text FROM inventory_source WHERE source_code = ?")) {
            statement.setString(1, code);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw WebapiException.notFound(Phrase.of(NOT_FOUND, Map.of("value", code)));
                }
                JsonNode details = Json.parse(rs.getString(4));
                ObjectNode out = Json.NODES.objectNode();
                out.put("source_code", rs.getString(1));
                out.put("name", rs.getString(2));
                copy(details, out, "email", "contact_name");
                out.put("enabled", rs.getBoolean(3));
                copy(details, out, "description", "latitude", "longitude", "country_id", "region_id", "region", "city", "street",
                        "postcode", "phone", "fax", "use_default_carrier_config", "carrier_links");
                return out;
            }
        }
    }

    /** Whether a source with this code exists (stock rows and source items need one). */
    public static boolean exists(Connection connection, String code) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM inventory_source WHERE source_code = ?")) {
            statement.setString(1, code);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.hasNonNull(field)) {
                to.set(field, from.get(field));
            }
        }
    }
}
