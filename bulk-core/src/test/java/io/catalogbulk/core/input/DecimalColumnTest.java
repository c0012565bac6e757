package io.catalogbulk.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** numeric(p, s) as PostgreSQL stores it: the magnitude bound and rounding half away from zero. */
class DecimalColumnTest {

    @ParameterizedTest(name = "numeric(12,4) {0} -> {1}")
    @CsvSource(nullValues = "NONE", value = {
            "0, 0",
            "0.00000, 0",
            "0E+5, 0",
            "99999999.9999, 99999999.9999",
            "99999999.99994, 99999999.9999",
            "99999999.99995, NONE",
            "100000000, NONE",
            "-99999999.9999, -99999999.9999",
            "-100000000, NONE",
            "1.00005, 1.0001",
            "-1.00005, -1.0001",
            "1.23450, 1.2345",
            "0.00004, 0",
            "0.00005, 0.0001",
            "1E-9999, 0",
            "1E+9999, NONE",
            "1.5E+3, 1.5E+3",
    })
    void fitsNumeric12And4(String value, String expected) {
        assertFits(DecimalColumn.QUANTITY, value, expected);
    }

    /** {@code expected} null: the value does not fit the column. */
    static void assertFits(DecimalColumn column, String value, String expected) {
        BigDecimal fitted = column.fit(new BigDecimal(value));
        if (expected == null) {
            assertNull(fitted, value);
        } else {
            assertEquals(0, new BigDecimal(expected).compareTo(fitted), value + " -> " + fitted);
        }
    }

    @Test
    void aValueThatNeedsNoRoundingIsKeptAsGiven() {
        BigDecimal value = new BigDecimal("25.50");
        assertSame(value, DecimalColumn.PRICE.fit(value));
    }

    @Test
    void roundedValuesLoseTheirTrailingZerosButNeverBecomeExponents() {
        assertEquals("100", DecimalColumn.PRICE.fit(new BigDecimal("100.0000001")).toString());
    }

    @Test
    void extremeExponentsAreDecidedWithoutBuildingTheNumber() {
        assertEquals(BigDecimal.ZERO, DecimalColumn.PRICE.fit(new BigDecimal("1E-2147483647")));
        assertNull(DecimalColumn.PRICE.fit(new BigDecimal("1E+2147483647")));
    }

    @Test
    void aColumnIsDeclaredAsPostgresqlWouldAcceptIt() {
        assertThrows(IllegalArgumentException.class, () -> new DecimalColumn(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DecimalColumn(5, -1));
        assertThrows(IllegalArgumentException.class, () -> new DecimalColumn(2, 3));
        assertEquals(new DecimalColumn(1, 0), new DecimalColumn(1, 0));
        assertEquals(new DecimalColumn(3, 3), new DecimalColumn(3, 3));
    }

    @ParameterizedTest(name = "numeric(1,0) {0} -> {1}")
    @CsvSource(nullValues = "NONE", value = {"9, 9", "9.4, 9", "9.5, NONE", "10, NONE", "-9.49, -9", "0.4, 0"})
    void theSmallestColumn(String value, String expected) {
        assertFits(new DecimalColumn(1, 0), value, expected);
    }

    @ParameterizedTest(name = "numeric(3,3) {0} -> {1}")
    @CsvSource(nullValues = "NONE", value = {"0.999, 0.999", "0.9994, 0.999", "0.9995, NONE", "1, NONE", "0.0005, 0.001", "0.00049, 0"})
    void aColumnOfDecimalsOnly(String value, String expected) {
        assertFits(new DecimalColumn(3, 3), value, expected);
    }

    @Test
    void zeroIsKeptWhenTheColumnHoldsItsScaleAndPlainZeroOtherwise() {
        BigDecimal sixDecimals = new BigDecimal("0.000000");
        assertSame(sixDecimals, DecimalColumn.PRICE.fit(sixDecimals));
        assertSame(BigDecimal.ZERO, DecimalColumn.PRICE.fit(new BigDecimal("0.0000000")));
        assertSame(BigDecimal.ZERO, DecimalColumn.PRICE.fit(new BigDecimal("0E+3")));
    }
}
