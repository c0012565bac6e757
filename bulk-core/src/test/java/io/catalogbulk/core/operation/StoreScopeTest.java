package io.catalogbulk.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** api.md §2: no store code, {@code all}, or a store view code. */
class StoreScopeTest {

    @Test
    void allWritesAndReadsGlobalValues() {
        StoreScope all = StoreScope.all();
        assertEquals(StoreScope.Mode.ALL, all.mode());
        assertEquals(StoreScope.ADMIN_STORE_ID, all.storeId());
        assertEquals(0, all.readStoreId());
        assertEquals(0, all.updateStoreId());
        assertFalse(all.createAlsoWritesStoreValues());
    }

    @Test
    void implicitScopeUpdatesTheDefaultStoreAndCreatesGlobally() {
        StoreScope implicit = StoreScope.implicit(1);
        assertEquals(StoreScope.Mode.IMPLICIT, implicit.mode());
        assertEquals(1, implicit.readStoreId());
        assertEquals(1, implicit.updateStoreId());
        assertFalse(implicit.createAlsoWritesStoreValues());
    }

    @Test
    void storeCodeScopeWritesThatStore() {
        StoreScope store = StoreScope.store(3);
        assertEquals(StoreScope.Mode.STORE, store.mode());
        assertEquals(3, store.readStoreId());
        assertEquals(3, store.updateStoreId());
        assertTrue(store.createAlsoWritesStoreValues());
    }

    @Test
    void theAdminStoreIdIsTheAllScope() {
        assertEquals(StoreScope.all(), StoreScope.store(StoreScope.ADMIN_STORE_ID));
    }

    @Test
    void modeRoundTripsThroughItsDatabaseValue() {
        assertEquals("implicit", StoreScope.Mode.IMPLICIT.dbValue());
        assertEquals("all", StoreScope.Mode.ALL.dbValue());
        assertEquals("store", StoreScope.Mode.STORE.dbValue());
        for (StoreScope.Mode mode : StoreScope.Mode.values()) {
            assertEquals(mode, StoreScope.Mode.ofDbValue(mode.dbValue()));
        }
    }
}
