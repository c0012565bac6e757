package io.catalogbulk.core.input;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
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

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern ATTRIBUTE_CODE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,59}");
    private static final int MAX_DISPLAY = 80;

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
            JsonNode result = scalar(value, scalar);
            if (result == null) {
                errors.add(typeError(field, value, type, nested));
            }
            return result;
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
            JsonNode normalized = mixed(pair[1]);
            if (normalized == null) {
                errors.add(typeError(code, pair[1], ScalarType.MIXED, true));
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

    /** Coerces a scalar; null means "wrong type". */
    static JsonNode scalar(JsonNode value, ScalarType type) {
        switch (type) {
            case STRING:
                if (value.isTextual()) {
                    return value;
                }
                if (value.isIntegralNumber()) {
                    return Json.NODES.textNode(value.asText());
                }
                if (value.isNumber()) {
                    return Json.NODES.textNode(value.decimalValue().toPlainString());
                }
                return null;
            case INT:
                if (value.isIntegralNumber()) {
                    return value.canConvertToLong() ? Json.NODES.numberNode(value.longValue()) : null;
                }
                if (value.isNumber()) {
                    BigDecimal d = value.decimalValue();
                    try {
                        return Json.NODES.numberNode(d.longValueExact());
                    } catch (ArithmeticException notIntegral) {
                        return null;
                    }
                }
                if (value.isTextual() && INTEGER.matcher(value.asText().trim()).matches()) {
                    return Json.NODES.numberNode(Long.parseLong(value.asText().trim()));
                }
                return null;
            case FLOAT:
                if (value.isNumber()) {
                    return Json.NODES.numberNode(value.decimalValue());
                }
                if (value.isTextual() && DECIMAL.matcher(value.asText().trim()).matches() && value.asText().trim().length() <= 40) {
                    return Json.NODES.numberNode(new BigDecimal(value.asText().trim()));
                }
                return null;
            case BOOL:
                if (value.isBoolean()) {
                    return value;
                }
                if (value.isIntegralNumber() && (value.longValue() == 0 || value.longValue() == 1)) {
                    return Json.NODES.booleanNode(value.longValue() == 1);
                }
                if (value.isTextual()) {
                    String text = value.asText().trim().toLowerCase();
                    if (text.equals("true") || text.equals("1")) {
                        return Json.NODES.booleanNode(true);
                    }
                    if (text.equals("false") || text.equals("0") || text.isEmpty()) {
                        return Json.NODES.booleanNode(false);
                    }
                }
                return null;
            default:
                return mixed(value);
        }
    }

    /** Custom attribute values: any scalar, or a list of scalars (multiselect, category_ids). */
    private static JsonNode mixed(JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            return value;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (!element.isValueNode() || element.isNull()) {
                    return null;
                }
            }
            return value;
        }
        return null;
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

    private static String display(JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() > MAX_DISPLAY ? text.substring(0, MAX_DISPLAY) + "..." : text;
    }
}
