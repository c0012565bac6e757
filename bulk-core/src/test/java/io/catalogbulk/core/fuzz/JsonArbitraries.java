package io.catalogbulk.core.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile input for the property tests: JSON values of every kind (deeply nested, huge and tiny
 * numbers, NaN and infinities a parser never makes but a tree can hold), strings over every Unicode plane including
 * lone surrogates (which JSON's \\uD800 escapes produce), and keys in every spelling.
 */
public final class JsonArbitraries {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private JsonArbitraries() {
    }

    /** A code point from every plane: ASCII, Latin-1, the rest of the BMP, lone surrogates, planes 1 to 16. */
    public static Arbitrary<String> codePointText() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x1F)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)),
                Tuple.of(2, Arbitraries.integers().between(0x800, 0xFFFF)),
                Tuple.of(1, Arbitraries.integers().between(0xD800, 0xDFFF)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(40).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    /** Strings a client might send: empty, numeric-looking, date-looking, keyword-like, very long, anything. */
    public static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                codePointText(),
                Arbitraries.of("", " ", "0", "1", "-1", "+5", "1.5", " 7 ", "1e400", "-1e400", "1e-400", "1e99999999999", "NaN",
                        "Infinity", "0x10", "true", "false", "null", "2147483648", "-2147483649", "99999999999999999999",
                        "1990-05-17", "2023-02-30", "0000-01-01", "9999-12-31 23:59:59", "10000-01-01", "1990-05-17T08:00:00",
                        "%", "%zz", "%2F", "../", "a/b", "\u0000", "\uD800", "\uDBFF\uDFFF", "ǅ", "İ", "ß", "ﬀ"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(120),
                Arbitraries.integers().between(1, 5000).map(n -> "x".repeat(n)));
    }

    /** Number nodes of every kind and size, including values no column can hold. */
    public static Arbitrary<JsonNode> numbers() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(120).map(BigInteger::new),
                Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE),
                        BigInteger.valueOf(Integer.MIN_VALUE).subtract(BigInteger.ONE), BigInteger.TEN.pow(14), BigInteger.TEN.pow(8)));
        Arbitrary<Integer> scale = Arbitraries.oneOf(
                Arbitraries.integers().between(-20, 20),
                Arbitraries.of(-400, 400, -9999, 9999, 1_000_000_000, -1_000_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE + 1));
        Arbitrary<JsonNode> decimal = Combinators.combine(unscaled, scale, Arbitraries.of(1, -1))
                .as((u, s, sign) -> (JsonNode) NODES.numberNode(new BigDecimal(sign > 0 ? u : u.negate(), s)));
        return Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                unscaled.map(u -> (JsonNode) NODES.numberNode(u)),
                decimal,
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE)
                        .map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(Float.NaN, Float.MAX_VALUE).map(f -> (JsonNode) NODES.numberNode(f)));
    }

    public static Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                numbers(),
                text().map(t -> (JsonNode) NODES.textNode(t)));
    }

    /** Any JSON value, nested up to {@code depth} levels, with keys in any spelling (and camelCase twins). */
    public static Arbitrary<JsonNode> values(int depth) {
        if (depth <= 0) {
            return scalars();
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> values(depth - 1));
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(5).map(JsonArbitraries::array);
        Arbitrary<JsonNode> object = Combinators.combine(keys(), inner).as(List::<Object>of).list().ofMaxSize(6)
                .map(JsonArbitraries::object);
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalars()),
                Tuple.of(2, array),
                Tuple.of(3, object),
                Tuple.of(1, Arbitraries.integers().between(1, 3000).map(JsonArbitraries::nested)));
    }

    public static Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                Arbitraries.of("sku", "name", "price", "attribute_set_id", "attributeSetId", "custom_attributes", "customAttributes",
                        "attribute_code", "attributeCode", "value", "extension_attributes", "website_ids", "id", "status",
                        "product", "customer", "dob", "weight", "qty", "position", "searchCriteria", "__proto__", "", "SKU",
                        "sku_", "_sku", "Sku"),
                codePointText());
    }

    /** [[[...]]] or {"a":{"a":...}}, as deep as asked. */
    static JsonNode nested(int depth) {
        JsonNode node = NODES.numberNode(1);
        for (int i = 0; i < depth; i++) {
            if (i % 2 == 0) {
                ArrayNode array = NODES.arrayNode();
                array.add(node);
                node = array;
            } else {
                ObjectNode object = NODES.objectNode();
                object.set("a", node);
                node = object;
            }
        }
        return node;
    }

    static JsonNode array(List<JsonNode> elements) {
        ArrayNode array = NODES.arrayNode();
        elements.forEach(array::add);
        return array;
    }

    static JsonNode object(List<List<Object>> entries) {
        ObjectNode object = NODES.objectNode();
        for (List<Object> entry : entries) {
            object.set((String) entry.get(0), (JsonNode) entry.get(1));
        }
        return object;
    }
}
