package io.catalogbulk.core.operation;

/**
 * The store scope of a request, carried in the operation so the worker applies exactly the scope the client
 * asked for (Magento #23142 lost it).
 * <ul>
 * <li>{@link Mode#IMPLICIT}: no store code in the URL. Creates write global values; updates write the
 * {@code default} store's values; reads resolve the default store.</li>
 * <li>{@link Mode#ALL}: {@code /rest/all/...}. Creates and updates write global values (store 0).</li>
 * <li>{@link Mode#STORE}: {@code /rest/<code>/...}. Creates write global values and the store's values;
 * updates write that store's values only; reads resolve that store.</li>
 * </ul>
 */
public record StoreScope(Mode mode, int storeId) {

    public static final int ADMIN_STORE_ID = 0;

    public enum Mode {
        IMPLICIT, ALL, STORE;

        public String dbValue() {
            return name().toLowerCase();
        }

        public static Mode ofDbValue(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    public static StoreScope all() {
        return new StoreScope(Mode.ALL, ADMIN_STORE_ID);
    }

    public static StoreScope implicit(int defaultStoreId) {
        return new StoreScope(Mode.IMPLICIT, defaultStoreId);
    }

    public static StoreScope store(int storeId) {
        return storeId == ADMIN_STORE_ID ? all() : new StoreScope(Mode.STORE, storeId);
    }

    /** The store whose values reads resolve (store value, then global value). */
    public int readStoreId() {
        return mode == Mode.ALL ? ADMIN_STORE_ID : storeId;
    }

    /** The store that receives store-scoped values when an existing entity is updated. */
    public int updateStoreId() {
        return mode == Mode.ALL ? ADMIN_STORE_ID : storeId;
    }

    /** On create, values are global; with an explicit store code they are also that store's values. */
    public boolean createAlsoWritesStoreValues() {
        return mode == Mode.STORE;
    }
}
