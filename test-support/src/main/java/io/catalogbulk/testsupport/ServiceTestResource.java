package io.catalogbulk.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real PostgreSQL and RabbitMQ of the machine: database
 * {@code catalog_bulk_test} (or {@code TEST_PG_DATABASE}; re-created once per test JVM so every module's
 * suite migrates a clean schema), an exchange and queue of the test run's own (deleted at the end), and
 * freshly generated token keys.
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = TestEnvironment.env("TEST_PG_DATABASE", "catalog_bulk_test");

    private static TestEnvironment.BrokerNames names;
    private static boolean databaseRecreated;

    @Override
    public Map<String, String> start() {
        // Once per JVM, not per Quarkus start: test profiles of one module share the data they seeded.
        synchronized (ServiceTestResource.class) {
            if (!databaseRecreated) {
                TestEnvironment.recreateDatabase(DATABASE);
                databaseRecreated = true;
            }
        }
        names = TestEnvironment.brokerNames("svc");
        TestEnvironment.KeyFiles keys = TestEnvironment.keys();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", TestEnvironment.jdbcUrl(DATABASE));
        config.put("quarkus.datasource.username", TestEnvironment.PG_USER);
        config.put("quarkus.datasource.password", TestEnvironment.PG_PASSWORD);
        config.put("rabbitmq-host", TestEnvironment.RABBIT_HOST);
        config.put("rabbitmq-port", String.valueOf(TestEnvironment.RABBIT_PORT));
        config.put("rabbitmq-username", TestEnvironment.RABBIT_USERNAME);
        config.put("rabbitmq-password", TestEnvironment.RABBIT_PASSWORD);
        config.put("catalog-bulk.broker.exchange", names.exchange());
        config.put("catalog-bulk.broker.queue", names.queue());
        config.put("mp.jwt.verify.publickey.location", keys.publicKey().toUri().toString());
        config.put("smallrye.jwt.sign.key.location", keys.privateKey().toUri().toString());
        return config;
    }

    /** The broker names of the running test application. */
    public static TestEnvironment.BrokerNames brokerNames() {
        return names;
    }

    @Override
    public void stop() {
        if (names != null) {
            TestEnvironment.deleteBrokerNames(names);
        }
    }
}
