package io.catalogbulk.ingest.importing.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.ingest.importing.source.SourceFormat;

/** Every statement on {@code import_job} and {@code import_row_override}. */
@ApplicationScoped
public class ImportJobs {

    public static final String COLUMNS = ImportJob.COLUMNS;

    @Inject
    DataSource dataSource;

    public static ImportJob read(ResultSet rs) throws SQLException {
        return ImportJob.read(rs);
    }

    /** The declared route an import names as {@code "POST /V1/products"}. */
    public static Optional<RouteDeclaration> route(RouteTable routes, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.trim().replaceAll("\\s+", " ");
        return routes.routes().stream()
                .filter(r -> r.asyncAllowed() && (r.method() + " " + r.path().template()).equals(normalized))
                .findFirst();
    }

    static void insert(Connection connection, UUID uuid, UUID source, UUID bulk, Caller owner, String importType, String route,
            String topic, String behaviour, io.catalogbulk.core.operation.StoreScope scope, String parameters, String warnings)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO import_job (uuid, source_uuid, bulk_uuid, user_id, user_type, import_type, route, topic_name, behaviour,"
                        + " store_id, store_scope, parameters, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
            statement.setObject(1, uuid);
            statement.setObject(2, source);
            statement.setObject(3, bulk);
            setNullableInt(statement, 4, owner.userId());
            statement.setInt(5, owner.userType());
            statement.setString(6, importType);
            statement.setString(7, route);
            statement.setString(8, topic);
            statement.setString(9, behaviour);
            statement.setInt(10, scope.storeId());
            statement.setString(11, scope.mode().dbValue());
            statement.setString(12, parameters);
            statement.setString(13, warnings);
            statement.executeUpdate();
        }
    }

    /**
     * Sets {@code assignments} (with {@code values} for its placeholders) and renews the split lease, only if
     * {@code owner} still holds it; false when it does not.
     */
    public static boolean updateLeased(Connection connection, UUID job, UUID owner, long leaseMillis, String assignments, Object... values)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE import_job SET " + assignments
                + ", split_lease_until = now() + ? * interval '1 millisecond' WHERE uuid = ? AND split_owner = ?"
                + " AND split_lease_until > now()")) {
            int p = 1;
            for (Object value : values) {
                statement.setObject(p++, value);
            }
            statement.setLong(p++, leaseMillis);
            statement.setObject(p++, job);
            statement.setObject(p, owner);
            return statement.executeUpdate() == 1;
        }
    }

    /** The import, if {@code caller} may see it: its owner, or anyone when {@code everyone} (the bulk-log ACL). */
    public Optional<ImportJob> find(UUID uuid, Caller caller, boolean everyone) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM import_job WHERE uuid = ?"
                        + (everyone ? "" : " AND user_type = ? AND user_id IS NOT DISTINCT FROM ?"))) {
            statement.setObject(1, uuid);
            if (!everyone) {
                statement.setInt(2, caller.userType());
                setNullableInt(statement, 3, caller.userId());
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The import whose bulk this is (an Idempotency-Key names an import by its bulk). */
    public Optional<ImportJob> byBulk(UUID bulk) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM import_job WHERE bulk_uuid = ?")) {
            statement.setObject(1, bulk);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Derived status of an import, as SQL over import_job j (what {@link ImportStatus} computes). */
    static final String STATUS_SQL = "CASE WHEN j.cancelled_at IS NOT NULL AND j.state <> 'failed' THEN"
            + " CASE WHEN (SELECT coalesce(sum(delta), 0) FROM bulk_status_delta d WHERE d.bulk_uuid = j.bulk_uuid AND d.status = 4) > 0"
            + " THEN 'processing' ELSE 'cancelled' END"
            + " WHEN j.state <> 'processing' THEN j.state"
            + " WHEN (SELECT coalesce(sum(delta), 0) FROM bulk_status_delta d WHERE d.bulk_uuid = j.bulk_uuid AND d.status = 4) > 0"
            + " THEN 'processing'"
            + " WHEN (SELECT coalesce(sum(delta), 0) FROM bulk_status_delta d WHERE d.bulk_uuid = j.bulk_uuid AND d.status IN (2, 3, 5)) > 0"
            + " THEN 'complete_with_errors' ELSE 'complete' END";

    static final java.util.Map<String, io.catalogbulk.core.search.SearchField> SEARCHABLE = java.util.Map.of(
            "status", new io.catalogbulk.core.search.SearchField("status", "(" + STATUS_SQL + ")",
                    io.catalogbulk.core.search.SearchField.ValueType.TEXT),
            "import_type", new io.catalogbulk.core.search.SearchField("import_type", "j.import_type",
                    io.catalogbulk.core.search.SearchField.ValueType.TEXT),
            "created_at", new io.catalogbulk.core.search.SearchField("created_at", "j.created_at",
                    io.catalogbulk.core.search.SearchField.ValueType.TIMESTAMP),
            "import_uuid", new io.catalogbulk.core.search.SearchField("import_uuid", "j.uuid",
                    io.catalogbulk.core.search.SearchField.ValueType.UUID));

    public record Page(List<ImportJob> items, long total) {
    }

    /** Imports matching a search, newest first unless sorted otherwise; the caller's own unless {@code everyone}. */
    public Page search(Caller caller, boolean everyone, io.catalogbulk.core.search.SqlSearch search) throws SQLException {
        String owner = everyone ? "" : " AND j.user_type = ? AND j.user_id IS NOT DISTINCT FROM ?";
        String where = " FROM import_job j WHERE " + (search.where().isEmpty() ? "true" : search.where()) + owner;
        try (Connection connection = dataSource.getConnection()) {
            List<ImportJob> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS.replaceAll("(\\w+)", "j.$1")
                    + where + " ORDER BY " + search.orderBy() + " LIMIT ? OFFSET ?")) {
                int p = bind(statement, search, caller, everyone);
                statement.setInt(p++, search.limit());
                statement.setInt(p, search.offset());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT count(*)" + where)) {
                bind(statement, search, caller, everyone);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return new Page(found, rs.getLong(1));
                }
            }
        }
    }

    private static int bind(PreparedStatement statement, io.catalogbulk.core.search.SqlSearch search, Caller caller, boolean everyone)
            throws SQLException {
        int p = search.bind(statement, 1);
        if (!everyone) {
            statement.setInt(p++, caller.userType());
            setNullableInt(statement, p++, caller.userId());
        }
        return p;
    }

    /** The format of a source (the split reads the file as it was uploaded). */
    public SourceFormat sourceFormat(UUID source) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT format FROM import_source WHERE uuid = ?")) {
            statement.setObject(1, source);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("Import source " + source + " is gone");
                }
                return SourceFormat.ofCode(rs.getString(1)).orElseThrow();
            }
        }
    }

    /** Data a client gave a failed row since (PUT rows/:row, resubmit), by row number, for rows in [from, to]. */
    public java.util.Map<Long, com.fasterxml.jackson.databind.JsonNode> overrides(UUID job, long from, long to) throws SQLException {
        java.util.Map<Long, com.fasterxml.jackson.databind.JsonNode> found = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT row_number, cells FROM import_row_override WHERE import_uuid = ? AND row_number BETWEEN ? AND ?")) {
            statement.setObject(1, job);
            statement.setLong(2, from);
            statement.setLong(3, to);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), Json.parse(rs.getString(2)));
                }
            }
        }
        return found;
    }

    static void putOverride(Connection connection, UUID job, long row, String cells) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO import_row_override (import_uuid, row_number, cells) VALUES (?, ?, ?::jsonb)"
                        + " ON CONFLICT (import_uuid, row_number) DO UPDATE SET cells = excluded.cells")) {
            statement.setObject(1, job);
            statement.setLong(2, row);
            statement.setString(3, cells);
            statement.executeUpdate();
        }
    }

    static void setNullableInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
