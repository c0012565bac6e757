package io.catalogbulk.core.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class AclResourcesTest {

    @Test
    void aResourceGrantsItselfAndEverythingBelowIt() {
        assertTrue(AclResources.grants(AclResources.PRODUCTS, AclResources.PRODUCTS));
        assertTrue(AclResources.grants(AclResources.CATALOG, AclResources.PRODUCTS));
        assertTrue(AclResources.grants(AclResources.CMS_PAGE, AclResources.CMS_PAGE_DELETE));
        assertTrue(AclResources.grants(AclResources.ALL, AclResources.BULK_LOG));
    }

    @Test
    void aChildNeverGrantsItsParentOrSiblings() {
        assertFalse(AclResources.grants(AclResources.PRODUCTS, AclResources.CATALOG));
        assertFalse(AclResources.grants(AclResources.PRODUCTS, AclResources.CATEGORIES));
        assertFalse(AclResources.grants(AclResources.CMS_BLOCK, AclResources.CMS_PAGE));
        assertFalse(AclResources.grants("Magento_Unknown::x", AclResources.PRODUCTS));
    }

    @Test
    void principalAllowsWhatOneOfItsResourcesGrants() {
        Principal integration = new Principal(7, 1, "erp", Set.of(AclResources.CATALOG_INVENTORY));
        assertTrue(integration.allows(AclResources.PRODUCTS));
        assertTrue(integration.allows(AclResources.CATEGORIES));
        assertFalse(integration.allows(AclResources.CUSTOMER_MANAGE));
        assertTrue(new Principal(1, 2, "admin", Set.of(AclResources.ALL)).allows(AclResources.CART));
    }
}
