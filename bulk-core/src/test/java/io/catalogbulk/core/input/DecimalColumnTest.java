package io.catalogbulk.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.junit.jupiter.api.Test;

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
        BigDecimal fitted = DecimalColumn.QUANTITY.fit(new BigDecimal(value));
        if (expected == null) {
            assertNull(fitted);
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
}
