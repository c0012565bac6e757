package io.catalogbulk.core.input;

import java.math.BigDecimal;

/**
 * int, float, string, bool, or mixed (any JSON scalar or array: custom attribute values). Each knows the range of
 * values it can hold, so a number too large for the column it ends in is refused at the door with Magento's
 * "Invalid value" message instead of failing the statement that writes it:
 * <ul>
 * <li>int: a 32-bit integer (ids, positions, sort orders, store and group ids are {@code integer} columns);</li>
 * <li>float: what {@link DecimalColumn#PRICE} stores (numeric(20, 6)), rounded as that column rounds; fields that
 * end in a narrower column add {@link FieldCheck#fits(DecimalColumn)};</li>
 * <li>string and mixed: text PostgreSQL can store ({@link #storable(String)}); a number given for them is kept as
 * text or as it is, at most {@link #MAX_NUMBER_TEXT} characters written out in full.</li>
 * </ul>
 */
public enum ScalarType implements InputType {
    STRING("string"),
    INT("int"),
    FLOAT("float"),
    BOOL("bool"),
    MIXED("mixed");

    public static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    public static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    /** The column a float must fit (rounded to): the widest decimal column of the schema. */
    public static final DecimalColumn FLOAT_COLUMN = DecimalColumn.PRICE;
    /** The longest plain notation of a number carried as a string or mixed value (and of a numeric string). */
    public static final int MAX_NUMBER_TEXT = 100;

    private final String typeName;

    ScalarType(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    /**
     * Text a PostgreSQL text column can hold: no NUL character (the statement would fail) and no unpaired surrogate
     * (JSON's "\uD800" escape makes one; the driver would store it as "?"). Anything else of every Unicode plane is.
     */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
