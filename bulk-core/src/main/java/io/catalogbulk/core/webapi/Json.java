package io.catalogbulk.core.webapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * JSON conventions shared by every service: Magento prints numbers the way PHP's json_encode does
 * (25 not 25.0, 0.5), timestamps as UTC "YYYY-MM-DD HH:MM:SS", and keys in snake_case.
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Json() {
    }

    /** A number as PHP prints it: integral values without a fraction, others with their shortest form. */
    public static JsonNode number(BigDecimal value) {
        if (value == null) {
            return NODES.nullNode();
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger integral = stripped.toBigIntegerExact();
            return integral.bitLength() < 63 ? NODES.numberNode(integral.longValue()) : NODES.numberNode(integral);
        }
        return NODES.numberNode(stripped.doubleValue());
    }

    /**
     * The text of an object's field, or null when the field is absent or JSON null (never the text "null"). Missing
     * nodes ({@code node.path(...)} of an absent object) have no fields.
     */
    public static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    public static String timestamp(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).format(TIMESTAMP);
    }

    public static JsonNode valueNode(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof BigDecimal decimal) {
            return number(decimal);
        }
        return MAPPER.valueToTree(value);
    }

    /** Compact serialization; the bytes whose SHA-256 is an operation's data_hash. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
