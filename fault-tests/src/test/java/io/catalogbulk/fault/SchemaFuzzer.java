package io.catalogbulk.fault;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates HTTP requests from the OpenAPI documents the services serve: every operation of every route form (sync,
 * async, bulk, store-scoped) with valid, boundary and invalid values drawn from its parameter and body schemas, plus
 * wrong methods and wrong content types. Each request carries a marker (in every string it sets) so the suite can
 * find anything a refused request stored. The same seed gives the same requests.
 */
final class SchemaFuzzer {

    /** How the values of a request are chosen. */
    enum Mode {
        VALID, BOUNDARY, INVALID
    }

    /** One generated request; {@code family} is the row of the results table. */
    record Request(String service, String family, String method, String path, String contentType, byte[] body, String marker,
            boolean authorized) {
    }

    /** Placeholder for the uuid of a bulk the run accepted earlier (status routes), filled in when sent. */
    static final String KNOWN_BULK = "FUZZ-KNOWN-BULK";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/jsonx");

    private final Random random;
    private final Map<String, JsonNode> documents;
    private int sequence;

    /** @param documents the OpenAPI document of each service, by service name ("ingest", "status") */
    SchemaFuzzer(Map<String, JsonNode> documents, long seed) {
        this.documents = documents;
        this.random = new Random(seed);
    }

    private record Operation(String service, String path, String method, JsonNode spec, Set<String> declaredMethods) {
    }

