package io.catalogbulk.status.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonGenerator;

import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SearchField;
import io.catalogbulk.core.search.SqlSearch;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.webapi.Json;

/**
 * Operation lists, written straight from a database cursor to the response: a 100,000-operation bulk is never
 * held in memory as objects.
 */
@ApplicationScoped
public class OperationRows {

    static final Map<String, SearchField> SEARCHABLE = Map.of(
            "bulk_uuid", new SearchField("bulk_uuid", "o.bulk_uuid", SearchField.ValueType.UUID),
            "id", new SearchField("id", "o.id", SearchField.ValueType.INTEGER),
            "status", new SearchField("status", "o.status", SearchField.ValueType.INTEGER),
            "topic_name", new SearchField("topic_name", "o.topic_name", SearchField.ValueType.TEXT),
            "error_code", new SearchField("error_code", "o.error_code", SearchField.ValueType.INTEGER),
            "start_time", new SearchField("start_time", "b.start_time", SearchField.ValueType.TIMESTAMP));

    private static final String DETAIL_COLUMNS = "o.id, o.bulk_uuid, o.topic_name, o.serialized_data, o.result_serialized_data,"
            + " o.status, o.result_message, o.error_code";

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "catalog-bulk.status.max-page-size", defaultValue = "1000")
    int maxPageSize;

    /** Short status: {"id", "status", "result_message", "error_code"} per operation. */
    StreamingOutput shortStatus(BulkSummary summary) {
        return output -> write(output, summary, false);
    }

    /** Detailed status: every member of the operation per operation. */
    StreamingOutput detailedStatus(BulkSummary summary) {
        return output -> write(output, summary, true);
    }

    private void write(OutputStream output, BulkSummary summary, boolean detailed) throws IOException {
        try (Connection connection = dataSource.getConnection();
                JsonGenerator json = Json.MAPPER.getFactory().createGenerator(output)) {
            // A cursor (autocommit off + fetch size) streams rows instead of loading them all.
            connection.setAutoCommit(false);
            json.writeStartObject();
            summary.writeHead(json);
            json.writeArrayFieldStart("operations_list");
            String columns = detailed ? DETAIL_COLUMNS : "o.id, o.status, o.result_message, o.error_code";
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + columns + " FROM operation o WHERE o.bulk_uuid = ? ORDER BY o.id")) {
                statement.setFetchSize(2000);
                statement.setObject(1, summary.uuid());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        if (detailed) {
                            writeDetailed(json, rs);
                        } else {
                            json.writeStartObject();
                            json.writeNumberField("id", rs.getInt(1));
                            json.writeNumberField("status", rs.getInt(2));
                            writeNullable(json, "result_message", rs.getString(3));
                            writeNullableInt(json, "error_code", rs, 4);
                            json.writeEndObject();
                        }
                    }
                }
            }
            connection.commit();
            json.writeEndArray();
            summary.writeTail(json);
            json.writeEndObject();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("Reading operations of " + summary.uuid() + " failed", e));
        }
    }

    /** A page of operations matching searchCriteria, among the bulks the principal may see. */
    SearchPage search(SearchCriteria criteria, Principal principal) throws SQLException {
        SqlSearch search = SqlSearch.of(criteria, SEARCHABLE, "o.bulk_uuid, o.id", maxPageSize);
        boolean everything = principal.allows(AclResources.BULK_LOG);
        String visibility = everything ? "TRUE" : "b.user_type = ? AND b.user_id IS NOT DISTINCT FROM ?";
        String from = " FROM operation o JOIN bulk b ON b.uuid = o.bulk_uuid WHERE " + visibility + " AND " + search.where();
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*)" + from)) {
                search.bind(count, bindVisibility(count, principal, everything));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Map<String, Object>> items = new ArrayList<>();
            try (PreparedStatement page = connection.prepareStatement("SELECT " + DETAIL_COLUMNS + ", b.start_time" + from
                    + " ORDER BY " + search.orderBy() + " LIMIT ? OFFSET ?")) {
                int next = search.bind(page, bindVisibility(page, principal, everything));
                page.setInt(next++, search.limit());
                page.setInt(next, search.offset());
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        items.add(detailedMap(rs));
                    }
                }
            }
            return new SearchPage(items, criteria, total);
        }
    }

    record SearchPage(List<Map<String, Object>> items, SearchCriteria criteria, long total) {
    }

    private static int bindVisibility(PreparedStatement statement, Principal principal, boolean everything) throws SQLException {
        if (everything) {
            return 1;
        }
        statement.setInt(1, principal.userType());
        if (principal.userId() == null || principal.userType() == UserType.GUEST) {
            statement.setNull(2, java.sql.Types.INTEGER);
        } else {
            statement.setInt(2, principal.userId());
        }
        return 3;
    }

    private static Map<String, Object> detailedMap(ResultSet rs) throws SQLException {
        Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("id", rs.getInt(1));
        item.put("bulk_uuid", rs.getObject(2, UUID.class).toString());
        item.put("topic_name", rs.getString(3));
        item.put("serialized_data", rs.getString(4));
        item.put("result_serialized_data", rs.getString(5));
        item.put("status", rs.getInt(6));
        item.put("result_message", rs.getString(7));
        int code = rs.getInt(8);
        item.put("error_code", rs.wasNull() ? null : code);
        item.put("extension_attributes", Map.of("start_time", Json.timestamp(rs.getObject(9, java.time.OffsetDateTime.class))));
        return item;
    }

    private static void writeDetailed(JsonGenerator json, ResultSet rs) throws IOException, SQLException {
        json.writeStartObject();
        json.writeNumberField("id", rs.getInt(1));
        json.writeStringField("bulk_uuid", rs.getObject(2, UUID.class).toString());
        json.writeStringField("topic_name", rs.getString(3));
        writeNullable(json, "serialized_data", rs.getString(4));
        writeNullable(json, "result_serialized_data", rs.getString(5));
        json.writeNumberField("status", rs.getInt(6));
        writeNullable(json, "result_message", rs.getString(7));
        writeNullableInt(json, "error_code", rs, 8);
        json.writeEndObject();
    }

    private static void writeNullable(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }

    private static void writeNullableInt(JsonGenerator json, String field, ResultSet rs, int column) throws IOException, SQLException {
        int value = rs.getInt(column);
        if (rs.wasNull()) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
