package io.catalogbulk.ingest.importing.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.webapi.Json;

/** One row of {@code import_job}: an import started from a source, and how far its split got. */
public record ImportJob(UUID uuid, UUID sourceUuid, UUID bulkUuid, Caller owner, String importType, String route, String topic,
        String behaviour, StoreScope scope, JsonNode parameters, String state, String splitPhase, long splitPosition, Long rowsTotal,
        long rowsInvalid, JsonNode errors, OffsetDateTime createdAt, OffsetDateTime splitFinishedAt, JsonNode warnings, int splitPass,
        long storeViewPosition, Long storeViewOffset, OffsetDateTime cancelledAt) {

    static final String COLUMNS = "uuid, source_uuid, bulk_uuid, user_id, user_type, import_type, route, topic_name, behaviour,"
            + " store_id, store_scope, parameters, state, split_phase, split_position, rows_total, rows_invalid, errors, created_at,"
            + " split_finished_at, warnings, split_pass, store_view_position, store_view_offset, cancelled_at";

    static ImportJob read(ResultSet rs) throws SQLException {
        int userId = rs.getInt("user_id");
        Caller owner = new Caller(rs.wasNull() ? null : userId, rs.getInt("user_type"));
        long total = rs.getLong("rows_total");
        Long rowsTotal = rs.wasNull() ? null : total;
        StoreScope.Mode mode = StoreScope.Mode.ofDbValue(rs.getString("store_scope"));
        int storeId = rs.getInt("store_id");
        return new ImportJob(rs.getObject("uuid", UUID.class), rs.getObject("source_uuid", UUID.class), rs.getObject("bulk_uuid", UUID.class),
                owner, rs.getString("import_type"), rs.getString("route"), rs.getString("topic_name"), rs.getString("behaviour"),
                new StoreScope(mode, storeId), Json.parse(rs.getString("parameters")), rs.getString("state"), rs.getString("split_phase"),
                rs.getLong("split_position"), rowsTotal, rs.getLong("rows_invalid"), Json.parse(rs.getString("errors")),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("split_finished_at", OffsetDateTime.class),
                Json.parse(rs.getString("warnings")), rs.getInt("split_pass"), rs.getLong("store_view_position"),
                storeViewOffset(rs), rs.getObject("cancelled_at", OffsetDateTime.class));
    }

    private static Long storeViewOffset(ResultSet rs) throws SQLException {
        long offset = rs.getLong("store_view_offset");
        return rs.wasNull() ? null : offset;
    }

    /**
     * The file row of an operation: a global row's id is row - 1, a store-view row's (written in the split's second
     * pass) store_view_offset + row - 1.
     */
    public long rowOf(int id) {
        return storeViewOffset != null && id >= storeViewOffset ? id - storeViewOffset + 1 : id + 1L;
    }

    /** The operation ids a file row may have (it has exactly one of them: global or store-view). */
    public List<Integer> idsOf(long row) {
        List<Integer> ids = new ArrayList<>();
        if (row >= 1 && row - 1 <= Integer.MAX_VALUE) {
            ids.add((int) (row - 1));
        }
        if (storeViewOffset != null && row >= 1 && storeViewOffset + row - 1 <= Integer.MAX_VALUE) {
            ids.add((int) (storeViewOffset + row - 1));
        }
        return ids;
    }

    /** The operation id of a store-view row in the second pass. */
    public static int storeViewId(long offset, long row) {
        return Math.toIntExact(offset + row - 1);
    }
}
