package io.catalogbulk.core.input;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a PostgreSQL {@code numeric(precision, scale)} column can hold: values below 10^(precision - scale) in
 * magnitude, rounded half away from zero to {@code scale} decimals, as the column rounds them. A value outside it
 * would fail the statement that writes it (numeric field overflow), so input is refused at the door instead.
 * <p>
 * Every step works on precision and scale first: a number like 1e-999999999 is a few bytes of JSON, and rounding or
 * printing it naively would build a billion-digit number.
 */
public record DecimalColumn(int precision, int scale) {

    /** Prices (product, tier, special, custom option, cart): numeric(20, 6). */
    public static final DecimalColumn PRICE = new DecimalColumn(20, 6);
    /** Weights and quantities (product weight, source item quantity, cart qty): numeric(12, 4). */
    public static final DecimalColumn QUANTITY = new DecimalColumn(12, 4);

    public DecimalColumn {
        if (precision < 1 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("numeric(" + precision + ", " + scale + ")");
        }
    }

    /**
     * The value as this column stores it (rounded to {@code scale} decimals, trailing zeros of the rounding
     * dropped), or null when its magnitude does not fit. A value that needs no rounding is returned as it is.
     */
    public BigDecimal fit(BigDecimal value) {
        if (value.signum() == 0) {
            return value.scale() <= scale && value.scale() >= 0 ? value : BigDecimal.ZERO;
        }
        int integerDigits = precision - scale;
        if (magnitude(value) > integerDigits) {
            return null;
        }
        if (value.scale() <= scale) {
            return value;
        }
        if (magnitude(value) < -scale) {
            // Below a tenth of the last place: rounds to zero (decided without building 10^scale of the value).
            return BigDecimal.ZERO;
        }
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (magnitude(rounded) > integerDigits) {
            return null; // 99999999999999.9999999 rounds up past the column
        }
        BigDecimal stripped = rounded.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Digits before the decimal point (|value| is in [10^(m-1), 10^m)); zero or negative below 1. */
    static long magnitude(BigDecimal value) {
        return (long) value.precision() - value.scale();
    }
}
