package io.catalogbulk.status.bulk;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.catalogbulk.catalog.store.StoreDirectory;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.core.webapi.WebapiExceptionMapper;

/**
 * The store code of {@code /rest/<store>/V1/bulk/...} must name a store view (or be {@code all}), as on every
 * other route: an unknown code is 400 "The store that was requested wasn't found..." (api.md §2). Bulk status
 * itself does not depend on the store. The lookup is ingest's own, cached {@link StoreDirectory}.
 */
public class StoreCodeCheck {

    @Inject
    StoreDirectory stores;

    @ServerRequestFilter
    public Response checkStore(UriInfo uri) {
        try {
            stores.scopeFor(uri.getPathParameters().getFirst("store"));
            return null;
        } catch (WebapiException e) {
            return WebapiExceptionMapper.toResponse(e);
        }
    }
}
