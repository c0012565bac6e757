package io.catalogbulk.status.console;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.catalogbulk.catalog.signin.SignInGuard;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.Authenticator;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.status.bulk.BulkAccess;

/**
 * Who may open the console: an admin user with the password of the token route (the same check, lockout and
 * constant-time refusal: {@link SignInGuard}), or an integration with its access token (verified like any bearer
 * token: {@link Authenticator}). The principal gets exactly the ACL resources its token would carry.
 */
@ApplicationScoped
public class ConsoleSignIn {

    @Inject
    DataSource dataSource;

    @Inject
    SignInGuard guard;

    @Inject
    Authenticator authenticator;

    private record AdminRow(SignInGuard.Account account, String name, Set<String> resources) {
    }

    /** The admin user, or the 401 of the token route. */
    public Principal admin(String username, String password) {
        AdminRow row = BulkAccess.database(() -> {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(
                            SignInGuard.Kind.ADMIN.select("username, resources", "lower(username) = lower(?)"))) {
                statement.setString(1, username);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? new AdminRow(SignInGuard.Account.read(SignInGuard.Kind.ADMIN, rs), rs.getString(5),
                            resources(rs.getArray(6))) : null;
                }
            }
        });
        // Unknown user or wrong password: the guard still spends its one bcrypt comparison, then refuses.
        guard.check(SignInGuard.Kind.ADMIN, row == null ? null : row.account(), password);
        return new Principal(row.account().id(), UserType.ADMIN, row.name(), row.resources());
    }

    /** The integration (or admin) whose valid token this is, or the 401 of the status routes. */
    public Principal token(String token) {
        Principal principal = authenticator.verify("Bearer " + (token == null ? "" : token.strip()))
                .filter(p -> p.userId() != null && (p.userType() == UserType.INTEGRATION || p.userType() == UserType.ADMIN))
                .orElseThrow(() -> WebapiException.notAuthorized(AclResources.BULK_LOG.name()));
        return principal;
    }

    private static Set<String> resources(Array array) throws java.sql.SQLException {
        return array == null ? Set.of() : Set.copyOf(List.of((String[]) array.getArray()));
    }
}
