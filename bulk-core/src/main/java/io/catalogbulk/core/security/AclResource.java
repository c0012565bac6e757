package io.catalogbulk.core.security;

import java.util.Objects;

/**
 * One resource of Magento's ACL tree, declared once with its parent by the package that owns it (a section of the
 * tree here in {@link AclResources}, an entity's resource beside the entity's routes). As in Magento, holding a
 * resource grants it and every resource below it ({@code Magento_Cms::page} grants {@code Magento_Cms::save});
 * holding a child never grants its parent. A resource without parent other than {@link AclResources#ALL} is
 * outside the tree (a route's marker such as "self"): only holding exactly it grants it.
 */
public record AclResource(String name, AclResource parent) {

    public AclResource {
        Objects.requireNonNull(name, "name");
    }

    /** A resource outside any tree, or the root of one. */
    public static AclResource root(String name) {
        return new AclResource(name, null);
    }

    /** A resource directly below this one. */
    public AclResource child(String name) {
        return new AclResource(name, this);
    }

    /** Whether holding the resource named {@code held} grants this one: it is this resource or one of its ancestors. */
    public boolean grantedBy(String held) {
        for (AclResource r = this; r != null; r = r.parent) {
            if (r.name.equals(held)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this resource is in the tree of {@link AclResources#ALL} (and so may be granted to a user or integration). */
    public boolean inTree() {
        AclResource r = this;
        while (r.parent != null) {
            r = r.parent;
        }
        return r.equals(AclResources.ALL);
    }

    /** The resource name, as tokens, the error messages and the documentation show it. */
    @Override
    public String toString() {
        return name;
    }
}
