package io.catalogbulk.core.input;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** A rule on one normalized field value; returns the Magento error it violates, if any. */
@FunctionalInterface
public interface FieldCheck {

    Optional<Phrase> check(String fieldName, JsonNode value);

    static Phrase invalidValue(String fieldName, JsonNode value) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("value", value.isTextual() ? value.asText() : value.toString());
        params.put("fieldName", fieldName);
        return Phrase.of(WebapiException.INVALID_FIELD_VALUE, params);
    }

    static FieldCheck maxLength(int max, String message) {
        return (field, value) -> value.asText().codePointCount(0, value.asText().length()) > max
                ? Optional.of(Phrase.of(message)) : Optional.empty();
    }

    /** A length limit with the generic "invalid value" message. */
    static FieldCheck maxLength(int max) {
        return (field, value) -> value.asText().codePointCount(0, value.asText().length()) > max
                ? Optional.of(invalidValue(field, value)) : Optional.empty();
    }

    static FieldCheck oneOf(Object... allowed) {
        Set<String> values = Arrays.stream(allowed).map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        return (field, value) -> values.contains(value.asText()) ? Optional.empty() : Optional.of(invalidValue(field, value));
    }

    static FieldCheck nonNegative() {
        return (field, value) -> value.decimalValue().compareTo(BigDecimal.ZERO) < 0
                ? Optional.of(invalidValue(field, value)) : Optional.empty();
    }

    static FieldCheck positive() {
        return (field, value) -> value.decimalValue().compareTo(BigDecimal.ZERO) <= 0
                ? Optional.of(invalidValue(field, value)) : Optional.empty();
    }

    static FieldCheck matches(Pattern pattern, Phrase error) {
        return (field, value) -> pattern.matcher(value.asText()).matches() ? Optional.empty() : Optional.of(error);
    }

    static FieldCheck matches(Pattern pattern) {
        return (field, value) -> pattern.matcher(value.asText()).matches() ? Optional.empty()
                : Optional.of(invalidValue(field, value));
    }
}
