package io.catalogbulk.catalog.customer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mindrot.jbcrypt.BCrypt;

/** Slow, salted password hashes (bcrypt); the cost is configurable because it is CPU paid per customer. */
@ApplicationScoped
public class PasswordHasher {

    @ConfigProperty(name = "catalog-bulk.customers.password-hash-cost", defaultValue = "10")
    int cost;

    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }

    public static boolean matches(String password, String hash) {
        return hash != null && BCrypt.checkpw(password, hash);
    }
}
