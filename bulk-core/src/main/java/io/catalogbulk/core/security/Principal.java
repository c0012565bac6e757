package io.catalogbulk.core.security;

import java.util.Set;

import io.catalogbulk.core.operation.Caller;

/** The authenticated caller of a request, read from its token. */
public record Principal(Integer userId, int userType, String username, Set<String> resources) {

    public Principal {
        resources = Set.copyOf(resources);
    }

    /** Whether one of the resources the caller holds grants this one (it, or one of its ancestors). */
    public boolean allows(AclResource resource) {
        return resources.stream().anyMatch(resource::grantedBy);
    }

    public Caller caller() {
        return new Caller(userId, userType);
    }
}
