package io.catalogbulk.core.input;

import static io.catalogbulk.core.fuzz.JsonGen.each;
import static io.catalogbulk.core.fuzz.JsonGen.listOf;
import static io.catalogbulk.core.fuzz.JsonGen.of;
import static io.catalogbulk.core.fuzz.JsonGen.oneOf;
import static io.catalogbulk.core.fuzz.JsonGen.weighted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import io.catalogbulk.core.fuzz.JsonGen;
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

    @Test
    void anyValueForAnyTypeIsAnErrorOrAValidValue() {
        JsonGen.theory(2000).forAll(types(3), JsonGen.values(4)).checkAssert(InputNormalizerPropertyTest::check);
    }

    @Test
    void everyTypeInEveryFieldOfADeclaredObject() {
        JsonGen.theory(800).forAll(objectsWithValues()).checkAssert(input -> check(input._1, input._2));
    }

    @Test
    void numbersOfEveryMagnitudeForEveryScalar() {
        JsonGen.theory(1000).forAll(Generate.enumValues(ScalarType.class), JsonGen.numbers())
                .checkAssert(InputNormalizerPropertyTest::check);
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

    /** Declared types as route declarations build them: scalars with their checks, lists, objects, custom attributes. */
    static Gen<InputType> types(int depth) {
        Gen<InputType> scalar = Generate.enumValues(ScalarType.class).map(t -> (InputType) t);
        Gen<InputType> custom = Generate.constant((InputType) CustomAttributesType.INSTANCE);
        if (depth <= 0) {
            return oneOf(scalar, custom);
        }
        Gen<InputType> inner = types(depth - 1);
        return weighted(
                4, scalar,
                1, custom,
                2, inner.map(t -> (InputType) ListType.of(t)),
                3, objects(depth).map(o -> (InputType) o));
    }

    static Gen<ObjectSchema> objects(int depth) {
        Gen<InputType> fieldType = types(depth - 1);
        Gen<List<Object>> field = JsonGen.keys().map(Names::snake).zip(fieldType, Generate.booleans(),
                (name, type, required) -> List.of(name, type, required, checksFor(type)));
        return listOf(field, 6).map(fields -> {
            ObjectSchema.Builder builder = ObjectSchema.named("Magento\\Test\\Api\\Data\\GeneratedInterface");
            Set<String> names = new HashSet<>();
            for (List<Object> f : fields) {
                String name = (String) f.get(0);
                if (!names.add(name)) {
                    continue; // one declaration per field name, as a schema is written
                }
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
    static Gen<Pair<ObjectSchema, JsonNode>> objectsWithValues() {
        Gen<Pair<ObjectSchema, JsonNode>> pairs = objects(2).flatMap(schema -> conforming(schema, 2).map(value -> Pair.of(schema, value)));
        return pairs.describedAs(pair -> pair._1.fields().keySet() + " " + JsonGen.describe(pair._2));
    }

    static Gen<JsonNode> conforming(InputType type, int depth) {
        if (type instanceof ObjectSchema schema) {
            Gen<JsonNode> hostile = JsonGen.values(Math.max(depth, 1));
            List<Gen<List<Object>>> fields = new ArrayList<>();
            for (Field field : schema.fields().values()) {
                Gen<JsonNode> value = weighted(5, conforming(field.type(), depth - 1), 1, hostile);
                Gen<String> key = of(field.name(), Names.camel(field.name()));
                fields.add(key.zip(value, integers().between(0, 9),
                        (k, v, present) -> present == 0 ? List.of() : List.of(k, v)));
            }
            return each(fields).map(entries -> {
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
            return listOf(conforming(list.element(), depth - 1), 4).map(elements -> {
                var array = Json.NODES.arrayNode();
                elements.forEach(array::add);
                return (JsonNode) array;
            });
        }
        if (type == CustomAttributesType.INSTANCE) {
            return of("color", "url_key", "1bad", "").zip(JsonGen.scalars(), (code, v) -> {
                ObjectNode attribute = Json.NODES.objectNode();
                attribute.put("attribute_code", code);
                attribute.set("value", v);
                return (JsonNode) Json.NODES.arrayNode().add(attribute);
            });
        }
        return switch ((ScalarType) type) {
            case INT -> oneOf(integers().all().map(i -> (JsonNode) Json.NODES.numberNode(i)),
                    integers().all().map(i -> (JsonNode) Json.NODES.textNode(String.valueOf(i))));
            // -1e14 to 1e14 with 8 decimals: the column's range, with more precision than it keeps
            case FLOAT -> longs().between(0, 100_000_000_000_000L).zip(integers().between(0, 99_999_999), Generate.booleans(),
                    (whole, fraction, negative) -> {
                        BigDecimal value = new BigDecimal(BigInteger.valueOf(whole).multiply(BigInteger.valueOf(100_000_000))
                                .add(BigInteger.valueOf(fraction)), 8);
                        return (JsonNode) Json.NODES.numberNode(negative ? value.negate() : value);
                    });
            case BOOL -> Generate.booleans().map(b -> (JsonNode) Json.NODES.booleanNode(b));
            case STRING -> JsonGen.text().map(t -> (JsonNode) Json.NODES.textNode(t));
            case MIXED -> JsonGen.scalars();
        };
    }
}
