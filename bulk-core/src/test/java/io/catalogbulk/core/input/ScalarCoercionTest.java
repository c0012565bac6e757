package io.catalogbulk.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Scalars are coerced the way Magento's TypeProcessor does, or refused with its type error. */
class ScalarCoercionTest {

    private static final String TYPE_ERROR = "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.";

    /** The normalized JSON; null for a type error; "RANGE" for a value of the type that the type cannot hold. */
    private static String coerce(ScalarType type, String json) {
        List<Phrase> errors = new ArrayList<>();
        JsonNode out = InputNormalizer.normalizeParameter("p", Json.parse(json), type, errors);
        if (out == null) {
            assertEquals(1, errors.size());
            return errors.get(0).message().equals(WebapiException.INVALID_FIELD_VALUE) ? "RANGE" : null;
        }
        assertEquals(List.of(), errors);
        return Json.string(out);
    }

    @ParameterizedTest(name = "int {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "ERROR", value = {
            "12 | 12",
            "'\"12\"' | 12",
            "'\" 7 \"' | 7",
            "'\"-3\"' | -3",
            "'\"+5\"' | 5",
            "12.0 | 12",
            "12.5 | ERROR",
            "'\"12.5\"' | ERROR",
            "'\"abc\"' | ERROR",
            "'\"\"' | ERROR",
            "true | ERROR",
            "[1] | ERROR",
            "{} | ERROR",
            "2147483647 | 2147483647",
            "-2147483648 | -2147483648",
            "2147483648 | RANGE",
            "-2147483649 | RANGE",
            "'\"2147483648\"' | RANGE",
            "'\"-0000000000000000000012\"' | -12",
            "1e9 | 1000000000",
            "1e10 | RANGE",
            "1e400 | RANGE",
            "1e-400 | ERROR",
            "99999999999999999999 | RANGE",
            "'\"1234567890123456789\"' | RANGE",
    })
    void intCoercion(String json, String expected) {
        assertEquals(expected, coerce(ScalarType.INT, json));
    }

    @ParameterizedTest(name = "float {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "ERROR", value = {
            "29.5 | 29.5",
            "29 | 29",
            "'\"29\"' | 29",
            "'\"29.99\"' | 29.99",
            "'\" .5 \"' | 0.5",
            "'\"1e3\"' | 1000",
            "'\"abc\"' | ERROR",
            "'\"1,5\"' | ERROR",
            "'\"NaN\"' | ERROR",
            "'\"\"' | ERROR",
            "false | ERROR",
            "99999999999999.999999 | 99999999999999.999999",
            "-99999999999999.999999 | -99999999999999.999999",
            "100000000000000 | RANGE",
            "99999999999999.9999995 | RANGE",
            "1e400 | RANGE",
            "-1e400 | RANGE",
            "'\"1e400\"' | RANGE",
            "'\"1e99999999999\"' | RANGE",
            "1e-400 | 0",
            "1e-999999999 | 0",
            "0.1234565 | 0.123457",
            "0.00000049 | 0",
            "2.0000000 | 2",
    })
    void floatCoercion(String json, String expected) {
        assertEquals(expected, coerce(ScalarType.FLOAT, json));
    }

    @ParameterizedTest(name = "string {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "ERROR", value = {
            "'\"abc\"' | '\"abc\"'",
            "'\"\"' | '\"\"'",
            "12 | '\"12\"'",
            "1.50 | '\"1.5\"'",
            "1e2 | '\"100\"'",
            "1e98 | '\"100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\"'",
            "1e400 | RANGE",
            "1e-999999999 | RANGE",
            "true | ERROR",
            "[\"a\"] | ERROR",
            "{} | ERROR",
    })
    void stringCoercion(String json, String expected) {
        assertEquals(expected, coerce(ScalarType.STRING, json));
    }

    @ParameterizedTest(name = "bool {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "ERROR", value = {
            "true | true",
            "false | false",
            "1 | true",
            "0 | false",
            "'\"1\"' | true",
            "'\"0\"' | false",
            "'\"true\"' | true",
            "'\"FALSE\"' | false",
            "'\"\"' | false",
            "2 | ERROR",
            "'\"yes\"' | ERROR",
            "1.0 | ERROR",
            "18446744073709551617 | ERROR",
            "[] | ERROR",
    })
    void boolCoercion(String json, String expected) {
        assertEquals(expected, coerce(ScalarType.BOOL, json));
    }

    @ParameterizedTest(name = "mixed {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "ERROR", value = {
            "'\"a\"' | '\"a\"'",
            "3 | 3",
            "[\"3\",4] | [\"3\",4]",
            "[[1]] | ERROR",
            "1e400 | RANGE",
            "[1,1e400] | RANGE",
            "{\"a\":1} | ERROR",
    })
    void mixedCoercion(String json, String expected) {
        assertEquals(expected, coerce(ScalarType.MIXED, json));
    }

    @org.junit.jupiter.api.Test
    void topLevelScalarErrorNamesValueAndType() {
        List<Phrase> errors = new ArrayList<>();
        assertNull(InputNormalizer.normalizeParameter("saveOptions", Json.parse("\"maybe\""), ScalarType.BOOL, errors));
        assertEquals(List.of(Phrase.of(TYPE_ERROR, Map.of("value", "maybe", "type", "bool"))), errors);
        assertEquals("The \"maybe\" value's type is invalid. The \"bool\" type was expected. Verify and try again.",
                errors.get(0).render());
    }

    @org.junit.jupiter.api.Test
    void textPostgresqlCannotStoreIsAnInvalidValue() {
        assertEquals("RANGE", coerce(ScalarType.STRING, "\"a\\u0000b\""), "NUL: the statement would fail");
        assertEquals("RANGE", coerce(ScalarType.STRING, "\"a\\ud800b\""), "unpaired surrogate: stored as ?");
        assertEquals("RANGE", coerce(ScalarType.STRING, "\"\\udc00\""));
        assertEquals("RANGE", coerce(ScalarType.STRING, "\"ab\\ud834\""), "a high surrogate at the end");
        assertEquals("\"a\uD834\uDD1Eb\"", coerce(ScalarType.STRING, "\"a\\ud834\\udd1eb\""));
        assertEquals("RANGE", coerce(ScalarType.MIXED, "[\"ok\",\"\\u0000\"]"));
        assertEquals("\"\uD834\uDD1E\"", coerce(ScalarType.STRING, "\"\\ud834\\udd1e\""), "a pair is a code point of plane 1");
    }

    @org.junit.jupiter.api.Test
    void aNumberOutsideItsTypeGetsMagentosInvalidValueMessage() {
        List<Phrase> errors = new ArrayList<>();
        assertNull(InputNormalizer.normalizeParameter("price", Json.parse("1e400"), ScalarType.FLOAT, errors));
        assertEquals("Invalid value of \"1E+400\" provided for the price field.", errors.get(0).render());
    }
}
