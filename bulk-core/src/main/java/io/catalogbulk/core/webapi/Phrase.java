package io.catalogbulk.core.webapi;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Magento message: the raw text with {@code %name} or {@code %1} placeholders and its arguments
 * (a map for named placeholders, a list for positional ones, or null). Magento returns the raw text
 * plus the arguments, never the rendered text, so clients can translate it; {@link #render()} is for logs
 * and for the places where Magento itself renders (nested input errors).
 */
public record Phrase(String message, Object parameters) {

    private static final Pattern PLACEHOLDER = Pattern.compile("%(\\w+)");

    public Phrase {
        if (parameters != null && !(parameters instanceof Map) && !(parameters instanceof List)) {
            throw new IllegalArgumentException("parameters must be a Map or a List");
        }
    }

    public static Phrase of(String message) {
        return new Phrase(message, null);
    }

    public static Phrase of(String message, Map<String, ?> named) {
        return new Phrase(message, named);
    }

    public static Phrase positional(String message, Object... args) {
        return new Phrase(message, List.of(args));
    }

    /** The message with its placeholders replaced. */
    public String render() {
        if (parameters == null) {
            return message;
        }
        Matcher m = PLACEHOLDER.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            Object value = null;
            if (parameters instanceof Map<?, ?> map) {
                value = map.get(key);
            } else if (parameters instanceof List<?> list && key.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(key) - 1;
                value = index >= 0 && index < list.size() ? list.get(index) : null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
