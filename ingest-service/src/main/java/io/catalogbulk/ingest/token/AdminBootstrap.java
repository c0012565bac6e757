package io.catalogbulk.ingest.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import io.catalogbulk.catalog.customer.PasswordHasher;

/**
 * Creates the first administrator from configuration (catalog-bulk.admin.username/password) if no user of
 * that name exists. An existing user is never changed, so a password changed later is not reset.
 */
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    @Inject
    DataSource dataSource;

    @Inject
    PasswordHasher hasher;

    @ConfigProperty(name = "catalog-bulk.admin.username", defaultValue = "admin")
    String username;

    @ConfigProperty(name = "catalog-bulk.admin.password", defaultValue = "admin123")
    String password;

    void onStart(@Observes StartupEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "INSERT INTO admin_user (username, password_hash) VALUES (?, ?) ON CONFLICT ((lower(username))) DO NOTHING")) {
            statement.setString(1, username);
            statement.setString(2, hasher.hash(password));
            if (statement.executeUpdate() > 0) {
                LOG.infof("Created administrator \"%s\" from configuration", username);
            }
        }
    }
}
