package io.catalogbulk.status.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.catalogbulk.core.db.TransientErrors;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.core.webapi.WebapiExceptionMapper;

/**
 * The store code of {@code /rest/<store>/V1/bulk/...} must name a store view (or be {@code all}), as on every
 * other route: an unknown code is 400 "The store that was requested wasn't found..." (api.md §2). Bulk status
 * itself does not depend on the store.
 */
public class StoreCodeCheck {

    private static final String ALL = "all";

    @Inject
    DataSource dataSource;

    @ServerRequestFilter
    public Response checkStore(UriInfo uri) {
        String store = uri.getPathParameters().getFirst("store");
        if (store == null || store.equalsIgnoreCase(ALL) || exists(store)) {
            return null;
        }
        return WebapiExceptionMapper.toResponse(WebapiException.storeNotFound());
    }

    private boolean exists(String code) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM store WHERE lower(code) = lower(?)")) {
            statement.setString(1, code);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            if (TransientErrors.isConnectionFailure(e) || TransientErrors.isTransient(e)) {
                throw WebapiException.serviceUnavailable("The database is unavailable. Retry later.", 5);
            }
            throw new IllegalStateException("Cannot look up store " + code, e);
        }
    }
}
