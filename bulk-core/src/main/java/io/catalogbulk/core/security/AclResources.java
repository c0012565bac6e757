package io.catalogbulk.core.security;

/**
 * The part of Magento's ACL tree that belongs to no entity: the root, the sections (menu nodes) the entity packages
 * hang their resources under, and the resources of the API itself (the bulk log, users and integrations). Each
 * entity's own resources are declared beside its routes in catalog ({@code ProductRoutes.PRODUCTS}, ...), each with
 * its parent here, so the tree has one declaration per node; {@link AclTree} indexes it by name.
 */
public final class AclResources {

    /** Grants every resource (Magento's root resource, held by administrators). */
    public static final AclResource ALL = AclResource.root("Magento_Backend::all");

    /** Catalog, and its Inventory section (products and categories). */
    public static final AclResource CATALOG = ALL.child("Magento_Catalog::catalog");
    public static final AclResource CATALOG_INVENTORY = CATALOG.child("Magento_Catalog::catalog_inventory");
    /** Stores, and its Settings (store views) and Attributes (product attributes) sections. */
    public static final AclResource STORES = ALL.child("Magento_Backend::stores");
    public static final AclResource STORES_SETTINGS = STORES.child("Magento_Backend::stores_settings");
    public static final AclResource STORES_ATTRIBUTES = STORES.child("Magento_Backend::stores_attributes");
    /** Content, and its Elements section (CMS pages and blocks). */
    public static final AclResource CONTENT = ALL.child("Magento_Backend::content");
    public static final AclResource CONTENT_ELEMENTS = CONTENT.child("Magento_Backend::content_elements");
    /** Carts. */
    public static final AclResource CARTS = ALL.child("Magento_Cart::cart");
    /** Inventory (source items). */
    public static final AclResource INVENTORY = ALL.child("Magento_InventoryApi::inventory");
    /** System: the bulk log, permissions and extensions. */
    public static final AclResource SYSTEM = ALL.child("Magento_Backend::system");

    /** Seeing every bulk, not only one's own (Magento: System > Action Logs > Bulk Actions). */
    /** Magento's import ACL (System > Data Transfer > Import): the file import routes and Adobe's import routes. */
    public static final AclResource IMPORT = SYSTEM.child("Magento_Backend::convert").child("Magento_ImportExport::import");

    public static final AclResource BULK_LOG = SYSTEM.child("Magento_AsynchronousOperations::system_magento_logging_bulk_operations");
    /** Creating, listing and disabling admin users (Magento: System > Permissions > All Users). */
    public static final AclResource USERS = SYSTEM.child("Magento_User::acl").child("Magento_User::acl_users");
    /** Creating, listing and deleting integrations (Magento: System > Extensions > Integrations). */
    public static final AclResource INTEGRATIONS = SYSTEM.child("Magento_Integration::extensions").child("Magento_Integration::integrations");
    /** Routes a customer calls for themselves with a customer token (never accepted asynchronously); not in the tree. */
    public static final AclResource SELF = AclResource.root("self");

    private AclResources() {
    }
}
