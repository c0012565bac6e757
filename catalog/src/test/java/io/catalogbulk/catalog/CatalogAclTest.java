package io.catalogbulk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.catalogbulk.catalog.cart.CartRoutes;
import io.catalogbulk.catalog.category.CategoryRoutes;
import io.catalogbulk.catalog.cms.CmsRoutes;
import io.catalogbulk.catalog.customer.CustomerRoutes;
import io.catalogbulk.catalog.product.ProductRoutes;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.security.AclResource;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.AclTree;
import io.catalogbulk.core.security.Principal;

/**
 * The ACL resources the catalog's routes require, each declared beside its routes, make up Magento's tree: every
 * resource in its place below the sections of bulk-core's AclResources, parents granting their children.
 */
class CatalogAclTest {

    static final AclTree TREE = AclTree.of(Stream.concat(CatalogRoutes.ALL.stream().map(RouteDeclaration::aclResource),
            Stream.of(AclResources.BULK_LOG, AclResources.USERS, AclResources.INTEGRATIONS)).toList());

    @Test
    void theTreeIsMagentosChildToParent() {
        Map<String, String> parents = new HashMap<>();
        parents.put("Magento_Catalog::catalog", "Magento_Backend::all");
        parents.put("Magento_Catalog::catalog_inventory", "Magento_Catalog::catalog");
        parents.put("Magento_Catalog::products", "Magento_Catalog::catalog_inventory");
        parents.put("Magento_Catalog::categories", "Magento_Catalog::catalog_inventory");
        parents.put("Magento_Backend::stores", "Magento_Backend::all");
        parents.put("Magento_Backend::stores_settings", "Magento_Backend::stores");
        parents.put("Magento_Backend::store", "Magento_Backend::stores_settings");
        parents.put("Magento_Backend::stores_attributes", "Magento_Backend::stores");
        parents.put("Magento_Catalog::attributes_attributes", "Magento_Backend::stores_attributes");
        parents.put("Magento_Customer::customer", "Magento_Backend::all");
        parents.put("Magento_Customer::manage", "Magento_Customer::customer");
        parents.put("Magento_Customer::delete", "Magento_Customer::manage");
        parents.put("Magento_Backend::content", "Magento_Backend::all");
        parents.put("Magento_Backend::content_elements", "Magento_Backend::content");
        parents.put("Magento_Cms::page", "Magento_Backend::content_elements");
        parents.put("Magento_Cms::save", "Magento_Cms::page");
        parents.put("Magento_Cms::page_delete", "Magento_Cms::page");
        parents.put("Magento_Cms::block", "Magento_Backend::content_elements");
        parents.put("Magento_Cart::cart", "Magento_Backend::all");
        parents.put("Magento_Cart::manage", "Magento_Cart::cart");
        parents.put("Magento_InventoryApi::inventory", "Magento_Backend::all");
        parents.put("Magento_InventoryApi::source_item", "Magento_InventoryApi::inventory");
        parents.put("Magento_InventoryApi::source", "Magento_InventoryApi::inventory");
        parents.put("Magento_Backend::convert", "Magento_Backend::system");
        parents.put("Magento_ImportExport::import", "Magento_Backend::convert");
        parents.put("Magento_Backend::system", "Magento_Backend::all");
        parents.put("Magento_AsynchronousOperations::system_magento_logging_bulk_operations", "Magento_Backend::system");
        parents.put("Magento_User::acl", "Magento_Backend::system");
        parents.put("Magento_User::acl_users", "Magento_User::acl");
        parents.put("Magento_Integration::extensions", "Magento_Backend::system");
        parents.put("Magento_Integration::integrations", "Magento_Integration::extensions");

        Map<String, String> declared = new HashMap<>();
        for (String name : TREE.names()) {
            AclResource parent = TREE.find(name).orElseThrow().parent();
            if (parent != null) {
                declared.put(name, parent.name());
            }
        }
        assertEquals(parents, declared);
    }

    @Test
    void aResourceGrantsItselfAndEverythingBelowIt() {
        assertTrue(ProductRoutes.PRODUCTS.grantedBy(ProductRoutes.PRODUCTS.name()));
        assertTrue(ProductRoutes.PRODUCTS.grantedBy(AclResources.CATALOG.name()));
        assertTrue(CmsRoutes.PAGE_DELETE.grantedBy(CmsRoutes.PAGE.name()));
        assertTrue(AclResources.BULK_LOG.grantedBy(AclResources.ALL.name()));
    }

    @Test
    void aChildNeverGrantsItsParentOrSiblings() {
        assertFalse(AclResources.CATALOG.grantedBy(ProductRoutes.PRODUCTS.name()));
        assertFalse(CategoryRoutes.CATEGORIES.grantedBy(ProductRoutes.PRODUCTS.name()));
        assertFalse(CmsRoutes.PAGE.grantedBy(CmsRoutes.BLOCK.name()));
        assertFalse(ProductRoutes.PRODUCTS.grantedBy("Magento_Unknown::x"));
    }

    @Test
    void principalAllowsWhatOneOfItsResourcesGrants() {
        Principal integration = new Principal(7, 1, "erp", Set.of(AclResources.CATALOG_INVENTORY.name()));
        assertTrue(integration.allows(ProductRoutes.PRODUCTS));
        assertTrue(integration.allows(CategoryRoutes.CATEGORIES));
        assertFalse(integration.allows(CustomerRoutes.MANAGE_CUSTOMERS));
        assertTrue(new Principal(1, 2, "admin", Set.of(AclResources.ALL.name())).allows(CartRoutes.CARTS));
    }

    @Test
    void onlyResourcesOfTheTreeAreKnown() {
        assertTrue(TREE.known(AclResources.ALL.name()));
        assertTrue(TREE.known(ProductRoutes.PRODUCTS.name()));
        assertTrue(TREE.known("Magento_Backend::system"));
        assertFalse(TREE.known(AclResources.SELF.name()));
        assertFalse(TREE.known("Magento_Catalog::products; DROP"));
    }
}
