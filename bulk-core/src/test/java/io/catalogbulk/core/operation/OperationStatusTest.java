package io.catalogbulk.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Magento's codes: 1 complete, 2 retriably failed, 3 not retriably failed, 4 open, 5 rejected. */
class OperationStatusTest {

    @Test
    void codesAreMagentos() {
        assertEquals(1, OperationStatus.COMPLETE.code());
        assertEquals(2, OperationStatus.RETRIABLY_FAILED.code());
        assertEquals(3, OperationStatus.NOT_RETRIABLY_FAILED.code());
        assertEquals(4, OperationStatus.OPEN.code());
        assertEquals(5, OperationStatus.REJECTED.code());
    }

    @Test
    void ofRoundTripsEveryCode() {
        for (OperationStatus status : OperationStatus.values()) {
            assertEquals(status, OperationStatus.of(status.code()));
            assertTrue(OperationStatus.isValid(status.code()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1, 44})
    void unknownCodesAreInvalid(int code) {
        assertFalse(OperationStatus.isValid(code));
        assertThrows(IllegalArgumentException.class, () -> OperationStatus.of(code));
    }
}
