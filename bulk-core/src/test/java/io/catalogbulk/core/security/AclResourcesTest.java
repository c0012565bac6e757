package io.catalogbulk.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Magento's ACL tree as resources declare it: a parent grants its children, never the other way round. */
class AclResourcesTest {

    /** A resource an entity package would declare below a section. */
    static final AclResource THINGS = AclResources.CATALOG_INVENTORY.child("Magento_Test::things");
    static final AclResource OTHER_THINGS = AclResources.CATALOG_INVENTORY.child("Magento_Test::other_things");

    @Test
    void aResourceIsGrantedByItselfAndEveryAncestor() {
        assertTrue(THINGS.grantedBy("Magento_Test::things"));
        assertTrue(THINGS.grantedBy(AclResources.CATALOG_INVENTORY.name()));
        assertTrue(THINGS.grantedBy(AclResources.CATALOG.name()));
        assertTrue(THINGS.grantedBy(AclResources.ALL.name()));
        assertTrue(AclResources.BULK_LOG.grantedBy(AclResources.ALL.name()));
        assertTrue(AclResources.USERS.grantedBy("Magento_Backend::system"));
    }

    @Test
    void aChildNeverGrantsItsParentOrSiblings() {
        assertFalse(AclResources.CATALOG.grantedBy(THINGS.name()));
        assertFalse(OTHER_THINGS.grantedBy(THINGS.name()));
        assertFalse(AclResources.USERS.grantedBy(AclResources.INTEGRATIONS.name()));
        assertFalse(THINGS.grantedBy("Magento_Unknown::x"));
    }

    @Test
    void selfIsOutsideTheTreeAndOnlyGrantedByItself() {
        assertFalse(AclResources.SELF.inTree());
        assertFalse(AclResources.SELF.grantedBy(AclResources.ALL.name()));
        assertTrue(AclResources.SELF.grantedBy("self"));
        assertTrue(THINGS.inTree());
    }

    @Test
    void principalAllowsWhatOneOfItsResourcesGrants() {
        Principal integration = new Principal(7, 1, "erp", Set.of(AclResources.CATALOG_INVENTORY.name()));
        assertTrue(integration.allows(THINGS));
        assertTrue(integration.allows(OTHER_THINGS));
        assertFalse(integration.allows(AclResources.USERS));
        assertTrue(new Principal(1, 2, "admin", Set.of(AclResources.ALL.name())).allows(AclResources.BULK_LOG));
    }

    @Test
    void theTreeKnowsTheResourcesAndTheirAncestorsByName() {
        AclTree tree = AclTree.of(List.of(THINGS, AclResources.BULK_LOG, AclResources.USERS, AclResources.INTEGRATIONS, AclResources.SELF));
        assertTrue(tree.known(AclResources.ALL.name()));
        assertTrue(tree.known("Magento_Test::things"));
        assertTrue(tree.known("Magento_Catalog::catalog"));
        assertTrue(tree.known("Magento_Backend::system"));
        assertTrue(tree.known(AclResources.INTEGRATIONS.name()));
        assertFalse(tree.known(AclResources.SELF.name()));
        assertFalse(tree.known("Magento_Test::things; DROP"));
        assertFalse(tree.known(OTHER_THINGS.name()), "only what was given and above it");
        assertEquals(THINGS, tree.find("Magento_Test::things").orElseThrow());
        assertEquals(Set.of("Magento_Backend::all", "Magento_Catalog::catalog", "Magento_Catalog::catalog_inventory", "Magento_Test::things",
                "Magento_Backend::system", AclResources.BULK_LOG.name(), "Magento_User::acl", AclResources.USERS.name(),
                "Magento_Integration::extensions", AclResources.INTEGRATIONS.name()), tree.names());
    }

    @Test
    void oneNameHasOnePlaceInTheTree() {
        AclResource elsewhere = AclResources.SYSTEM.child("Magento_Test::things");
        assertThrows(IllegalStateException.class, () -> AclTree.of(List.of(THINGS, elsewhere)));
    }
}
