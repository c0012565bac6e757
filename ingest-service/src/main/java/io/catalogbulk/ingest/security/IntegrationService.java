package io.catalogbulk.ingest.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.security.AclTree;
import io.catalogbulk.core.security.OAuthCredentials;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.token.TokenIssuer;

/**
 * Integrations: the principals of ERP connectors. Each has its own ACL resources and one long-lived token,
 * answered once at creation with Magento's OAuth 1.0a consumer key and secret and access token secret (only its
 * holder keeps them: the token is stored as a hash, the secrets encrypted, none is logged). Deleting an integration disables it
 * and revokes its token in the same transaction.
 */
@ApplicationScoped
@Unremovable
public class IntegrationService {

    @Inject
    TokenIssuer issuer;

    @Inject
    TokenRevoker revoker;

    @Inject
    AclTree acl;

    @Inject
    OAuthCredentials oauthCredentials;

    /** POST /V1/integrations {"integration": {"name", "resources"}}: the integration and its access_token. */
    public JsonNode create(OperationContext context, ObjectNode params) throws SQLException {
        JsonNode input = params.get("integration");
        String name = input.get("name").asText().strip();
        if (name.isEmpty()) {
            throw WebapiException.requiredField("name");
        }
        Connection connection = context.connection();
        Set<String> resources = Grants.requested(input.path("resources"), connection, context.caller(), acl);
        ObjectNode integration;
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO integration (name, resources) VALUES (?, ?) ON CONFLICT DO NOTHING"
                        + " RETURNING id, name, resources, is_active, created_at")) {
            statement.setString(1, name);
            statement.setArray(2, connection.createArrayOf("text", resources.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw WebapiException.badRequest("Integration with name '" + name + "' exists.");
                }
                integration = row(rs);
            }
        }
        String accessToken = issuer.issue(integration.get("id").asInt(), UserType.INTEGRATION, name, resources,
                TokenIssuer.UNTIL_REVOKED);
        integration.put("access_token", accessToken);
        // Magento's activation shows these four once: the token signs OAuth 1.0a requests with the secrets, and is
        // a bearer token too unless catalog-bulk.oauth.integration-as-bearer is false.
        oauthCredentials.issue(connection, integration.get("id").asInt(), accessToken).ifPresent(issued -> {
            integration.put("consumer_key", issued.consumerKey());
            integration.put("consumer_secret", issued.consumerSecret());
            integration.put("access_token_secret", issued.accessTokenSecret());
        });
        return integration;
    }

    /** GET /V1/integrations: every integration, deleted ones included (status 0), never a token. */
    public JsonNode list(OperationContext context, ObjectNode params) throws SQLException {
        ArrayNode items = Json.NODES.arrayNode();
        try (PreparedStatement statement = context.connection().prepareStatement(
                "SELECT id, name, resources, is_active, created_at FROM integration ORDER BY id");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                items.add(row(rs));
            }
        }
        return items;
    }

    /** DELETE /V1/integrations/:integrationId: disables it; its token stops working in every service at once. */
    public JsonNode delete(OperationContext context, ObjectNode params) throws SQLException {
        int id = params.get("integrationId").asInt();
        try (PreparedStatement statement = context.connection().prepareStatement(
                "UPDATE integration SET is_active = false, disabled_at = now() WHERE id = ? AND is_active")) {
            statement.setInt(1, id);
            if (statement.executeUpdate() == 0) {
                throw WebapiException.noSuchEntity("integrationId", id);
            }
        }
        revoker.revokeAll(context.connection(), UserType.INTEGRATION, id);
        return Json.NODES.booleanNode(true);
    }

    private static ObjectNode row(ResultSet rs) throws SQLException {
        ObjectNode node = Json.NODES.objectNode();
        node.put("id", rs.getInt(1));
        node.put("name", rs.getString(2));
        ArrayNode resources = node.putArray("resources");
        for (String resource : (String[]) rs.getArray(3).getArray()) {
            resources.add(resource);
        }
        // Magento's integration status: 1 active, 0 inactive.
        node.put("status", rs.getBoolean(4) ? 1 : 0);
        node.put("created_at", Json.timestamp(rs.getObject(5, OffsetDateTime.class)));
        return node;
    }
}
