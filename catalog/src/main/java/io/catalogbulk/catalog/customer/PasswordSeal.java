package io.catalogbulk.catalog.customer;

import org.eclipse.microprofile.config.ConfigProvider;
import org.mindrot.jbcrypt.BCrypt;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.route.ItemSeal;

/**
 * Replaces a new customer's {@code password} by its bcrypt hash ({@code password_hash}) as soon as the request
 * is valid, so the clear password is never in {@code serialized_data}, the detailed status, a log line or a
 * message: ingest pays the slow hash instead of the worker, and the worker stores the hash as it is.
 * A client cannot send {@code password_hash} itself: it is not a declared parameter, so it is refused.
 */
public final class PasswordSeal implements ItemSeal {

    public static final String HASH = "password_hash";

    @Override
    public void seal(ObjectNode params) {
        if (!params.hasNonNull("password")) {
            params.remove("password");
            return;
        }
        String password = params.remove("password").asText();
        params.put(HASH, BCrypt.hashpw(password, BCrypt.gensalt(cost())));
    }

    /** The same cost PasswordHasher uses; read per call so tests and services see their own configuration. */
    private static int cost() {
        try {
            return ConfigProvider.getConfig().getOptionalValue("catalog-bulk.customers.password-hash-cost", Integer.class).orElse(10);
        } catch (IllegalStateException e) {
            return 10;
        }
    }
}
