package io.catalogbulk.core.input;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
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
        params.put("value", InputNormalizer.display(value));
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

    /** The value fits a decimal column narrower than a float's own, numeric(12, 4) for weights and quantities. */
    static FieldCheck fits(DecimalColumn column) {
        return (field, value) -> column.fit(value.decimalValue()) == null ? Optional.of(invalidValue(field, value)) : Optional.empty();
    }

    /**
     * A date, optionally with a time, as Magento writes them ({@code 1990-05-17}, {@code 1990-05-17 08:30[:00]}): a real
     * calendar date (no 30 February) in years 1 to 9999, which a PostgreSQL date or timestamp column holds.
     */
    static FieldCheck date() {
        return (field, value) -> {
            try {
                LocalDateTime parsed = LocalDateTime.parse(value.asText(), InputNormalizer.DATE_TIME);
                return parsed.getYear() >= 1 && parsed.getYear() <= 9999 ? Optional.empty() : Optional.of(invalidValue(field, value));
            } catch (DateTimeParseException e) {
                return Optional.of(invalidValue(field, value));
            }
        };
    }

    static FieldCheck matches(Pattern pattern, Phrase error) {
        return (field, value) -> pattern.matcher(value.asText()).matches() ? Optional.empty() : Optional.of(error);
    }

    static FieldCheck matches(Pattern pattern) {
        return (field, value) -> pattern.matcher(value.asText()).matches() ? Optional.empty()
                : Optional.of(invalidValue(field, value));
    }
}
