package io.catalogbulk.core.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.testsupport.QueryRows;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The real PostgreSQL for the ledger's tests: the test database, re-created and migrated with the schema module's
 * migrations once per JVM (as the services do at start), and bulks and operations written straight into it the way
 * the services leave them. Every bulk gets a fresh uuid and owners are fresh user ids, so tests never see each
 * other's rows.
 */
final class LedgerDatabase {

    static final String TOPIC = "async.magento.catalog.api.productrepositoryinterface.save.post";
    static final int INTEGRATION = 1;

    private static DataSource dataSource;

    private LedgerDatabase() {
    }

    static synchronized DataSource dataSource() {
        if (dataSource == null) {
            TestEnvironment.recreateDatabase(ServiceTestResource.DATABASE);
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setUrl(TestEnvironment.jdbcUrl(ServiceTestResource.DATABASE));
            pg.setUser(TestEnvironment.PG_USER);
            pg.setPassword(TestEnvironment.PG_PASSWORD);
            Flyway.configure().dataSource(pg).load().migrate();
            dataSource = pg;
        }
        return dataSource;
    }

    /** An integration user of its own. */
    static Caller freshOwner() {
        return new Caller(ThreadLocalRandom.current().nextInt(1_000_000, 2_000_000_000), INTEGRATION);
    }

    /**
     * A published bulk of {@code owner} with one operation per status (ids 0, 1, 2, ...); a finished operation
     * finished now.
     */
    static UUID bulk(Caller owner, OperationStatus... statuses) throws SQLException {
        UUID uuid = UUID.randomUUID();
        try (Connection connection = dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement bulk = connection.prepareStatement(
                    "INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, publish_lease_until, published_at)"
                            + " VALUES (?, ?, ?, 'Topic " + TOPIC + "', ?, now() + interval '1 hour', now())")) {
                bulk.setObject(1, uuid);
                bulk.setObject(2, owner.userId(), Types.INTEGER);
                bulk.setInt(3, owner.userType());
                bulk.setInt(4, statuses.length);
                bulk.executeUpdate();
            }
            try (PreparedStatement operation = connection.prepareStatement(
                    "INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, status,"
                            + " error_code, finished_at) VALUES (?, ?, '" + TOPIC + "', ?, 1, 'implicit', ?, ?,"
                            + " CASE WHEN ? THEN NULL ELSE now() END)")) {
                for (int id = 0; id < statuses.length; id++) {
                    boolean open = statuses[id] == OperationStatus.OPEN;
                    operation.setObject(1, uuid);
                    operation.setInt(2, id);
                    operation.setString(3, "{\"product\":{\"sku\":\"sku-" + id + "\"}}");
                    operation.setInt(4, statuses[id].code());
                    operation.setObject(5, open || statuses[id] == OperationStatus.COMPLETE ? null : 400 + id, Types.INTEGER);
                    operation.setBoolean(6, open);
                    operation.addBatch();
                }
                operation.executeBatch();
            }
            connection.commit();
        }
        return uuid;
    }

    static void execute(String sql, Object... params) throws SQLException {
        try (Connection connection = dataSource().getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        }
    }

    /** The rows of a query, each as column label → value. */
    static List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            return QueryRows.query(connection, sql, params);
        }
    }

    static Map<String, Object> row(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError(rows.size() + " rows for " + sql);
        }
        return rows.get(0);
    }

    /** The status of each operation of the bulk, by id. */
    static List<Integer> statuses(UUID bulk) throws SQLException {
        List<Integer> statuses = new ArrayList<>();
        for (Map<String, Object> row : rows("SELECT status FROM operation WHERE bulk_uuid = ? ORDER BY id", bulk)) {
            statuses.add(((Number) row.get("status")).intValue());
        }
        return statuses;
    }
}
