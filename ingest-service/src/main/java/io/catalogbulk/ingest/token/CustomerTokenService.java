package io.catalogbulk.ingest.token;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.signin.SignInGuard;
import io.catalogbulk.catalog.signin.SignInConfig;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.webapi.Json;

/**
 * POST /V1/integration/customer/token: a customer's e-mail and password for a token that grants only
 * {@code self} (routes a customer calls for themselves, never asynchronous). The e-mail is looked up in the
 * website of the request's store, as Magento does; lockout and constant time as for admins.
 */
@ApplicationScoped
@Unremovable
public class CustomerTokenService {

    @Inject
    TokenIssuer issuer;

    @Inject
    SignInGuard guard;

    @Inject
    SignInConfig config;

    public JsonNode createCustomerAccessToken(OperationContext context, ObjectNode params) throws SQLException {
        String username = params.get("username").asText();
        String password = params.get("password").asText();
        SignInGuard.Account account = null;
        String email = null;
        // The store's website first; without a store code (default store) that is the default website.
        try (PreparedStatement statement = context.connection().prepareStatement(SignInGuard.Kind.CUSTOMER
                .select("email", "lower(email) = lower(?) ORDER BY (website_id = (SELECT website_id FROM store WHERE store_id = ?)) DESC,"
                        + " website_id LIMIT 1"))) {
            statement.setString(1, username);
            statement.setInt(2, context.scope().storeId());
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    account = SignInGuard.Account.read(SignInGuard.Kind.CUSTOMER, rs);
                    email = rs.getString(5);
                }
            }
        }
        guard.check(SignInGuard.Kind.CUSTOMER, account, password);
        return Json.NODES.textNode(issuer.issue(account.id(), UserType.CUSTOMER, email, Set.of(AclResources.SELF.name()),
                config.customerTokenLifetime()));
    }
}
