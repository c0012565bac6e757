package io.catalogbulk.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import io.catalogbulk.core.fuzz.JsonArbitraries;
import io.catalogbulk.core.webapi.ErrorBodies;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Property: whatever JSON arrives for whatever declared input type, the normalizer answers either errors that make a
 * 4xx in Magento's shape or a valid normalized value, and never throws. A valid value is a fixed point (normalizing
 * it again changes nothing), can be serialized, and every number in it is one its declared type can hold.
 */
class InputNormalizerPropertyTest {

    @Property(tries = 2000)
    void anyValueForAnyTypeIsAnErrorOrAValidValue(@ForAll("types") InputType type, @ForAll("values") JsonNode value) {
        check(type, value);
    }

    @Property(tries = 800)
    void everyTypeInEveryFieldOfADeclaredObject(@ForAll("objectsWithValues") Tuple.Tuple2<ObjectSchema, JsonNode> input) {
        check(input.get1(), input.get2());
    }

    @Property(tries = 1000)
    void numbersOfEveryMagnitudeForEveryScalar(@ForAll("scalarTypes") ScalarType type, @ForAll("numbers") JsonNode number) {
        check(type, number);
    }

    static void check(InputType type, JsonNode value) {
        List<Phrase> errors = new ArrayList<>();
        JsonNode normalized = InputNormalizer.normalizeParameter("p", value, type, errors);
        if (normalized == null) {
            assertFalse(errors.isEmpty(), "a refusal names its reason");
            WebapiException refusal = WebapiException.ofErrors(400, errors);
            ObjectNode body = (ObjectNode) Json.parse(Json.string(ErrorBodies.of(refusal)));
            assertTrue(body.path("message").isTextual(), body.toString());
            errors.forEach(Phrase::render);
            return;
        }
        assertEquals(List.of(), errors, "a value comes without errors");
        Json.bytes(normalized);
        assertHolds(type, normalized);
        List<Phrase> again = new ArrayList<>();
        assertEquals(normalized, InputNormalizer.normalizeParameter("p", normalized, type, again), "normalizing twice changes nothing");
        assertEquals(List.of(), again);
    }

    /** Every value in the normalized tree is one its type can hold. */
    static void assertHolds(InputType type, JsonNode value) {
        assertNotNull(value);
        if (type instanceof ScalarType scalar) {
            switch (scalar) {
                case STRING -> assertTrue(value.isTextual() && ScalarType.storable(value.asText()), value.toString());
                case BOOL -> assertTrue(value.isBoolean(), value.toString());
                case INT -> {
                    assertTrue(value.isIntegralNumber(), value.toString());
                    assertTrue(value.canConvertToInt(), value.toString());
                }
                case FLOAT -> {
                    assertTrue(value.isNumber(), value.toString());
                    BigDecimal decimal = value.decimalValue();
                    assertEquals(0, decimal.compareTo(ScalarType.FLOAT_COLUMN.fit(decimal)), "stored as given: " + decimal);
                }
                case MIXED -> assertTrue(value.isValueNode() || value.isArray(), value.toString());
            }
        } else if (type instanceof ListType list) {
            assertTrue(value.isArray());
            value.forEach(element -> assertHolds(list.element(), element));
        } else if (type instanceof ObjectSchema schema) {
            assertTrue(value.isObject());
            value.fields().forEachRemaining(entry -> {
                Field field = schema.field(entry.getKey());
                assertNotNull(field, "only declared fields: " + entry.getKey());
                assertHolds(field.type(), entry.getValue());
            });
        } else {
            assertTrue(value.isArray());
            value.forEach(attribute -> {
                assertTrue(attribute.path("attribute_code").isTextual());
                assertHolds(ScalarType.MIXED, attribute.get("value"));
            });
        }
    }

