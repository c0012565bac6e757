package io.catalogbulk.core.security;

/** Magento ACL resource names used by the routes. */
public final class AclResources {

    /** Grants every resource (Magento's root resource, held by administrators). */
    public static final String ALL = "Magento_Backend::all";
    public static final String PRODUCTS = "Magento_Catalog::products";
    public static final String CUSTOMER_READ = "Magento_Customer::customer";
    public static final String CUSTOMER_MANAGE = "Magento_Customer::manage";
    public static final String STORES = "Magento_Backend::store";
    public static final String BULK_LOG = "Magento_AsynchronousOperations::system_magento_logging_bulk_operations";

    private AclResources() {
    }
}
