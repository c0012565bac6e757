package io.catalogbulk.core.input;

/** Key spelling rules: Magento accepts camelCase and snake_case for the same field. */
public final class Names {

    private Names() {
    }

    /** attributeSetId and attribute_set_id both become attribute_set_id. */
    public static String snake(String key) {
        StringBuilder out = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && key.charAt(i - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** page_id and pageId both become pageId. */
    public static String camel(String key) {
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** attribute_set_id becomes AttributeSetId (the PHP property name Magento prints). */
    public static String upperCamel(String key) {
        String camel = camel(key);
        return camel.isEmpty() ? camel : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }
}
