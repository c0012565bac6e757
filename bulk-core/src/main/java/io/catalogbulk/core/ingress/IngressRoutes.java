package io.catalogbulk.core.ingress;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The routing table of the public address ({@code ingress-routes.properties} beside this class): which service
 * answers a path. The Helm chart's and the kustomize base's ingresses are checked against it by a test, and
 * ingest-service's local forward to status-service reads it, so one address routes the same way on a laptop as
 * behind the ingress.
 */
public final class IngressRoutes {

    /** The table on the classpath. */
    public static final String RESOURCE = "ingress-routes.properties";

    /** Prefix to service ("ingest", "status"), longest prefix first. */
    private final Map<String, String> prefixes;

    private IngressRoutes(Map<String, String> prefixes) {
        this.prefixes = prefixes;
    }

    /** The project's table. */
    public static IngressRoutes load() {
        try (InputStream in = IngressRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + IngressRoutes.class.getName());
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IngressRoutes parse(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> sorted = new LinkedHashMap<>();
        properties.stringPropertyNames().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .forEach(prefix -> {
                    if (!prefix.startsWith("/") || (prefix.length() > 1 && prefix.endsWith("/"))) {
                        throw new IllegalArgumentException("An ingress prefix starts with / and does not end with one: " + prefix);
                    }
                    sorted.put(prefix, properties.getProperty(prefix).trim());
                });
        return new IngressRoutes(Collections.unmodifiableMap(sorted));
    }

    /** Every prefix and its service. */
    public Map<String, String> prefixes() {
        return prefixes;
    }

    /** The service of the longest prefix matching the path element by element; empty if none matches. */
    public Optional<String> serviceFor(String path) {
        for (Map.Entry<String, String> entry : prefixes.entrySet()) {
            if (matches(entry.getKey(), path)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** Kubernetes' "Prefix" match: whole path elements, a trailing slash of the path ignored. */
    static boolean matches(String prefix, String path) {
        if (prefix.equals("/")) {
            return path.startsWith("/");
        }
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
