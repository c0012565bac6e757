package io.catalogbulk.fault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Generates malformed requests from the routes ingest-service declares in its OpenAPI document: broken JSON, wrong
 * types, deep nesting, huge strings and numbers, 100,000-item arrays, invalid UTF-8, wrong or missing content
 * types, undeclared methods on every route, missing or forged tokens, unknown store codes.
 */
final class MalformedCorpus {

    /** One request of the corpus. */
    record Request(String kind, String method, String path, String contentType, byte[] body, Auth auth) {
    }

    /** The Authorization a request carries: the admin's token, none, or a token no one signed. */
    enum Auth {
        ADMIN, NONE, FORGED
    }

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");

    private MalformedCorpus() {
    }

    static List<Request> generate(JsonNode openApi) {
        List<Request> corpus = new ArrayList<>();
        List<Map.Entry<String, java.util.regex.Pattern>> routes = routes(openApi);
        int heavy = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = paths.next();
            String template = entry.getKey();
            if (!template.startsWith("/rest/") || template.contains("integration/admin/token")) {
                continue;
            }
            String path = template.replaceAll("\\{[^}]+}", "FAULT-NO-SUCH-1");
            Set<String> declared = new java.util.HashSet<>();
            entry.getValue().fieldNames().forEachRemaining(m -> declared.add(m.toUpperCase()));
            for (String method : METHODS) {
                // A method this template lacks may still be another route's: DELETE /V1/products/attributes is
                // DELETE /V1/products/:sku with sku "attributes", a well-formed request for a product that is missing.
                if (!declared.contains(method) && !declaredElsewhere(routes, method, path)) {
                    corpus.add(new Request("undeclared method", method, path, "application/json",
                            method.equals("GET") ? null : bytes("{}"), Auth.ADMIN));
                }
            }
            for (String method : declared) {
                if (method.equals("GET") || method.equals("DELETE") && !path.contains("/bulk/")) {
                    corpus.add(new Request("missing token", method, path, null, null, Auth.NONE));
                    corpus.add(new Request("unknown store", method, storeScoped(path), null, null, Auth.ADMIN));
                    continue;
                }
                boolean bulk = path.contains("/async/bulk/");
                boolean takesNoBody = !entry.getValue().path(method.toLowerCase()).has("requestBody");
                for (Map.Entry<String, byte[]> body : bodies(bulk).entrySet()) {
                    if (takesNoBody && EMPTY_BODIES.contains(body.getKey())) {
                        continue; // POST /V1/carts takes no body: no body, null and {} are all well-formed calls
                    }
                    corpus.add(new Request(body.getKey(), method, path, "application/json", body.getValue(), Auth.ADMIN));
                    // The same through an explicit store scope: another way into the same route.
                    corpus.add(new Request(body.getKey() + " (store all)", method, "/rest/all/" + path.substring("/rest/".length()),
                            "application/json; charset=utf-8", body.getValue(), Auth.ADMIN));
                }
                byte[] plausible = bytes(bulk ? "[{\"product\":{\"sku\":\"x\"}}]" : "{\"product\":{\"sku\":\"x\"}}");
                corpus.add(new Request("text/plain content type", method, path, "text/plain", plausible, Auth.ADMIN));
                corpus.add(new Request("xml content type", method, path, "application/xml", bytes("<product><sku>x</sku></product>"), Auth.ADMIN));
                corpus.add(new Request("form content type", method, path, "application/x-www-form-urlencoded", bytes("sku=x"), Auth.ADMIN));
                corpus.add(new Request("no content type", method, path, null, plausible, Auth.ADMIN));
                corpus.add(new Request("missing token", method, path, "application/json", plausible, Auth.NONE));
                corpus.add(new Request("forged token", method, path, "application/json", plausible, Auth.FORGED));
                corpus.add(new Request("unknown store", method, storeScoped(path), "application/json", plausible, Auth.ADMIN));
                if (heavy++ < 6) {
                    corpus.add(new Request("huge string (4 MB)", method, path, "application/json",
                            bytes((bulk ? "[" : "") + "{\"product\":{\"sku\":\"" + "x".repeat(4_000_000) + "\"}}" + (bulk ? "]" : "")), Auth.ADMIN));
                    corpus.add(new Request("huge number", method, path, "application/json",
                            bytes((bulk ? "[" : "") + "{\"product\":{\"sku\":\"x\",\"price\":" + "9".repeat(5000) + "}}" + (bulk ? "]" : "")),
                            Auth.ADMIN));
                }
                if (bulk && heavy < 30) {
                    heavy++;
                    corpus.add(new Request("100,000-item array of numbers", method, path, "application/json",
                            bytes("[" + "1,".repeat(99_999) + "1]"), Auth.ADMIN));
                    corpus.add(new Request("100,000-item array of empty objects", method, path, "application/json",
                            bytes("[" + "{},".repeat(99_999) + "{}]"), Auth.ADMIN));
                }
            }
        }
        return corpus;
    }

    private static final Set<String> EMPTY_BODIES = Set.of("empty body", "JSON null", "empty object");

    /** Every (method, path pattern) the OpenAPI document declares. */
    private static List<Map.Entry<String, java.util.regex.Pattern>> routes(JsonNode openApi) {
        List<Map.Entry<String, java.util.regex.Pattern>> routes = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(entry -> {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(
                    java.util.regex.Pattern.quote(entry.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            entry.getValue().fieldNames().forEachRemaining(method -> routes.add(Map.entry(method.toUpperCase(), pattern)));
        });
        return routes;
    }

    private static boolean declaredElsewhere(List<Map.Entry<String, java.util.regex.Pattern>> routes, String method, String path) {
        return routes.stream().anyMatch(route -> route.getKey().equals(method) && route.getValue().matcher(path).matches());
    }

    /** /rest/V1/... becomes /rest/no_such_store/V1/... */
    private static String storeScoped(String path) {
        return "/rest/no_such_store/" + path.substring("/rest/".length());
    }

    private static Map<String, byte[]> bodies(boolean bulk) {
        Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        bodies.put("empty body", new byte[0]);
        bodies.put("broken JSON: open brace", bytes("{"));
        bodies.put("broken JSON: open bracket", bytes("["));
        bodies.put("broken JSON: missing value", bytes("{\"product\":}"));
        bodies.put("broken JSON: unterminated", bytes("{\"product\":{\"sku\":\"x\"}"));
        bodies.put("broken JSON: bare word", bytes("nul"));
        bodies.put("broken JSON: single quotes", bytes("{'product':{'sku':'x'}}"));
        bodies.put("broken JSON: trailing comma", bytes("{\"product\":{\"sku\":\"x\",}}"));
        bodies.put("broken JSON: trailing junk", bytes("{\"product\":{\"sku\":\"x\"}} {}"));
        bodies.put("broken JSON: NaN", bytes("{\"product\":{\"sku\":\"x\",\"price\":NaN}}"));
        bodies.put("broken JSON: comment", bytes("/* c */ {\"product\":{}}"));
        bodies.put("broken JSON: unquoted key", bytes("{product:{sku:\"x\"}}"));
        bodies.put("broken JSON: raw newline in a string", bytes("{\"product\":{\"sku\":\"a\nb\"}}"));
        bodies.put("broken JSON: invalid escape", bytes("{\"product\":{\"sku\":\"\\x41\"}}"));
        bodies.put("broken JSON: short unicode escape", bytes("{\"product\":{\"sku\":\"\\u12\"}}"));
        bodies.put("broken JSON: hex number", bytes("{\"product\":{\"sku\":\"x\",\"price\":0x10}}"));
        bodies.put("duplicate keys", bytes("{\"product\":{\"sku\":\"a\",\"sku\":\"b\"}}"));
        bodies.put("JSON string", bytes("\"product\""));
        bodies.put("JSON number", bytes("42"));
        bodies.put("JSON null", bytes("null"));
        bodies.put("JSON true", bytes("true"));
        bodies.put(bulk ? "empty array" : "empty object", bytes(bulk ? "[]" : "{}"));
        bodies.put("wrong type: object is a string", bytes(wrap(bulk, "{\"product\":\"string\",\"customer\":\"string\",\"storeView\":\"string\"}")));
        bodies.put("wrong type: object is an array", bytes(wrap(bulk, "{\"product\":[1,2],\"customer\":[1],\"storeView\":[1]}")));
        bodies.put("wrong type: fields", bytes(wrap(bulk,
                "{\"product\":{\"sku\":{\"a\":1},\"price\":\"abc\",\"status\":[1]},\"customer\":{\"email\":[1]},\"storeView\":{\"code\":{}}}")));
        bodies.put("unknown field only", bytes(wrap(bulk, "{\"produkt\":{}}")));
        bodies.put("array where object expected", bytes(bulk ? "[[1,2,3]]" : "[1,2,3]"));
        bodies.put("object where array expected", bytes(bulk ? "{\"product\":{\"sku\":\"x\"}}" : "[{\"product\":{\"sku\":\"x\"}}]"));
        bodies.put("deep nesting: arrays", bytes("[".repeat(5000) + "]".repeat(5000)));
        bodies.put("deep nesting: objects", bytes("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        bodies.put("invalid UTF-8: truncated sequence", concat("{\"product\":{\"sku\":\"", new byte[] {(byte) 0xC3, 0x28}, "\"}}", bulk));
        bodies.put("invalid UTF-8: overlong", concat("{\"product\":{\"sku\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}}", bulk));
        bodies.put("invalid UTF-8: surrogate", concat("{\"product\":{\"sku\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}}",
                bulk));
        bodies.put("invalid UTF-8: stray continuation", concat("{\"product\":{\"name\":\"", new byte[] {(byte) 0x80, (byte) 0xBF}, "\"}}",
                bulk));
        bodies.put("invalid UTF-8: 0xFF", concat("{\"product\":{\"sku\":\"", new byte[] {(byte) 0xFF}, "\"}}", bulk));
        bodies.put("invalid UTF-8 in a key", concat("{\"prod", new byte[] {(byte) 0xFE}, "uct\":{}}", bulk));
        bodies.put("NUL bytes", bytes(wrap(bulk, "{\"product\":{\"sku\":\"a\u0000b\"}}")));
        return bodies;
    }

    private static String wrap(boolean bulk, String item) {
        return bulk ? "[" + item + "]" : item;
    }

    private static byte[] concat(String head, byte[] bad, String tail, boolean bulk) {
        byte[] h = bytes((bulk ? "[" : "") + head);
        byte[] t = bytes(tail + (bulk ? "]" : ""));
        byte[] all = new byte[h.length + bad.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(bad, 0, all, h.length, bad.length);
        System.arraycopy(t, 0, all, h.length + bad.length, t.length);
        return all;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
