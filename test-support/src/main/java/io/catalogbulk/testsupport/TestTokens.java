package io.catalogbulk.testsupport;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Tokens signed with the test key pair, for services that only verify tokens (status, worker). */
public final class TestTokens {

    public static final int ADMIN = 2;
    public static final int INTEGRATION = 1;
    public static final String ALL = "Magento_Backend::all";

    private TestTokens() {
    }

    public static String token(int userId, int userType, Set<String> resources) {
        return Jwt.issuer("catalog-bulk")
                .subject(String.valueOf(userId))
                .upn("test-user-" + userId)
                .claim("utp", userType)
                .claim("acl", resources)
                .expiresIn(Duration.ofHours(1))
                .sign(TestEnvironment.keys().pair().getPrivate());
    }

    public static String admin() {
        return token(1, ADMIN, Set.of(ALL));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
