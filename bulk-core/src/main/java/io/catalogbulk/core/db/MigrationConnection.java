package io.catalogbulk.core.db;

import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * Lets the schema migrations run on a connection of their own ({@code DB_MIGRATION_URL}) while the services' pools
 * use {@code DB_URL}: the setting that makes PgBouncer in transaction mode a supported deployment
 * (docs/deployment.md, "Connection budget"). Flyway serialises replicas with a PostgreSQL advisory lock and runs
 * DDL that may take minutes; through a transaction pooler the lock and the statements can land on different server
 * connections, and a long migration holds one of the pooler's few server connections. So migrations go straight
 * to PostgreSQL.
 * <p>
 * Quarkus' own {@code quarkus.flyway.jdbc-url} would do it, but it refuses an empty password (a trust or peer login,
 * as on this machine's PostgreSQL); this customizer takes the URL, and the user and password fall back to the pool's.
 */
@Singleton
public class MigrationConnection implements FlywayConfigurationCustomizer {

    private final Optional<String> url;
    private final String user;
    private final String password;

    MigrationConnection(@ConfigProperty(name = "catalog-bulk.db.migration-url") Optional<String> url,
            @ConfigProperty(name = "catalog-bulk.db.migration-user") Optional<String> user,
            @ConfigProperty(name = "catalog-bulk.db.migration-password") Optional<String> password,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> poolUser,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> poolPassword) {
        this.url = url;
        this.user = user.or(() -> poolUser).orElse(null);
        this.password = password.or(() -> poolPassword).orElse("");
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        url.ifPresent(direct -> configuration.dataSource(direct, user, password));
    }
}
