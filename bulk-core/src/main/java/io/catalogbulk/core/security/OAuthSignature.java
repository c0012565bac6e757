package io.catalogbulk.core.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a signatures as RFC 5849 section 3.4 defines them: the signature base string (method, base string URI,
 * normalized parameters) and its HMAC-SHA1 or HMAC-SHA256 signature, the two methods Magento accepts. Pure
 * functions: the request, the clock and the credentials come from {@link OAuthVerifier}.
 */
public final class OAuthSignature {

    public static final String HMAC_SHA1 = "HMAC-SHA1";
    public static final String HMAC_SHA256 = "HMAC-SHA256";

    /** One request parameter, decoded. A name may occur several times (RFC 5849 3.4.1.3.1). */
    public record Param(String name, String value) {
    }

    private OAuthSignature() {
    }

    /** RFC 5849 3.4.1: {@code METHOD&encode(base string URI)&encode(normalized parameters)}. */
    public static String baseString(String method, String baseUri, List<Param> parameters) {
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUri) + "&" + encode(normalizedParameters(parameters));
    }

    /**
     * RFC 5849 3.4.1.2: scheme and host lowercase, the port only when it is not the scheme's default, the path as the
     * client sent it (still percent-encoded), no query.
     */
    public static String baseUri(String scheme, String host, int port, String rawPath) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    /**
     * RFC 5849 3.4.1.3.2: every parameter except {@code oauth_signature} (and the header's {@code realm}) encoded,
     * sorted by name then value (byte order of the encoded forms), joined {@code name=value} with {@code &}.
     */
    public static String normalizedParameters(List<Param> parameters) {
        List<String[]> encoded = new ArrayList<>();
        for (Param p : parameters) {
            if (p.name().equals("oauth_signature") || p.name().equals("realm")) {
                continue;
            }
            encoded.add(new String[] {encode(p.name()), encode(p.value())});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : encoded) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** RFC 5849 3.4.2 with the method's hash: base64 of HMAC(encode(consumer secret)&encode(token secret), base). */
    public static String sign(String signatureMethod, String baseString, String consumerSecret, String tokenSecret) {
        String algorithm = switch (signatureMethod) {
            case HMAC_SHA1 -> "HmacSHA1";
            case HMAC_SHA256 -> "HmacSHA256";
            default -> throw new IllegalArgumentException("Unsupported signature method " + signatureMethod);
        };
        String key = encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean supported(String signatureMethod) {
        return HMAC_SHA1.equals(signatureMethod) || HMAC_SHA256.equals(signatureMethod);
    }

    /** RFC 5849 3.6: percent-encode every byte of the UTF-8 form except the unreserved characters. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The parameters of a query string or an {@code application/x-www-form-urlencoded} body, decoded as that format
     * says ({@code +} is a space), in order; a name without {@code =} has the empty value.
     */
    public static List<Param> formParameters(String encoded) {
        List<Param> params = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new Param(formDecode(name), formDecode(value)));
        }
        return params;
    }

    /**
     * The {@code oauth_*} parameters of an {@code Authorization: OAuth ...} header (RFC 5849 3.5.1), decoded; empty
     * when the header is not of that scheme or is malformed. {@code realm} is left out.
     */
    public static Optional<Map<String, String>> authorizationParameters(String header) {
        if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rest = header.substring(6);
        int i = 0;
        while (i < rest.length()) {
            while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == ',' || rest.charAt(i) == '\t')) {
                i++;
            }
            if (i >= rest.length()) {
                break;
            }
            int eq = rest.indexOf('=', i);
            if (eq < 0 || eq + 1 >= rest.length() || rest.charAt(eq + 1) != '"') {
                return Optional.empty();
            }
            String name = rest.substring(i, eq).trim();
            int close = rest.indexOf('"', eq + 2);
            if (close < 0) {
                return Optional.empty();
            }
            String value = percentDecode(rest.substring(eq + 2, close));
            if (value == null || params.containsKey(name)) {
                // A parameter given twice is ambiguous: which one was signed?
                return Optional.empty();
            }
            if (!name.equalsIgnoreCase("realm")) {
                params.put(name, value);
            }
            i = close + 1;
        }
        return Optional.of(params);
    }

    private static String formDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** Strict RFC 3986 decoding ({@code +} stays a plus); null when malformed. */
    private static String percentDecode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
