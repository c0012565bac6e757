package io.catalogbulk.ingest.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.customer.PasswordHasher;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.security.AclTree;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Admin users: created with a bcrypt-hashed password and their own ACL resources, listed without any hash,
 * disabled (never deleted: bulks keep pointing at their owner) with their tokens revoked at once.
 */
@ApplicationScoped
@Unremovable
public class AdminUserService {

    static final int MIN_PASSWORD_LENGTH = 8;

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenRevoker revoker;

    @Inject
    AclTree acl;

    /** POST /V1/users {"user": {"username", "password", "resources"}}. */
    public JsonNode create(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode input = params.get("user");
        String username = input.get("username").asText().strip();
        String password = input.get("password").asText();
        if (username.isEmpty()) {
            throw WebapiException.requiredField("username");
        }
        // Magento's admin rule: at least 7 characters with letters and digits; one more character here.
        if (password.length() < MIN_PASSWORD_LENGTH || !password.chars().anyMatch(Character::isLetter)
                || !password.chars().anyMatch(Character::isDigit)) {
            throw WebapiException.badRequest(Phrase.of(
                    "Your password must include both numeric and alphabetic characters and be at least %min characters long.",
                    Map.of("min", MIN_PASSWORD_LENGTH)));
        }
        Connection connection = context.connection();
        Set<String> resources = Grants.requested(input.path("resources"), connection, context.caller(), acl);
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO admin_user (username, password_hash, resources) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                        + " RETURNING user_id, username, resources, is_active, created_at")) {
            statement.setString(1, username);
            statement.setString(2, hasher.hash(password));
            statement.setArray(3, connection.createArrayOf("text", resources.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw WebapiException.badRequest("A user with the same user name or email already exists.");
                }
                return row(rs);
            }
        }
    }

    /** GET /V1/users. */
    public JsonNode list(OperationContext context, ObjectNode params) throws SQLException {
        ArrayNode items = Json.NODES.arrayNode();
        try (PreparedStatement statement = context.connection().prepareStatement(
                "SELECT user_id, username, resources, is_active, created_at FROM admin_user ORDER BY user_id");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                items.add(row(rs));
            }
        }
        return items;
    }

    /** DELETE /V1/users/:userId: disables the user; its tokens stop working in every service at once. */
    public JsonNode disable(OperationContext context, ObjectNode params) throws SQLException {
        int userId = params.get("userId").asInt();
        if (context.caller().userType() == UserType.ADMIN && Objects.equals(context.caller().userId(), userId)) {
            // Locking oneself out could leave nobody able to manage users.
            throw WebapiException.badRequest("You cannot disable your own account.");
        }
        try (PreparedStatement statement = context.connection().prepareStatement(
                "UPDATE admin_user SET is_active = false WHERE user_id = ? AND is_active")) {
            statement.setInt(1, userId);
            if (statement.executeUpdate() == 0) {
                throw WebapiException.noSuchEntity("userId", userId);
            }
        }
        revoker.revokeAll(context.connection(), UserType.ADMIN, userId);
        return Json.NODES.booleanNode(true);
    }

    /** POST /V1/users/:userId/revoke-tokens: the user stays active and may sign in again. */
    public JsonNode revokeTokens(OperationContext context, ObjectNode params) throws SQLException {
        int userId = params.get("userId").asInt();
        requireRow(context.connection(), "SELECT 1 FROM admin_user WHERE user_id = ?", userId, "userId");
        revoker.revokeAll(context.connection(), UserType.ADMIN, userId);
        return Json.NODES.booleanNode(true);
    }

    /** POST /V1/customers/:customerId/revoke-tokens (Magento's revokeCustomerAccessToken). */
    public JsonNode revokeCustomerTokens(OperationContext context, ObjectNode params) throws SQLException {
        int customerId = params.get("customerId").asInt();
        requireRow(context.connection(), "SELECT 1 FROM customer WHERE id = ?", customerId, "customerId");
        revoker.revokeAll(context.connection(), UserType.CUSTOMER, customerId);
        return Json.NODES.booleanNode(true);
    }

    private static void requireRow(Connection connection, String sql, int id, String field) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw WebapiException.noSuchEntity(field, id);
                }
            }
        }
    }

    private static ObjectNode row(ResultSet rs) throws SQLException {
        ObjectNode node = Json.NODES.objectNode();
        node.put("id", rs.getInt(1));
        node.put("username", rs.getString(2));
        ArrayNode resources = node.putArray("resources");
        for (String resource : (String[]) rs.getArray(3).getArray()) {
            resources.add(resource);
        }
        node.put("is_active", rs.getBoolean(4) ? 1 : 0);
        node.put("created_at", Json.timestamp(rs.getObject(5, OffsetDateTime.class)));
        return node;
    }
}
