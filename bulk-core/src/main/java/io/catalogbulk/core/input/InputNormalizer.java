package io.catalogbulk.core.input;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * Checks a JSON value against its declared {@link InputType} and returns it normalized: keys in snake_case and
 * in declared order, scalars coerced the way Magento's TypeProcessor does ("29" is a valid float), nulls
 * dropped, custom attributes in list form. Errors are collected rather than thrown so a bulk can report every
 * invalid item; their texts are Magento's.
 */
public final class InputNormalizer {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern ATTRIBUTE_CODE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,59}");
    private static final int MAX_DISPLAY = 80;
    /** Dates as Magento writes them, strictly (no 30 February): see {@link FieldCheck#date()}. */
    static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ HH:mm[:ss]]")
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private InputNormalizer() {
    }

    /**
     * Normalizes a top-level body parameter. Returns null (and records an error) when the value is invalid.
     */
    public static JsonNode normalizeParameter(String name, JsonNode value, InputType type, List<Phrase> errors) {
        return normalize(value, type, name, false, errors);
    }

    static JsonNode normalize(JsonNode value, InputType type, String field, boolean nested, List<Phrase> errors) {
        if (type instanceof ScalarType scalar) {
            Coerced coerced = scalar(value, scalar);
            if (coerced.value() == null) {
                errors.add(coerced.error(field, value, type, nested));
            }
            return coerced.value();
        }
        if (type instanceof ListType list) {
            if (!value.isArray()) {
                errors.add(typeError(field, value, type, nested));
                return null;
            }
            ArrayNode out = Json.NODES.arrayNode(value.size());
            int before = errors.size();
            for (JsonNode element : value) {
                if (element.isNull()) {
                    continue;
                }
                JsonNode normalized = normalize(element, list.element(), field, true, errors);
                if (normalized != null) {
                    out.add(normalized);
                }
            }
            return errors.size() == before ? out : null;
        }
        if (type instanceof ObjectSchema schema) {
            return object(value, schema, field, nested, errors);
        }
        return customAttributes(value, field, nested, errors);
    }

    private static ObjectNode object(JsonNode value, ObjectSchema schema, String field, boolean nested, List<Phrase> errors) {
        if (!value.isObject()) {
            errors.add(typeError(field, value, schema, nested));
            return null;
        }
        int before = errors.size();
        Map<String, JsonNode> given = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = Names.snake(entry.getKey());
            Field declared = schema.field(name);
            if (declared == null) {
                String property = Names.upperCamel(name);
                errors.add(Phrase.of("Property \"" + property + "\" does not have accessor method \"get" + property
                        + "\" in class \"" + schema.interfaceName() + "\"."));
                continue;
            }
            if (entry.getValue().isNull()) {
                continue;
            }
            JsonNode normalized = normalize(entry.getValue(), declared.type(), name, true, errors);
            if (normalized != null) {
                for (FieldCheck check : declared.checks()) {
                    Optional<Phrase> failure = check.check(name, normalized);
                    if (failure.isPresent()) {
                        errors.add(failure.get());
                        break;
                    }
                }
                given.put(name, normalized);
            }
        }
        ObjectNode out = Json.NODES.objectNode();
        for (Field declared : schema.fields().values()) {
            JsonNode normalized = given.get(declared.name());
            if (normalized != null) {
                out.set(declared.name(), normalized);
            } else if (declared.required() && missing(value, declared.name())) {
                errors.add(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", declared.name())));
            }
        }
        return errors.size() == before ? out : null;
    }

    private static boolean missing(JsonNode object, String snakeName) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (Names.snake(key).equals(snakeName) && !object.get(key).isNull()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode customAttributes(JsonNode value, String field, boolean nested, List<Phrase> errors) {
        List<JsonNode[]> pairs = new ArrayList<>();
        int before = errors.size();
        if (value.isObject()) {
            value.fields().forEachRemaining(e -> pairs.add(new JsonNode[] {Json.NODES.textNode(e.getKey()), e.getValue()}));
        } else if (value.isArray()) {
            for (JsonNode element : value) {
                if (element == null || element.isNull() || element.isObject() && element.isEmpty()) {
                    errors.add(Phrase.of("An empty custom attribute is specified. Enter the attribute and try again."));
                    continue;
                }
                if (!element.isObject()) {
                    errors.add(typeError(field, element, CustomAttributesType.INSTANCE, true));
                    continue;
                }
                JsonNode code = element.hasNonNull("attribute_code") ? element.get("attribute_code") : element.get("attributeCode");
                if (code == null || code.isNull() || code.asText().isEmpty()) {
                    errors.add(Phrase.of("A custom attribute is specified with a missing attribute code. Verify the code and try again."));
                    continue;
                }
                for (Iterator<String> keys = element.fieldNames(); keys.hasNext(); ) {
                    String key = Names.snake(keys.next());
                    if (!key.equals("attribute_code") && !key.equals("value")) {
                        String property = Names.upperCamel(key);
                        errors.add(Phrase.of("Property \"" + property + "\" does not have accessor method \"get" + property
                                + "\" in class \"Magento\\Framework\\Api\\AttributeInterface\"."));
                    }
                }
                pairs.add(new JsonNode[] {code, element.get("value")});
            }
        } else {
            errors.add(typeError(field, value, CustomAttributesType.INSTANCE, nested));
            return null;
        }
        Map<String, JsonNode> byCode = new LinkedHashMap<>();
        for (JsonNode[] pair : pairs) {
            if (!pair[0].isTextual()) {
                errors.add(typeError("attribute_code", pair[0], ScalarType.STRING, true));
                continue;
            }
            String code = pair[0].asText();
            if (!ATTRIBUTE_CODE.matcher(code).matches()) {
                errors.add(FieldCheck.invalidValue("attribute_code", pair[0]));
                continue;
            }
            if (pair[1] == null || pair[1].isNull()) {
                errors.add(Phrase.of("The \"" + code + "\" attribute code doesn't have a value set. Enter the value and try again."));
                continue;
            }
            Coerced coerced = mixed(pair[1]);
            JsonNode normalized = coerced.value();
            if (normalized == null) {
                errors.add(coerced.error(code, pair[1], ScalarType.MIXED, true));
                continue;
            }
            byCode.remove(code);
            byCode.put(code, normalized);
        }
        if (errors.size() != before) {
            return null;
        }
        ArrayNode out = Json.NODES.arrayNode(byCode.size());
        byCode.forEach((code, v) -> {
            ObjectNode attribute = out.addObject();
            attribute.put("attribute_code", code);
            attribute.set("value", v);
        });
        return out;
    }

    /**
     * A scalar coerced to its declared type: the normalized value, or why there is none (a value of another type,
     * or a value of the type that it cannot hold, such as 1e400 for a float or 2^31 for an int).
     */
    record Coerced(JsonNode value, boolean outOfRange) {
        static final Coerced WRONG_TYPE = new Coerced(null, false);
        static final Coerced OUT_OF_RANGE = new Coerced(null, true);

        static Coerced of(JsonNode value) {
            return new Coerced(value, false);
        }

        Phrase error(String field, JsonNode given, InputType type, boolean nested) {
            return outOfRange ? FieldCheck.invalidValue(field, given) : typeError(field, given, type, nested);
        }
    }

    static Coerced scalar(JsonNode value, ScalarType type) {
        switch (type) {
            case STRING:
                if (value.isTextual()) {
                    return ScalarType.storable(value.asText()) ? Coerced.of(value) : Coerced.OUT_OF_RANGE;
                }
                if (value.isNumber()) {
                    BigDecimal number = decimal(value);
                    if (number == null) {
                        return Coerced.WRONG_TYPE;
                    }
                    return plainLength(number) > ScalarType.MAX_NUMBER_TEXT ? Coerced.OUT_OF_RANGE
                            : Coerced.of(Json.NODES.textNode(value.isIntegralNumber() ? value.asText() : number.toPlainString()));
                }
                return Coerced.WRONG_TYPE;
            case INT:
                return integer(value);
            case FLOAT:
                return decimalValue(value);
            case BOOL:
                if (value.isBoolean()) {
                    return Coerced.of(value);
                }
                if (value.isIntegralNumber() && value.canConvertToLong() && (value.longValue() == 0 || value.longValue() == 1)) {
                    return Coerced.of(Json.NODES.booleanNode(value.longValue() == 1));
                }
                if (value.isTextual()) {
                    String text = value.asText().trim().toLowerCase(Locale.ROOT);
                    if (text.equals("true") || text.equals("1")) {
                        return Coerced.of(Json.NODES.booleanNode(true));
                    }
                    if (text.equals("false") || text.equals("0") || text.isEmpty()) {
                        return Coerced.of(Json.NODES.booleanNode(false));
                    }
                }
                return Coerced.WRONG_TYPE;
            default:
                return mixed(value);
        }
    }

    /** int: an integral number or numeric string ("12", 12.0, 1e2) within 32 bits. */
    private static Coerced integer(JsonNode value) {
        BigDecimal number;
        if (value.isNumber()) {
            number = decimal(value);
            if (number == null || !integral(number)) {
                return Coerced.WRONG_TYPE;
            }
        } else if (value.isTextual() && INTEGER.matcher(value.asText().trim()).matches()) {
            String text = value.asText().trim();
            String digits = text.replaceFirst("^[-+]?0*", "");
            if (digits.length() > 10) {
                return Coerced.OUT_OF_RANGE;
            }
            long magnitude = digits.isEmpty() ? 0 : Long.parseLong(digits);
            number = BigDecimal.valueOf(text.startsWith("-") ? -magnitude : magnitude);
        } else {
            return Coerced.WRONG_TYPE;
        }
        if (number.compareTo(ScalarType.INT_MIN) < 0 || number.compareTo(ScalarType.INT_MAX) > 0) {
            return Coerced.OUT_OF_RANGE;
        }
        return Coerced.of(Json.NODES.numberNode(number.longValue()));
    }

    /** float: a number or numeric string, as {@link ScalarType#FLOAT_COLUMN} stores it. */
    private static Coerced decimalValue(JsonNode value) {
        BigDecimal number;
        if (value.isNumber()) {
            number = decimal(value);
            if (number == null) {
                return Coerced.WRONG_TYPE;
            }
        } else if (value.isTextual() && DECIMAL.matcher(value.asText().trim()).matches()) {
            String text = value.asText().trim();
            if (text.length() > ScalarType.MAX_NUMBER_TEXT) {
                return Coerced.OUT_OF_RANGE;
            }
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException exponentOverflow) {
                return Coerced.OUT_OF_RANGE;
            }
        } else {
            return Coerced.WRONG_TYPE;
        }
        BigDecimal stored = ScalarType.FLOAT_COLUMN.fit(number);
        return stored == null ? Coerced.OUT_OF_RANGE : Coerced.of(Json.NODES.numberNode(stored));
    }

    /** Custom attribute values: any scalar, or a list of scalars (multiselect, category_ids); numbers as for strings. */
    private static Coerced mixed(JsonNode value) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (!element.isValueNode() || element.isNull()) {
                    return Coerced.WRONG_TYPE;
                }
                Coerced scalar = mixedScalar(element);
                if (scalar.value() == null) {
                    return scalar;
                }
            }
            return Coerced.of(value);
        }
        return mixedScalar(value);
    }

    private static Coerced mixedScalar(JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            return Coerced.WRONG_TYPE;
        }
        if (value.isNumber()) {
            BigDecimal number = decimal(value);
            if (number == null) {
                return Coerced.WRONG_TYPE;
            }
            if (plainLength(number) > ScalarType.MAX_NUMBER_TEXT) {
                return Coerced.OUT_OF_RANGE;
            }
        }
        if (value.isTextual() && !ScalarType.storable(value.asText())) {
            return Coerced.OUT_OF_RANGE;
        }
        return Coerced.of(value);
    }

    /** The exact value of a number node; null for NaN and the infinities (JSON has none, a JsonNode can). */
    private static BigDecimal decimal(JsonNode number) {
        if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        return number.decimalValue();
    }

    private static boolean integral(BigDecimal number) {
        return number.signum() == 0 || number.scale() <= 0 || number.stripTrailingZeros().scale() <= 0;
    }

    /** Characters of the number written out in full (toPlainString), computed without writing it. */
    static long plainLength(BigDecimal number) {
        long sign = number.signum() < 0 ? 1 : 0;
        long precision = number.precision();
        long scale = number.scale();
        if (scale <= 0) {
            return sign + precision - scale;
        }
        return sign + Math.max(precision, scale + 1) + 1;
    }

    static Phrase typeError(String field, JsonNode value, InputType type, boolean nested) {
        String shown = display(value);
        if (!nested) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("value", shown);
            params.put("type", type.typeName());
            return Phrase.of("The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.", params);
        }
        return Phrase.of("Error occurred during \"" + field + "\" processing. The \"" + shown
                + "\" value's type is invalid. The \"" + type.typeName() + "\" type was expected. Verify and try again.");
    }

    /** A value as an error message shows it: its JSON, cut after {@link #MAX_DISPLAY} characters. */
    static String display(JsonNode value) {
        String text;
        if (value.isTextual()) {
            text = value.asText();
        } else {
            // Written by hand, stopping at the limit: a deeply nested or huge value is never serialized whole.
            StringBuilder out = new StringBuilder();
            appendShort(out, value);
            text = out.toString();
        }
        return text.length() > MAX_DISPLAY ? text.substring(0, MAX_DISPLAY) + "..." : text;
    }

    private static void appendShort(StringBuilder out, JsonNode value) {
        if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size() && out.length() <= MAX_DISPLAY; i++) {
                out.append(i > 0 ? "," : "");
                appendShort(out, value.get(i));
            }
            out.append(']');
        } else if (value.isObject()) {
            out.append('{');
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext() && out.length() <= MAX_DISPLAY; ) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(out.charAt(out.length() - 1) == '{' ? "" : ",").append(Json.NODES.textNode(field.getKey())).append(':');
                appendShort(out, field.getValue());
            }
            out.append('}');
        } else {
            out.append(value);
        }
    }
}
