package io.catalogbulk.core.webapi;

import java.util.UUID;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves a service as a Magento-shaped JSON body. Unexpected exceptions become 500 with a
 * report id that is also logged, as Magento does, so the client can quote it and nothing internal leaks.
 */
public class WebapiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(WebapiExceptionMapper.class);

    @ServerExceptionMapper
    public Response map(WebapiException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response map(NotFoundException e) {
        return toResponse(WebapiException.noRoute());
    }

    @ServerExceptionMapper
    public Response map(NotAllowedException e) {
        return toResponse(WebapiException.noRoute());
    }

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internalError(e);
        }
        return toResponse(new WebapiException(status, Phrase.of(status == 404 ? WebapiException.NO_ROUTE
                : WebapiException.CANNOT_PROCESS)));
    }

    @ServerExceptionMapper
    public Response map(Exception e) {
        return internalError(e);
    }

    private static Response internalError(Throwable e) {
        String reportId = "webapi-" + UUID.randomUUID();
        LOG.errorf(e, "Unhandled error, report id %s", reportId);
        return toResponse(new WebapiException(500, Phrase.positional(
                "Internal Error. Details are available in the service log. Report ID: %1", reportId)));
    }

    public static Response toResponse(WebapiException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.string(ErrorBodies.of(e)));
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }
}
