package io.catalogbulk.catalog.signin;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sign-in lockout and the customer token lifetime: the catalog-bulk.security.* keys the token routes and the console read (the
 * per-principal request limits under the same prefix are SecurityConfig's). Every key has an env var in
 * application.properties.
 */
@ConfigMapping(prefix = "catalog-bulk.security")
public interface SignInConfig {

    /** Failed sign-ins in a row after which an account is locked (Magento: 6). */
    @WithDefault("6")
    int lockoutFailures();

    /** How long a locked account is refused, even with the right password. */
    @WithDefault("10m")
    Duration lockoutDuration();

    /** Lifetime of customer tokens (Magento: 1 hour). Admin tokens: catalog-bulk.tokens.admin-lifetime. */
    @WithDefault("1h")
    Duration customerTokenLifetime();
}
