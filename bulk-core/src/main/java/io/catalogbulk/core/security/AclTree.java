package io.catalogbulk.core.security;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resources of Magento's ACL tree a service knows, by name: the ones its routes require and everything above
 * them (the tree is in the resources' own parent links, this only indexes it). Used where a resource arrives as a
 * name, such as the resources an administrator grants to a new user or integration.
 */
public final class AclTree {

    private final Map<String, AclResource> byName;

    private AclTree(Map<String, AclResource> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The tree of these resources and their ancestors; resources outside the tree (self, anonymous) are left out. */
    public static AclTree of(Collection<AclResource> resources) {
        Map<String, AclResource> byName = new LinkedHashMap<>();
        for (AclResource resource : resources) {
            if (!resource.inTree()) {
                continue;
            }
            for (AclResource r = resource; r != null; r = r.parent()) {
                AclResource known = byName.putIfAbsent(r.name(), r);
                if (known != null && !known.equals(r)) {
                    throw new IllegalStateException("ACL resource " + r.name() + " is declared twice with different parents");
                }
            }
        }
        return new AclTree(byName);
    }

    /** The resource of that name, when it is in the tree. */
    public Optional<AclResource> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every resource name of the tree. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Whether the resource is part of the tree (and so may be granted to a user or an integration). */
    public boolean known(String name) {
        return byName.containsKey(name);
    }
}
