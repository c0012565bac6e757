package io.catalogbulk.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** The field checks route declarations attach, each at its boundary. */
class FieldCheckTest {

    private static Optional<Phrase> check(FieldCheck check, String json) {
        return check.check("f", Json.parse(json));
    }

    private static boolean passes(FieldCheck check, String json) {
        return check(check, json).isEmpty();
    }

    @Test
    void lengthsCountCodePointsUpToTheLimit() {
        FieldCheck check = FieldCheck.maxLength(3, "Too long.");
        assertTrue(passes(check, "\"abc\""));
        assertTrue(passes(check, "\"\\ud834\\udd1e\\ud834\\udd1e\\ud834\\udd1e\""), "three code points of plane 1");
        assertEquals(Optional.of(Phrase.of("Too long.")), check(check, "\"abcd\""));
        assertEquals(WebapiException.INVALID_FIELD_VALUE, check(FieldCheck.maxLength(3), "\"abcd\"").orElseThrow().message());
        assertTrue(passes(FieldCheck.maxLength(3), "\"abc\""));
    }

    @Test
    void oneOfComparesTheTextOfTheValue() {
        assertTrue(passes(FieldCheck.oneOf(1, 2), "2"));
        assertTrue(passes(FieldCheck.oneOf(1, 2), "\"1\""));
        assertEquals(WebapiException.INVALID_FIELD_VALUE, check(FieldCheck.oneOf(1, 2), "3").orElseThrow().message());
    }

    @Test
    void signChecksAtZero() {
        assertTrue(passes(FieldCheck.nonNegative(), "0"));
        assertTrue(check(FieldCheck.nonNegative(), "-0.000001").isPresent());
        assertTrue(check(FieldCheck.positive(), "0").isPresent());
        assertTrue(passes(FieldCheck.positive(), "0.000001"));
    }

    @Test
    void fitsTheNarrowerColumn() {
        assertTrue(passes(FieldCheck.fits(DecimalColumn.QUANTITY), "99999999.9999"));
        assertTrue(check(FieldCheck.fits(DecimalColumn.QUANTITY), "100000000").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1990-05-17", "2000-02-29", "2000-02-29 23:59", "2000-02-29 23:59:59", "0001-01-01", "9999-12-31 23:59:59"})
    void realDatesPass(String date) {
        assertTrue(passes(FieldCheck.date(), "\"" + date + "\""), date);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "1990-13-01", "1990-04-31", "0000-01-01", "10000-01-01", "1990-5-17", "1990-05-17T08:00",
            "1990-05-17 24:00", "", "yesterday"})
    void anythingElseIsAnInvalidValue(String date) {
        Phrase error = check(FieldCheck.date(), "\"" + date + "\"").orElseThrow(() -> new AssertionError(date + " passed"));
        assertEquals(WebapiException.INVALID_FIELD_VALUE, error.message());
    }

    @Test
    void patternsWithTheirOwnOrTheGenericMessage() {
        Pattern code = Pattern.compile("[a-z]+");
        assertTrue(passes(FieldCheck.matches(code), "\"abc\""));
        assertEquals(WebapiException.INVALID_FIELD_VALUE, check(FieldCheck.matches(code), "\"ABC\"").orElseThrow().message());
        assertEquals(Optional.of(Phrase.of("Bad code.")), check(FieldCheck.matches(code, Phrase.of("Bad code.")), "\"1\""));
    }

    @Test
    void anInvalidValueShowsAtMost80CharactersOfIt() {
        JsonNode value = Json.NODES.textNode("y".repeat(200));
        Phrase error = FieldCheck.invalidValue("name", value);
        assertEquals("Invalid value of \"" + "y".repeat(80) + "...\" provided for the name field.", error.render());
        assertEquals("Invalid value of \"" + "y".repeat(80) + "\" provided for the name field.",
                FieldCheck.invalidValue("name", Json.NODES.textNode("y".repeat(80))).render());
    }
}