    List<Request> generate(int count) {
        List<Operation> operations = new ArrayList<>();
        List<Operation> paths = new ArrayList<>();
        documents.forEach((service, document) -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                if (!path.getKey().startsWith("/rest/")) {
                    continue;
                }
                Set<String> declared = new HashSet<>();
                path.getValue().fieldNames().forEachRemaining(m -> declared.add(m.toUpperCase(Locale.ROOT)));
                for (String method : declared) {
                    operations.add(new Operation(service, path.getKey(), method, path.getValue().get(method.toLowerCase(Locale.ROOT)), declared));
                }
                paths.add(new Operation(service, path.getKey(), null, null, declared));
            }
        });
        operations.sort((a, b) -> (a.service + a.path + a.method).compareTo(b.service + b.path + b.method));
        paths.sort((a, b) -> (a.service + a.path).compareTo(b.service + b.path));
        List<Request> requests = new ArrayList<>(count);
        int round = 0;
        while (requests.size() < count) {
            for (Operation operation : operations) {
                requests.add(request(operation, round));
            }
            // Every method a path does not declare, every eighth round (there are more of them than operations).
            for (Operation path : round % 8 == 0 ? paths : List.<Operation>of()) {
                for (String method : METHODS) {
                    if (!path.declaredMethods.contains(method)) {
                        requests.add(wrongMethod(path, method));
                    }
                }
            }
            round++;
        }
        return requests.subList(0, count);
    }

    private Request request(Operation operation, int round) {
        String marker = marker();
        int kind = round % 10;
        Mode mode = switch (kind) {
            case 0, 1, 2, 6 -> Mode.VALID;
            case 3, 4, 8 -> Mode.BOUNDARY;
            default -> Mode.INVALID;
        };
        String store = switch (kind) {
            case 1, 4 -> "default";
            case 2, 9 -> "all";
            default -> null;
        };
        String path = fillPath(operation, mode, marker);
        if (store != null) {
            path = "/rest/" + store + "/" + path.substring("/rest/".length());
        }
        String family = family(operation) + (store == null ? "" : " (store " + store + ")");
        String query = query(operation, mode, marker);
        JsonNode bodySchema = operation.spec.path("requestBody").path("content").path("application/json").path("schema");
        byte[] body = null;
        String contentType = null;
        if (!bodySchema.isMissingNode() && !operation.method.equals("GET")) {
            JsonNode value = value(bodySchema, mode, marker, "body", 0);
            body = bytes(value);
            contentType = "application/json";
            if (kind == 7) {
                contentType = WRONG_CONTENT_TYPES.get(random.nextInt(WRONG_CONTENT_TYPES.size()));
                family = "wrong content type";
            }
        } else if (kind == 7 && !operation.method.equals("GET") && !operation.method.equals("DELETE")) {
            body = "{}".getBytes(StandardCharsets.UTF_8);
            contentType = WRONG_CONTENT_TYPES.get(random.nextInt(WRONG_CONTENT_TYPES.size()));
            family = "wrong content type";
        }
        boolean authorized = !(kind == 5 && random.nextInt(4) == 0);
        return new Request(operation.service, authorized ? family : "no token", operation.method, path + query, contentType, body, marker,
                authorized);
    }

    private Request wrongMethod(Operation path, String method) {
        String marker = marker();
        String filled = fillPath(path, Mode.VALID, marker);
        byte[] body = method.equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8);
        return new Request(path.service, "wrong method", method, filled, body == null ? null : "application/json", body, marker, true);
    }

    private static String family(Operation operation) {
        if (operation.service.equals("status")) {
            return "status";
        }
        if (operation.path.startsWith("/rest/async/bulk/")) {
            return "bulk";
        }
        return operation.path.startsWith("/rest/async/") ? "async" : "sync";
    }

    private String marker() {
        return "fz" + sequence++ + "q";
    }

    // --- URL ------------------------------------------------------------------------------------------------------

    private String fillPath(Operation operation, Mode mode, String marker) {
        String path = operation.path;
        JsonNode parameters = operation.spec == null ? null : operation.spec.path("parameters");
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            if (open < 0) {
                out.append(path, i, path.length());
                break;
            }
            int close = path.indexOf('}', open);
            out.append(path, i, open);
            String name = path.substring(open + 1, close);
            String type = "string";
            if (parameters != null) {
                for (JsonNode parameter : parameters) {
                    if (parameter.path("name").asText().equals(name)) {
                        type = resolve(parameter.path("schema")).path("type").asText("string");
                    }
                }
            }
            out.append(pathValue(name, type, mode, marker));
            i = close + 1;
        }
        return out.toString();
    }

    private String pathValue(String name, String type, Mode mode, String marker) {
        if (name.equals("bulkUuid")) {
            return switch (mode) {
                case VALID -> KNOWN_BULK;
                case BOUNDARY -> pick("00000000-0000-0000-0000-000000000000", "7a6a9d0c-1d63-4a2e-9c3e-0b0a1f2e3d4c", KNOWN_BULK.toLowerCase());
                case INVALID -> pick("not-a-uuid", "%00", "x".repeat(300), "1e400", "%F0%9F%98%80");
            };
        }
        if (name.equals("userId") || name.equals("customerId") && mode == Mode.VALID) {
            // Never the administrator the suite signs in with (id 1): revoking its tokens would end the run.
            return String.valueOf(2 + random.nextInt(5));
        }
        if (type.equals("integer")) {
            return switch (mode) {
                case VALID -> String.valueOf(1 + random.nextInt(5));
                case BOUNDARY -> pick("0", "-1", "2147483647", "-2147483648", "2147483648", "4294967297", "007", "+3");
                case INVALID -> pick("abc", "1.5", "1e400", "%20", "NaN", "x".repeat(300), "%E2%80%8F1");
            };
        }
        if (name.equals("status")) {
            return pick("0", "1", "2", "3", "4", "5", "-1", "2147483648", "abc");
        }
        return switch (mode) {
            case VALID -> marker + "-" + name;
            case BOUNDARY -> pick(marker + "%2Fslash", marker + "%F0%9D%84%9E", marker + "-" + "y".repeat(250), marker + "%20sp", "%2E%2E",
                    marker + "+plus", "attributes", "search", "bySku");
            // (Malformed escapes such as %zz cannot be sent by an HTTP client; RoutingPropertyTest covers them.)
            case INVALID -> pick("%25zz", "%25", marker + "%C3%28", "x".repeat(5000), "%00", marker + "%FF", marker + "%ED%A0%80");
        };
    }

    private String query(Operation operation, Mode mode, String marker) {
        List<String> parts = new ArrayList<>();
        for (JsonNode parameter : operation.spec.path("parameters")) {
            if (!parameter.path("in").asText().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            if (name.equals("searchCriteria")) {
                parts.addAll(searchCriteria(mode, marker));
            } else if (random.nextBoolean() || mode != Mode.VALID) {
                String type = resolve(parameter.path("schema")).path("type").asText("string");
                parts.add(name + "=" + pathValue(name, type, mode, marker));
            }
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts).replace("[", "%5B").replace("]", "%5D");
    }

    private List<String> searchCriteria(Mode mode, String marker) {
        List<String> parts = new ArrayList<>();
        String filter = "searchCriteria[filter_groups][0][filters][0]";
        switch (mode) {
            case VALID -> {
                parts.add(filter + "[field]=" + pick("sku", "status", "name", "email", "bulk_uuid", "topic_name", "start_time", "created_at"));
                parts.add(filter + "[value]=" + pick("1", marker + "%25", "2026-01-01", "3"));
                parts.add(filter + "[condition_type]=" + pick("eq", "like", "gteq", "in", "neq"));
                parts.add("searchCriteria[pageSize]=" + pick("1", "20", "100"));
                parts.add("searchCriteria[currentPage]=" + pick("1", "2"));
            }
            case BOUNDARY -> {
                parts.add(filter + "[field]=" + pick("status", "id", "price"));
                parts.add(filter + "[value]=" + pick("2147483648", "99999999999999999999", "-1", "", "1,2,,3", "9999-12-31%2023:59:59"));
                parts.add(filter + "[condition_type]=" + pick("null", "notnull", "nin", "from", "to"));
                parts.add("searchCriteria[pageSize]=" + pick("0", "1000", "1001", "2147483647"));
                parts.add("searchCriteria[currentPage]=" + pick("0", "2147483647", "99999"));
                parts.add("searchCriteria[sort_orders][0][field]=" + pick("status", "id", "nope"));
                parts.add("searchCriteria[sort_orders][0][direction]=" + pick("asc", "DESC", "sideways"));
            }
            case INVALID -> {
                parts.add(pick("searchCriteria[filter_groups][x][filters][0][field]=sku", "searchCriteria[bogus]=1",
                        "searchCriteria[filter_groups][0][filters][0][condition_type]=finset&" + filter + "[field]=sku",
                        "searchCriteria[pageSize]=abc", "searchCriteria[filter_groups][0][filters][0][field]=%27;DROP%20TABLE%20bulk",
                        "search_criteria[filter_groups][1001][filters][0][field]=sku", "searchCriteria[[x]]=1", "other=1"));
            }
        }
        return parts;
    }

    // --- bodies ---------------------------------------------------------------------------------------------------

    private JsonNode value(JsonNode schema, Mode mode, String marker, String name, int depth) {
        schema = resolve(schema);
        if (mode == Mode.INVALID && depth > 0 && random.nextInt(4) == 0) {
            return wrongType(schema);
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                JsonNode properties = schema.path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    boolean include = required.contains(property.getKey()) || depth < 4 && random.nextInt(10) < (mode == Mode.VALID ? 6 : 8);
                    if (mode == Mode.INVALID && required.contains(property.getKey()) && random.nextInt(5) == 0) {
                        include = false; // a missing required field
                    }
                    if (include && !property.getKey().equals("id") && !property.getKey().endsWith("_at")) {
                        object.set(property.getKey(), value(property.getValue(), mode, marker, property.getKey(), depth + 1));
                    }
                }
                if (mode == Mode.INVALID && random.nextInt(4) == 0) {
                    object.put(pick("colour", "password_hash", "extension_attributes_x", "__proto__"), marker);
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int size = depth == 0 ? 1 + random.nextInt(mode == Mode.BOUNDARY ? 20 : 4) : random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    // Bulk items (depth 0) each get their own marker suffix: one bulk, several distinct entities.
                    array.add(value(schema.path("items"), mode, depth == 0 ? marker + "i" + i : marker, name, depth + 1));
                }
                return array;
            }
            case "string":
                return NODES.textNode(string(name, mode, marker));
            case "integer":
                return integer(name, mode);
            case "number":
                return number(name, mode);
            case "boolean":
                return mode == Mode.BOUNDARY ? pickNode(NODES.textNode("1"), NODES.numberNode(0), NODES.textNode(""))
                        : NODES.booleanNode(random.nextBoolean());
            default:
                // "Any scalar, or an array of scalars": custom attribute values.
                return mode == Mode.BOUNDARY
                        ? pickNode(NODES.numberNode(new BigDecimal("1e400")), NODES.textNode(""), NODES.arrayNode().add(1).add(marker))
                        : NODES.textNode(marker);
        }
    }

    private String string(String name, Mode mode, String marker) {
        if (mode == Mode.BOUNDARY && random.nextInt(3) == 0) {
            return pick("", " ", marker + "y".repeat(250), marker + "y".repeat(300), marker + "\uD834\uDD1E\u0000\u202E", "0000-01-01",
                    "2023-02-30", "9999-12-31 23:59:59", "\u0130\u0131", marker.toUpperCase(Locale.ROOT));
        }
        return switch (name) {
            case "sku", "product_sku", "username", "identifier", "code", "source_code", "url_key", "name", "title", "label",
                    "firstname", "lastname", "city", "street", "email_template", "content", "description" -> marker;
            case "email" -> marker + "@example.com";
            case "type_id" -> pick("simple", "virtual", "configurable", "bundle");
            case "attribute_code" -> pick(marker, "color", "size", "url_key");
            case "password", "new_password" -> pick("Str0ng-Pass!" + marker, "weak");
            case "country_id" -> pick("US", "DE", "XX");
            case "dob" -> pick("1990-05-17", "2000-02-29", "1990-05-17 08:30:00");
            case "price_from", "price_to" -> pick("2026-01-01 00:00:00", "2026-12-31");
            case "frontend_input" -> pick("select", "text", "multiselect", "boolean");
            case "type" -> pick("field", "area", "drop_down", "checkbox");
            case "price_type" -> pick("fixed", "percent");
            case "media_type" -> "image";
            case "base64_encoded_data" -> "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
            case "type_name" -> "image/png";
            case "scope" -> pick("global", "store", "website");
            case "direction" -> pick("ASC", "DESC");
            default -> marker + "-" + name;
        };
    }

    private JsonNode integer(String name, Mode mode) {
        if (mode == Mode.BOUNDARY) {
            return pickNode(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Integer.MAX_VALUE),
                    NODES.numberNode(Integer.MIN_VALUE), NODES.numberNode(2147483648L), NODES.numberNode(new BigInteger("99999999999999999999")),
                    NODES.numberNode(new BigDecimal("1e10")), NODES.textNode("12"), NODES.numberNode(new BigDecimal("12.0")));
        }
        return NODES.numberNode(switch (name) {
            case "status" -> 1 + random.nextInt(2);
            case "visibility" -> 1 + random.nextInt(4);
            case "attribute_set_id" -> 4;
            case "store_id", "website_id" -> random.nextInt(2);
            case "group_id", "store_group_id", "customer_group_id" -> 1;
            case "gender" -> random.nextInt(4);
            case "is_active", "disable_auto_group_change" -> random.nextInt(2);
            case "parent_id" -> 2;
            default -> 1 + random.nextInt(3);
        });
    }

    private JsonNode number(String name, Mode mode) {
        if (mode == Mode.BOUNDARY) {
            return pickNode(NODES.numberNode(0), NODES.numberNode(new BigDecimal("99999999999999.999999")),
                    NODES.numberNode(new BigDecimal("100000000000000")), NODES.numberNode(new BigDecimal("1e400")),
                    NODES.numberNode(new BigDecimal("1e-400")), NODES.numberNode(new BigDecimal("-0.01")),
                    NODES.textNode("29.99"), NODES.numberNode(new BigDecimal("99999999.9999")),
                    NODES.numberNode(new BigDecimal("100000000")), NODES.numberNode(new BigDecimal("0.1234567")));
        }
        return switch (name) {
            case "qty", "quantity" -> NODES.numberNode(1 + random.nextInt(10));
            case "weight" -> NODES.numberNode(0.5);
            default -> NODES.numberNode(new BigDecimal(random.nextInt(1000) + ".25"));
        };
    }

    private JsonNode wrongType(JsonNode schema) {
        String type = schema.path("type").asText("");
        List<JsonNode> wrong = new ArrayList<>(List.of(NODES.objectNode().put("a", 1), NODES.arrayNode().add("x"), NODES.booleanNode(true),
                NODES.textNode("abc"), NODES.numberNode(7), NODES.textNode("\uD83D\uDE00"), NODES.numberNode(new BigDecimal("1e400"))));
        wrong.removeIf(node -> switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "boolean" -> node.isBoolean();
            case "string" -> node.isTextual();
            case "integer", "number" -> node.isNumber();
            default -> !node.isContainerNode() || node.isArray();
        });
        return wrong.isEmpty() ? NODES.objectNode() : wrong.get(random.nextInt(wrong.size()));
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.isEmpty()) {
            return schema;
        }
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        for (JsonNode document : documents.values()) {
            JsonNode found = document.path("components").path("schemas").path(name);
            if (!found.isMissingNode()) {
                return found;
            }
        }
        return NODES.objectNode();
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private JsonNode pickNode(JsonNode... options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] bytes(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
