package io.catalogbulk.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small OAuth 1.0a client signer for tests, written apart from the services' verifier (it shares no code with
 * it), the way a Magento connector signs: the URL as the client sees it, its query parameters and the oauth_*
 * parameters, HMAC-SHA256 or HMAC-SHA1 with {@code consumerSecret&tokenSecret}.
 */
public record OAuth1Signer(String consumerKey, String consumerSecret, String token, String tokenSecret) {

    /** The Authorization header for {@code method url} signed now with a fresh nonce. */
    public String header(String method, String url, String signatureMethod) {
        return header(method, url, signatureMethod, System.currentTimeMillis() / 1000, UUID.randomUUID().toString().replace("-", ""));
    }

    public String header(String method, String url, String signatureMethod, long timestamp, String nonce) {
        List<String[]> oauth = List.of(
                new String[] {"oauth_consumer_key", consumerKey},
                new String[] {"oauth_nonce", nonce},
                new String[] {"oauth_signature_method", signatureMethod},
                new String[] {"oauth_timestamp", Long.toString(timestamp)},
                new String[] {"oauth_token", token},
                new String[] {"oauth_version", "1.0"});
        URI uri = URI.create(url);
        List<String> pairs = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                pairs.add(enc(URLDecoder.decode(kv[0], StandardCharsets.UTF_8)) + "="
                        + enc(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
            }
        }
        for (String[] p : oauth) {
            pairs.add(enc(p[0]) + "=" + enc(p[1]));
        }
        pairs.sort(null);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (uri.getScheme().equals("http") && port == 80) || (uri.getScheme().equals("https") && port == 443);
        String base = method + "&" + enc(uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port) + uri.getRawPath())
                + "&" + enc(String.join("&", pairs));
        String algorithm = signatureMethod.equals("HMAC-SHA1") ? "HmacSHA1" : "HmacSHA256";
        String signature;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec((enc(consumerSecret) + "&" + enc(tokenSecret)).getBytes(StandardCharsets.UTF_8), algorithm));
            signature = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder header = new StringBuilder("OAuth realm=\"\"");
        for (String[] p : oauth) {
            header.append(", ").append(p[0]).append("=\"").append(enc(p[1])).append('"');
        }
        return header.append(", oauth_signature=\"").append(enc(signature)).append('"').toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
