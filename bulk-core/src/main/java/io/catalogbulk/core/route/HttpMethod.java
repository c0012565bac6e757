package io.catalogbulk.core.route;

import java.util.Locale;
import java.util.Optional;

public enum HttpMethod {
    GET, POST, PUT, DELETE, PATCH;

    public static Optional<HttpMethod> parse(String method) {
        try {
            return Optional.of(valueOf(method.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
