package io.catalogbulk.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * Migration V60.1 renames the topics of operations stored before topics followed Magento: a database holding
 * operations and bulk descriptions under the short names reads Magento's names afterwards, and nothing else moves.
 */
class TopicRenameMigrationTest {

    private static final String DATABASE = ServiceTestResource.DATABASE + "_topics";

    @Test
    void operationsStoredUnderTheShortNamesCarryMagentosNamesAfterTheMigration() throws Exception {
        TestEnvironment.recreateDatabase(DATABASE);
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setUrl(TestEnvironment.jdbcUrl(DATABASE));
        pg.setUser(TestEnvironment.PG_USER);
        pg.setPassword(TestEnvironment.PG_PASSWORD);
        Flyway.configure().dataSource(pg).target(MigrationVersion.fromVersion("60")).load().migrate();

        UUID products = UUID.randomUUID();
        UUID customers = UUID.randomUUID();
        try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO bulk (uuid, user_id, user_type, description, operation_count, publish_lease_until) VALUES"
                    + " ('" + products + "', 1, 2, 'Topic async.catalog.product.save.put', 2, now()),"
                    + " ('" + customers + "', 1, 2, 'Topic async.customer.account.createaccount.post', 1, now())");
            statement.execute("INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data, store_id, store_scope, status) VALUES"
                    + " ('" + products + "', 0, 'async.catalog.product.save.put', '{}', 1, 'implicit', 1),"
                    + " ('" + products + "', 1, 'async.catalog.product.save.put', '{}', 1, 'implicit', 4),"
                    + " ('" + customers + "', 0, 'async.customer.account.createaccount.post', '{}', 1, 'implicit', 3)");
        }

        Flyway.configure().dataSource(pg).load().migrate();

        try (Connection connection = pg.getConnection(); Statement statement = connection.createStatement()) {
            assertEquals("Topic async.magento.catalog.api.productrepositoryinterface.save.put", one(statement,
                    "SELECT description FROM bulk WHERE uuid = '" + products + "'"));
            assertEquals("Topic async.magento.customer.api.accountmanagementinterface.createaccount.post", one(statement,
                    "SELECT description FROM bulk WHERE uuid = '" + customers + "'"));
            assertEquals("2", one(statement, "SELECT count(*) FROM operation WHERE bulk_uuid = '" + products
                    + "' AND topic_name = 'async.magento.catalog.api.productrepositoryinterface.save.put'"));
            assertEquals("async.magento.customer.api.accountmanagementinterface.createaccount.post", one(statement,
                    "SELECT topic_name FROM operation WHERE bulk_uuid = '" + customers + "'"));
            // Statuses and their per-bulk counts are untouched by the rename.
            assertEquals("1,4", one(statement, "SELECT string_agg(status::text, ',' ORDER BY id) FROM operation WHERE bulk_uuid = '"
                    + products + "'"));
            assertEquals("1", one(statement, "SELECT sum(delta) FROM bulk_status_delta WHERE bulk_uuid = '" + products
                    + "' AND status = 4"));
        }
        TestEnvironment.recreateDatabase(DATABASE);
    }

    private static String one(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
