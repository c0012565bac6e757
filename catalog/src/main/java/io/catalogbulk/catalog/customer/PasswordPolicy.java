package io.catalogbulk.catalog.customer;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.route.ItemCheck;
import io.catalogbulk.core.webapi.Phrase;

/**
 * Magento's customer password rules (minimum length 8, three classes of characters, no surrounding spaces,
 * not the e-mail address, at most 256 characters). Checked before anything is stored, so a bulk with a weak
 * password is refused at once instead of failing later in a worker.
 */
public final class PasswordPolicy implements ItemCheck {

    static final int MIN_LENGTH = 8;
    static final int MIN_CLASSES = 3;
    static final int MAX_LENGTH = 256;

    @Override
    public List<Phrase> check(ObjectNode params) {
        if (!params.hasNonNull("password")) {
            return List.of();
        }
        String password = params.get("password").asText();
        List<Phrase> errors = new ArrayList<>();
        if (password.length() > MAX_LENGTH) {
            errors.add(Phrase.positional("Please enter a password with at most %1 characters.", MAX_LENGTH));
            return errors;
        }
        if (password.length() < MIN_LENGTH) {
            errors.add(Phrase.positional("The password needs at least %1 characters. Create a new password and try again.", MIN_LENGTH));
        }
        if (classes(password) < MIN_CLASSES) {
            errors.add(Phrase.positional("Minimum of different classes of characters in password is %1. Classes of characters: "
                    + "Lower Case, Upper Case, Digits, Special Characters.", MIN_CLASSES));
        }
        if (!password.equals(password.strip())) {
            errors.add(Phrase.of("The password can't begin or end with a space. Verify the password and try again."));
        }
        if (password.equalsIgnoreCase(params.path("customer").path("email").asText())) {
            errors.add(Phrase.of("The password can't be the same as the email address. Create a new password and try again."));
        }
        return errors;
    }

    static int classes(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean special = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            // Magento's classes are ASCII: [a-z], [A-Z], [0-9] and [^a-zA-Z0-9] (so "é" is a special character).
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                special = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (special ? 1 : 0);
    }
}
