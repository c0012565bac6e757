package io.catalogbulk.core.security;

import java.util.Map;

/**
 * Magento ACL resource names used by the routes, and the part of Magento's ACL tree they sit in. As in
 * Magento, holding a resource grants every resource below it ({@code Magento_Cms::page} grants
 * {@code Magento_Cms::save}); holding a child never grants its parent.
 */
public final class AclResources {

    /** Grants every resource (Magento's root resource, held by administrators). */
    public static final String ALL = "Magento_Backend::all";
    public static final String CATALOG = "Magento_Catalog::catalog";
    public static final String CATALOG_INVENTORY = "Magento_Catalog::catalog_inventory";
    public static final String PRODUCTS = "Magento_Catalog::products";
    public static final String CATEGORIES = "Magento_Catalog::categories";
    public static final String ATTRIBUTES = "Magento_Catalog::attributes_attributes";
    public static final String CUSTOMER_READ = "Magento_Customer::customer";
    public static final String CUSTOMER_MANAGE = "Magento_Customer::manage";
    public static final String CUSTOMER_DELETE = "Magento_Customer::delete";
    public static final String CMS_PAGE = "Magento_Cms::page";
    public static final String CMS_PAGE_SAVE = "Magento_Cms::save";
    public static final String CMS_PAGE_DELETE = "Magento_Cms::page_delete";
    public static final String CMS_BLOCK = "Magento_Cms::block";
    public static final String CART = "Magento_Cart::manage";
    public static final String SOURCE_ITEM = "Magento_InventoryApi::source_item";
    public static final String STORES = "Magento_Backend::store";
    public static final String BULK_LOG = "Magento_AsynchronousOperations::system_magento_logging_bulk_operations";
    /** Creating, listing and disabling admin users (Magento: System > Permissions > All Users). */
    public static final String USERS = "Magento_User::acl_users";
    /** Creating, listing and deleting integrations (Magento: System > Extensions > Integrations). */
    public static final String INTEGRATIONS = "Magento_Integration::integrations";
    /** Routes a customer calls for themselves with a customer token (never accepted asynchronously). */
    public static final String SELF = "self";

    /** Child to parent, up to {@link #ALL}. */
    private static final Map<String, String> PARENT = Map.ofEntries(
            Map.entry(CATALOG, ALL),
            Map.entry(CATALOG_INVENTORY, CATALOG),
            Map.entry(PRODUCTS, CATALOG_INVENTORY),
            Map.entry(CATEGORIES, CATALOG_INVENTORY),
            Map.entry("Magento_Backend::stores", ALL),
            Map.entry("Magento_Backend::stores_settings", "Magento_Backend::stores"),
            Map.entry(STORES, "Magento_Backend::stores_settings"),
            Map.entry("Magento_Backend::stores_attributes", "Magento_Backend::stores"),
            Map.entry(ATTRIBUTES, "Magento_Backend::stores_attributes"),
            Map.entry(CUSTOMER_READ, ALL),
            Map.entry(CUSTOMER_MANAGE, CUSTOMER_READ),
            Map.entry(CUSTOMER_DELETE, CUSTOMER_MANAGE),
            Map.entry("Magento_Backend::content", ALL),
            Map.entry("Magento_Backend::content_elements", "Magento_Backend::content"),
            Map.entry(CMS_PAGE, "Magento_Backend::content_elements"),
            Map.entry(CMS_PAGE_SAVE, CMS_PAGE),
            Map.entry(CMS_PAGE_DELETE, CMS_PAGE),
            Map.entry(CMS_BLOCK, "Magento_Backend::content_elements"),
            Map.entry("Magento_Cart::cart", ALL),
            Map.entry(CART, "Magento_Cart::cart"),
            Map.entry("Magento_InventoryApi::inventory", ALL),
            Map.entry(SOURCE_ITEM, "Magento_InventoryApi::inventory"),
            Map.entry("Magento_Backend::system", ALL),
            Map.entry(BULK_LOG, "Magento_Backend::system"),
            Map.entry("Magento_User::acl", "Magento_Backend::system"),
            Map.entry(USERS, "Magento_User::acl"),
            Map.entry("Magento_Integration::extensions", "Magento_Backend::system"),
            Map.entry(INTEGRATIONS, "Magento_Integration::extensions"));

    private AclResources() {
    }

    /** Whether holding {@code held} grants {@code required}: the same resource, or one of its ancestors. */
    public static boolean grants(String held, String required) {
        for (String r = required; r != null; r = PARENT.get(r)) {
            if (r.equals(held)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the resource is part of the tree (and so may be granted to a user or an integration). */
    public static boolean known(String resource) {
        return ALL.equals(resource) || PARENT.containsKey(resource) || PARENT.containsValue(resource);
    }

    /** The resource's parent in the ACL tree, or null at the root or for a resource not in the tree. */
    public static String parent(String resource) {
        return PARENT.get(resource);
    }
}
