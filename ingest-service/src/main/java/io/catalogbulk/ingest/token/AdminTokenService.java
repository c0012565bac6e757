package io.catalogbulk.ingest.token;

import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.catalog.customer.PasswordHasher;
import io.catalogbulk.core.operation.OperationContext;
import io.catalogbulk.core.operation.UserType;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** POST /V1/integration/admin/token: checks an administrator's credentials and answers a token (a JSON string). */
@ApplicationScoped
@Unremovable
public class AdminTokenService {

    static final String SIGN_IN_FAILED = "The account sign-in was incorrect or your account is disabled temporarily. "
            + "Please wait and try again later.";

    @Inject
    TokenIssuer issuer;

    @Inject
    PasswordHasher hasher;

    /** Compared against when the user does not exist, so both answers take the same time. */
    private String dummyHash;

    @PostConstruct
    void init() {
        dummyHash = hasher.hash(java.util.UUID.randomUUID().toString());
    }

    public JsonNode createAdminAccessToken(OperationContext context, ObjectNode params) {
        String username = params.get("username").asText();
        String password = params.get("password").asText();
        Optional<AdminUser> user = AdminUser.findByUsername(username);
        boolean matches = PasswordHasher.matches(password, user.map(u -> u.passwordHash).orElse(dummyHash));
        if (user.isEmpty() || !matches || !user.get().active) {
            throw new WebapiException(401, Phrase.of(SIGN_IN_FAILED));
        }
        return Json.NODES.textNode(issuer.issue(user.get().userId, UserType.ADMIN, user.get().username, Set.of(AclResources.ALL)));
    }
}
