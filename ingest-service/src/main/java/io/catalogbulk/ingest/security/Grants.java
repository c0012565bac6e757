package io.catalogbulk.ingest.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclTree;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * The ACL resources a new user or integration is given: each must be a known resource, and the caller must hold
 * it (directly or through a parent). Nobody grants more than they have, so a user manager without the root
 * resource cannot mint an administrator.
 */
final class Grants {

    private Grants() {
    }

    /** The requested resources by name; {@code tree} is what may be granted (every resource of the routes, and above). */
    static Set<String> requested(JsonNode list, Connection connection, Caller caller, AclTree tree) throws SQLException {
        Set<String> resources = new LinkedHashSet<>();
        for (JsonNode value : list) {
            resources.add(value.asText());
        }
        if (resources.isEmpty()) {
            throw WebapiException.requiredField("resources");
        }
        Set<String> held = held(connection, caller);
        List<String> denied = new ArrayList<>();
        for (String name : resources) {
            AclResource resource = tree.find(name).orElseThrow(() -> WebapiException.badRequest(
                    Phrase.of("\"%resource\" is not an ACL resource.", Map.of("resource", name))));
            if (held.stream().noneMatch(resource::grantedBy)) {
                denied.add(name);
            }
        }
        if (!denied.isEmpty()) {
            // The same 401 as a route the caller may not call: it names what the caller lacks.
            throw WebapiException.notAuthorized(String.join(", ", denied));
        }
        return resources;
    }

    /** What the caller holds now, from the database (not the token, which may be older). */
    private static Set<String> held(Connection connection, Caller caller) throws SQLException {
        String sql = switch (caller.userType()) {
            case UserType.ADMIN -> "SELECT resources FROM admin_user WHERE user_id = ? AND is_active";
            case UserType.INTEGRATION -> "SELECT resources FROM integration WHERE id = ? AND is_active";
            default -> null;
        };
        if (sql == null || caller.userId() == null) {
            return Set.of();
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, caller.userId());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Set.of((String[]) rs.getArray(1).getArray()) : Set.of();
            }
        }
    }
}
