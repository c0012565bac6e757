package io.catalogbulk.core.route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request path below {@code /rest}: {@code [/<store>][/async[/bulk]]/V1/...}, or the alias
 * {@code /asyncProducts} (= {@code /async/V1/products}). The store code is whatever stands before
 * {@code async} or {@code V1}; whether it exists is decided later, so an unknown store gets a clear
 * error instead of Magento's "no route".
 */
public record RequestPath(String storeCode, RequestFamily family, List<String> routeSegments) {

    public static final String ASYNC_PRODUCTS_ALIAS = "asyncProducts";

    /**
     * Parses the raw (still percent-encoded) path after {@code /rest}; segments are decoded after splitting
     * so an encoded slash stays inside a SKU.
     */
    public static Optional<RequestPath> parse(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(decode(part));
            }
        }
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        String store = null;
        if (!isFamilyStart(segments.get(0))) {
            store = segments.get(0);
            i = 1;
        }
        if (i >= segments.size()) {
            return Optional.empty();
        }
        if (segments.get(i).equals(ASYNC_PRODUCTS_ALIAS) && i == segments.size() - 1) {
            return Optional.of(new RequestPath(store, RequestFamily.ASYNC, List.of("V1", "products")));
        }
        RequestFamily family = RequestFamily.SYNC;
        if (segments.get(i).equals("async")) {
            family = RequestFamily.ASYNC;
            i++;
            if (i < segments.size() && segments.get(i).equals("bulk")) {
                family = RequestFamily.BULK;
                i++;
            }
        }
        if (i >= segments.size() || !segments.get(i).equals("V1")) {
            return Optional.empty();
        }
        return Optional.of(new RequestPath(store, family, List.copyOf(segments.subList(i, segments.size()))));
    }

    private static boolean isFamilyStart(String segment) {
        return segment.equals("V1") || segment.equals("async") || segment.equals(ASYNC_PRODUCTS_ALIAS);
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    public String routePath() {
        return "/" + String.join("/", routeSegments);
    }
}
