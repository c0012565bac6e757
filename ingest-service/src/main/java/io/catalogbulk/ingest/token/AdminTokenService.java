package io.catalogbulk.ingest.token;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.signin.SignInGuard;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.webapi.Json;

/**
 * POST /V1/integration/admin/token: checks an administrator's credentials (with lockout, in constant time, see
 * {@link SignInGuard}) and answers a token (a JSON string) that carries the user's own ACL resources.
 */
@ApplicationScoped
@Unremovable
public class AdminTokenService {

    static final String SIGN_IN_FAILED = SignInGuard.SIGN_IN_FAILED;

    @Inject
    TokenIssuer issuer;

    @Inject
    SignInGuard guard;

    public JsonNode createAdminAccessToken(OperationContext context, ObjectNode params) throws SQLException {
        String username = params.get("username").asText();
        String password = params.get("password").asText();
        SignInGuard.Account account = null;
        String name = null;
        Set<String> resources = Set.of();
        try (PreparedStatement statement = context.connection().prepareStatement(
                SignInGuard.Kind.ADMIN.select("username, resources", "lower(username) = lower(?)"))) {
            statement.setString(1, username);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    account = SignInGuard.Account.read(SignInGuard.Kind.ADMIN, rs);
                    name = rs.getString(5);
                    resources = resources(rs.getArray(6));
                }
            }
        }
        guard.check(SignInGuard.Kind.ADMIN, account, password);
        return Json.NODES.textNode(issuer.issue(account.id(), UserType.ADMIN, name, resources));
    }

    static Set<String> resources(Array array) throws SQLException {
        return array == null ? Set.of() : new LinkedHashSet<>(List.of((String[]) array.getArray()));
    }
}
