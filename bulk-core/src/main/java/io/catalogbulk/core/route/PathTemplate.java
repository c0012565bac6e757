package io.catalogbulk.core.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route path such as {@code /V1/products/:sku/media/:entryId}: literal segments and {@code :param} segments.
 * The bulk path replaces each {@code :param} with {@code by} + its name with an upper-case first letter
 * ({@code /V1/products/bySku/media/byEntryId}).
 */
public final class PathTemplate {

    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final String template;
    private final List<String> segments;
    private final List<String> params;

    private PathTemplate(String template, List<String> segments) {
        this.template = template;
        this.segments = List.copyOf(segments);
        List<String> names = new ArrayList<>();
        for (String segment : segments) {
            if (isParam(segment)) {
                names.add(segment.substring(1));
            }
        }
        this.params = Collections.unmodifiableList(names);
    }

    public static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("A route path starts with /: " + template);
        }
        List<String> segments = split(template);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("Empty route path");
        }
        Set<String> names = new HashSet<>();
        for (String segment : segments) {
            if (isParam(segment) && !PARAM_NAME.matcher(segment.substring(1)).matches()) {
                throw new IllegalArgumentException("A parameter is named like a Java identifier (:sku, :entryId): " + template);
            }
            if (isParam(segment) && !names.add(segment)) {
                // Two values under one name: one of them would be lost when the path is matched.
                throw new IllegalArgumentException("Parameter " + segment + " twice in " + template);
            }
        }
        return new PathTemplate("/" + String.join("/", segments), segments);
    }

    /** Splits a path on '/', ignoring empty segments (so a trailing or doubled slash changes nothing). */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith(":");
    }

    /** Path parameters by name if the (already percent-decoded) segments match this template. */
    public Optional<Map<String, String>> match(List<String> pathSegments) {
        if (pathSegments.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String actual = pathSegments.get(i);
            if (isParam(expected)) {
                values.put(expected.substring(1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** Literal segments count: Magento prefers /V1/products/attributes over /V1/products/:sku. */
    public int literalCount() {
        return segments.size() - params.size();
    }

    public List<String> params() {
        return params;
    }

    public String template() {
        return template;
    }

    public String bulkPath() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/');
            if (isParam(segment)) {
                String name = segment.substring(1);
                out.append("by").append(Character.toUpperCase(name.charAt(0))).append(name.substring(1));
            } else {
                out.append(segment);
            }
        }
        return out.toString();
    }

    /** The same path with OpenAPI's {param} placeholders. */
    public String openApiPath() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/');
            out.append(isParam(segment) ? "{" + segment.substring(1) + "}" : segment);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return template;
    }
}
