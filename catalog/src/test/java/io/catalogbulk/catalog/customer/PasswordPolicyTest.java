package io.catalogbulk.catalog.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;

/** Magento's AccountManagement password rules and texts (entities.md §4). */
class PasswordPolicyTest {

    static final Phrase TOO_SHORT = Phrase.positional(
            "The password needs at least %1 characters. Create a new password and try again.", 8);
    static final Phrase TOO_FEW_CLASSES = Phrase.positional("Minimum of different classes of characters in password is %1. "
            + "Classes of characters: Lower Case, Upper Case, Digits, Special Characters.", 3);
    static final Phrase SPACES = Phrase.of("The password can't begin or end with a space. Verify the password and try again.");
    static final Phrase SAME_AS_EMAIL = Phrase.of("The password can't be the same as the email address. Create a new password and try again.");
    static final Phrase TOO_LONG = Phrase.positional("Please enter a password with at most %1 characters.", 256);

    private final PasswordPolicy policy = new PasswordPolicy();

    private List<Phrase> check(String password) {
        return check(password, "jane@example.com");
    }

    private List<Phrase> check(String password, String email) {
        ObjectNode params = Json.NODES.objectNode();
        params.putObject("customer").put("email", email).put("firstname", "Jane").put("lastname", "Doe");
        params.put("password", password);
        return policy.check(params);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Str0ng-Pass", "Abcdef1!", "abcdefg1!", "ABCDEFG1a", "abcdEFGH1", "Abcdefg-", "pass word1", "aaaaaa\u00e91"})
    void strongPasswordsPass(String password) {
        assertEquals(List.of(), check(password));
    }

    @Test
    void noPasswordIsNotChecked() {
        ObjectNode params = Json.NODES.objectNode();
        params.putObject("customer").put("email", "jane@example.com");
        assertEquals(List.of(), policy.check(params));
        params.putNull("password");
        assertEquals(List.of(), policy.check(params));
    }

    @Test
    void minimumLengthIsEight() {
        assertEquals(List.of(TOO_SHORT), check("Abcde1!"));
        assertEquals(List.of(), check("Abcde12!"));
        assertEquals("The password needs at least 8 characters. Create a new password and try again.", TOO_SHORT.render());
        assertEquals(List.of(8), TOO_SHORT.parameters());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefgh", "ABCDEFGH", "12345678", "!@#$%^&*", "abcd1234", "ABCD1234", "abcdEFGH", "abcd!@#$", "\u00c9\u00c9\u00c9\u00c9\u00c9\u00c9\u00c91"})
    void atLeastThreeCharacterClasses(String password) {
        assertEquals(List.of(TOO_FEW_CLASSES), check(password));
        assertEquals(List.of(3), TOO_FEW_CLASSES.parameters());
    }

    @Test
    void shortAndSimpleReportsBoth() {
        assertEquals(List.of(TOO_SHORT, TOO_FEW_CLASSES), check("abc"));
        assertEquals(List.of(TOO_SHORT, TOO_FEW_CLASSES), check(""));
    }

    @Test
    void noLeadingOrTrailingSpace() {
        assertEquals(List.of(SPACES), check(" Abcdef1"));
        assertEquals(List.of(SPACES), check("Abcdef1! "));
        assertEquals(List.of(SPACES), check("\tAbcdef1!"));
    }

    @Test
    void notTheEmailAddressIgnoringCase() {
        assertEquals(List.of(SAME_AS_EMAIL), check("Jane.Doe1@example.com", "jane.doe1@EXAMPLE.com"));
        assertEquals(List.of(), check("Jane.Doe1@example.com", "jane@example.com"));
    }

    @Test
    void atMost256Characters() {
        assertEquals(List.of(), check("Aa1" + "x".repeat(253)));
        assertEquals(List.of(TOO_LONG), check("Aa1" + "x".repeat(254)), "only the length is reported");
        assertEquals(List.of(TOO_LONG), check("a".repeat(300)));
    }

    @Test
    void characterClassesAreMagentosAsciiClasses() {
        assertEquals(0, PasswordPolicy.classes(""));
        assertEquals(1, PasswordPolicy.classes("abc"));
        assertEquals(4, PasswordPolicy.classes("aA1!"));
        assertEquals(2, PasswordPolicy.classes("a "));
        // preg_match('/[^a-zA-Z0-9]+/') counts every non-ASCII letter or digit as a special character.
        assertEquals(2, PasswordPolicy.classes("a\u00e9"), "é is special, not lower case");
        assertEquals(2, PasswordPolicy.classes("A\u00c9"), "É is special, not upper case");
        assertEquals(2, PasswordPolicy.classes("1\u0661"), "Arabic-Indic one is special, not a digit");
    }
}
