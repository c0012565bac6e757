package io.catalogbulk.core.security;

import java.util.Set;

import io.catalogbulk.core.operation.Caller;

/** The authenticated caller of a request, read from its token. */
public record Principal(Integer userId, int userType, String username, Set<String> resources) {

    public Principal {
        resources = Set.copyOf(resources);
    }

    public boolean allows(String resource) {
        for (String held : resources) {
            if (AclResources.grants(held, resource)) {
                return true;
            }
        }
        return false;
    }

    public Caller caller() {
        return new Caller(userId, userType);
    }
}
