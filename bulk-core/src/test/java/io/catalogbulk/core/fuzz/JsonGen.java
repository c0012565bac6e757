package io.catalogbulk.core.fuzz;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators (QuickTheories) of hostile input for the property tests: JSON values of every kind (deeply nested, huge
 * and tiny numbers, NaN and infinities a parser never makes but a tree can hold), strings over every Unicode plane
 * including lone surrogates (which JSON's \\uD800 escapes produce), and keys in every spelling. Also the few
 * combinators QuickTheories lacks: a choice among generators of any arity (weighted or not), one value from each of a
 * list of generators, maps of up to n entries.
 */
public final class JsonGen {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** Writes values of any depth and size when a falsifying example is shown (JsonNode.toString stops at 1,000 levels). */
    private static final ObjectMapper DESCRIBER = JsonMapper.builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE).build())
            .build()).build();

    private JsonGen() {
    }

    /**
     * A theory of {@code examples} random tries. Shrinking is bounded: a failing example of a 3,000-level value would
     * otherwise be shrunk for minutes; the seed QuickTheories prints replays it ({@code -DQT_SEED=...}).
     */
    public static QuickTheory theory(int examples) {
        return QuickTheory.qt().withExamples(examples).withShrinkCycles(200);
    }

    /** A value as a falsification report shows it: JSON, cut after 400 characters. */
    public static String describe(JsonNode value) {
        String json;
        try {
            json = DESCRIBER.writeValueAsString(value);
        } catch (Exception e) {
            json = value.getNodeType() + " (" + e.getMessage() + ")";
        }
        return json.length() <= 400 ? json : json.substring(0, 400) + "... (" + json.length() + " characters)";
    }

    /** One of the values, each equally likely. */
    @SafeVarargs
    public static <T> Gen<T> of(T... values) {
        return Generate.pick(List.of(values));
    }

    /** One of the generators, each equally likely. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> all = List.of(gens);
        return integers().between(0, all.size() - 1).flatMap(all::get);
    }

    /** A weighted choice: {@code weighted(6, a, 1, b)} picks from a six times as often as from b. */
    @SuppressWarnings("unchecked")
    public static <T> Gen<T> weighted(Object... weightsAndGens) {
        List<Pair<Integer, Gen<T>>> pairs = new ArrayList<>();
        for (int i = 0; i < weightsAndGens.length; i += 2) {
            pairs.add(Pair.of((Integer) weightsAndGens[i], (Gen<T>) weightsAndGens[i + 1]));
        }
        return Generate.frequency(pairs);
    }

    /** One value from each generator, in order. */
    public static <T> Gen<List<T>> each(List<Gen<T>> gens) {
        return in -> {
            List<T> values = new ArrayList<>(gens.size());
            gens.forEach(gen -> values.add(gen.generate(in)));
            return values;
        };
    }

    /** Up to {@code maxSize} elements. */
    public static <T> Gen<List<T>> listOf(Gen<T> element, int maxSize) {
        return lists().of(element).ofSizeBetween(0, maxSize);
    }

    /** Up to {@code maxSize} entries (fewer when keys repeat), in generation order. */
    public static <K, V> Gen<Map<K, V>> mapOf(Gen<K> key, Gen<V> value, int maxSize) {
        return listOf(key.zip(value, Pair::of), maxSize).map(entries -> {
            Map<K, V> map = new LinkedHashMap<>();
            entries.forEach(entry -> map.putIfAbsent(entry._1, entry._2));
            return map;
        });
    }

    /** A string of 1 to {@code maxLength} ASCII digits, leading zeros included. */
    public static Gen<String> digits(int maxLength) {
        return lists().of(integers().between(0, 9)).ofSizeBetween(1, maxLength).map(ds -> {
            StringBuilder text = new StringBuilder(ds.size());
            ds.forEach(text::append);
            return text.toString();
        });
    }

    /** A code point from every plane: ASCII, Latin-1, the rest of the BMP, lone surrogates, planes 1 to 16. */
    public static Gen<String> codePointText() {
        Gen<Integer> codePoint = weighted(
                6, integers().between(0x20, 0x7E),
                1, integers().between(0, 0x1F),
                2, integers().between(0x80, 0x7FF),
                2, integers().between(0x800, 0xFFFF),
                1, integers().between(0xD800, 0xDFFF),
                2, integers().between(0x10000, 0x10FFFF));
        return listOf(codePoint, 40).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    /** Strings a client might send: empty, numeric-looking, date-looking, keyword-like, very long, anything. */
    public static Gen<String> text() {
        return oneOf(
                codePointText(),
                of("", " ", "0", "1", "-1", "+5", "1.5", " 7 ", "1e400", "-1e400", "1e-400", "1e99999999999", "NaN",
                        "Infinity", "0x10", "true", "false", "null", "2147483648", "-2147483649", "99999999999999999999",
                        "1990-05-17", "2023-02-30", "0000-01-01", "9999-12-31 23:59:59", "10000-01-01", "1990-05-17T08:00:00",
                        "%", "%zz", "%2F", "../", "a/b", "\u0000", "\uD800", "\uDBFF\uDFFF", "ǅ", "İ", "ß", "ﬀ"),
                digits(120),
                integers().between(1, 5000).map(n -> "x".repeat(n)));
    }

    /** Number nodes of every kind and size, including values no column can hold. */
    public static Gen<JsonNode> numbers() {
        Gen<BigInteger> unscaled = oneOf(
                longs().all().map(BigInteger::valueOf),
                digits(120).map(d -> new BigInteger(d)),
                of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE),
                        BigInteger.valueOf(Integer.MIN_VALUE).subtract(BigInteger.ONE), BigInteger.TEN.pow(14), BigInteger.TEN.pow(8)));
        Gen<Integer> scale = oneOf(
                integers().between(-20, 20),
                of(-400, 400, -9999, 9999, 1_000_000_000, -1_000_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE + 1));
        Gen<JsonNode> decimal = unscaled.zip(scale, of(1, -1),
                (u, s, sign) -> (JsonNode) NODES.numberNode(new BigDecimal(sign > 0 ? u : u.negate(), s)));
        Gen<JsonNode> any = oneOf(
                integers().all().map(n -> (JsonNode) NODES.numberNode(n)),
                longs().all().map(n -> (JsonNode) NODES.numberNode(n)),
                unscaled.map(n -> (JsonNode) NODES.numberNode(n)),
                decimal,
                doubles().any().map(n -> (JsonNode) NODES.numberNode(n)),
                of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE)
                        .map(n -> (JsonNode) NODES.numberNode(n)),
                of(Float.NaN, Float.MAX_VALUE).map(n -> (JsonNode) NODES.numberNode(n)));
        return any.describedAs(JsonGen::describe);
    }

    public static Gen<JsonNode> scalars() {
        Gen<JsonNode> any = oneOf(
                Generate.constant((JsonNode) NODES.nullNode()),
                Generate.booleans().map(b -> (JsonNode) NODES.booleanNode(b)),
                numbers(),
                text().map(t -> (JsonNode) NODES.textNode(t)));
        return any.describedAs(JsonGen::describe);
    }

    /** Any JSON value, nested up to {@code depth} levels, with keys in any spelling (and camelCase twins). */
    public static Gen<JsonNode> values(int depth) {
        if (depth <= 0) {
            return scalars();
        }
        Gen<JsonNode> inner = values(depth - 1);
        Gen<JsonNode> array = listOf(inner, 5).map(JsonGen::array);
        Gen<JsonNode> object = listOf(keys().zip(inner, Pair::of), 6).map(JsonGen::object);
        Gen<JsonNode> any = weighted(
                4, scalars(),
                2, array,
                3, object,
                1, integers().between(1, 3000).map(JsonGen::nested));
        return any.describedAs(JsonGen::describe);
    }

    public static Gen<String> keys() {
        return oneOf(
                of("sku", "name", "price", "attribute_set_id", "attributeSetId", "custom_attributes", "customAttributes",
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

    static JsonNode object(List<Pair<String, JsonNode>> entries) {
        ObjectNode object = NODES.objectNode();
        entries.forEach(entry -> object.set(entry._1, entry._2));
        return object;
    }
}