    // --- generators ---------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<JsonNode> values() {
        return JsonArbitraries.values(4);
    }

    @Provide
    Arbitrary<JsonNode> numbers() {
        return JsonArbitraries.numbers();
    }

    @Provide
    Arbitrary<ScalarType> scalarTypes() {
        return Arbitraries.of(ScalarType.class);
    }

    @Provide
    Arbitrary<InputType> types() {
        return types(3);
    }

    /** Declared types as route declarations build them: scalars with their checks, lists, objects, custom attributes. */
    static Arbitrary<InputType> types(int depth) {
        Arbitrary<InputType> scalar = Arbitraries.of(ScalarType.class).map(t -> (InputType) t);
        if (depth <= 0) {
            return Arbitraries.oneOf(scalar, Arbitraries.just(CustomAttributesType.INSTANCE));
        }
        Arbitrary<InputType> inner = Arbitraries.lazy(() -> types(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar),
                Tuple.of(1, Arbitraries.just(CustomAttributesType.INSTANCE)),
                Tuple.of(2, inner.map(ListType::of)),
                Tuple.of(3, objects(depth).map(o -> (InputType) o)));
    }

    static Arbitrary<ObjectSchema> objects(int depth) {
        Arbitrary<InputType> fieldType = Arbitraries.lazy(() -> types(depth - 1));
        Arbitrary<List<Object>> field = Combinators.combine(JsonArbitraries.keys().map(Names::snake), fieldType, Arbitraries.of(true, false))
                .as((name, type, required) -> List.of(name, type, required, checksFor(type)));
        return field.list().ofMaxSize(6).uniqueElements(f -> f.get(0)).map(fields -> {
            ObjectSchema.Builder builder = ObjectSchema.named("Magento\\Test\\Api\\Data\\GeneratedInterface");
            for (List<Object> f : fields) {
                String name = (String) f.get(0);
                InputType type = (InputType) f.get(1);
                FieldCheck[] checks = (FieldCheck[]) f.get(3);
                if ((Boolean) f.get(2)) {
                    builder.required(name, type, checks);
                } else {
                    builder.field(name, type, checks);
                }
            }
            return builder.build();
        });
    }

    /** The checks the catalog's declarations attach to a field of this type. */
    static FieldCheck[] checksFor(InputType type) {
        if (type == ScalarType.INT) {
            return new FieldCheck[] {FieldCheck.positive(), FieldCheck.oneOf(0, 1, 2)};
        }
        if (type == ScalarType.FLOAT) {
            return new FieldCheck[] {FieldCheck.nonNegative(), FieldCheck.fits(DecimalColumn.QUANTITY)};
        }
        if (type == ScalarType.STRING) {
            return new FieldCheck[] {FieldCheck.maxLength(64), FieldCheck.date(), FieldCheck.matches(Pattern.compile("[a-z]+"))};
        }
        return new FieldCheck[0];
    }

    /** An object type with a value for it: each field given a conforming value, a hostile one, or left out. */
    @Provide
    Arbitrary<Tuple.Tuple2<ObjectSchema, JsonNode>> objectsWithValues() {
        return objects(2).flatMap(schema -> conforming(schema, 2).map(value -> Tuple.of(schema, value)));
    }

    static Arbitrary<JsonNode> conforming(InputType type, int depth) {
        Arbitrary<JsonNode> hostile = JsonArbitraries.values(Math.max(depth, 1));
        if (type instanceof ObjectSchema schema) {
            List<Arbitrary<List<Object>>> fields = new ArrayList<>();
            for (Field field : schema.fields().values()) {
                Arbitrary<JsonNode> value = Arbitraries.frequencyOf(
                        Tuple.of(5, Arbitraries.lazy(() -> conforming(field.type(), depth - 1))),
                        Tuple.of(1, hostile));
                Arbitrary<String> key = Arbitraries.of(field.name(), Names.camel(field.name()));
                fields.add(Combinators.combine(key, value, Arbitraries.integers().between(0, 9))
                        .as((k, v, present) -> present == 0 ? List.of() : List.of(k, v)));
            }
            return Combinators.combine(fields).as(entries -> {
                ObjectNode object = Json.NODES.objectNode();
                for (List<Object> entry : entries) {
                    if (!entry.isEmpty() && !object.has((String) entry.get(0))) {
                        object.set((String) entry.get(0), (JsonNode) entry.get(1));
                    }
                }
                return (JsonNode) object;
            });
        }
        if (type instanceof ListType list) {
            return Arbitraries.lazy(() -> conforming(list.element(), depth - 1)).list().ofMaxSize(4).map(elements -> {
                var array = Json.NODES.arrayNode();
                elements.forEach(array::add);
                return (JsonNode) array;
            });
        }
        if (type == CustomAttributesType.INSTANCE) {
            return Combinators.combine(Arbitraries.of("color", "url_key", "1bad", ""), JsonArbitraries.scalars())
                    .as((code, v) -> (JsonNode) Json.parse("[{\"attribute_code\":" + Json.string(Json.NODES.textNode(code)) + "}]"))
                    .flatMap(shell -> JsonArbitraries.scalars().map(v -> {
                        ((ObjectNode) shell.get(0)).set("value", v);
                        return shell;
                    }));
        }
        return switch ((ScalarType) type) {
            case INT -> Arbitraries.oneOf(Arbitraries.integers().map(i -> (JsonNode) Json.NODES.numberNode(i)),
                    Arbitraries.integers().map(i -> (JsonNode) Json.NODES.textNode(String.valueOf(i))));
            case FLOAT -> Arbitraries.bigDecimals().between(new BigDecimal("-1e14"), new BigDecimal("1e14")).ofScale(8)
                    .map(d -> (JsonNode) Json.NODES.numberNode(d));
            case BOOL -> Arbitraries.of(true, false).map(b -> (JsonNode) Json.NODES.booleanNode(b));
            case STRING -> JsonArbitraries.text().map(t -> (JsonNode) Json.NODES.textNode(t));
            case MIXED -> JsonArbitraries.scalars();
        };
    }
}
