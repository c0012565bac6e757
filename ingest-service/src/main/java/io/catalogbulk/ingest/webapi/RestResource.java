package io.catalogbulk.ingest.webapi;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.catalogbulk.ingest.IngestConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;


/**
 * The single JAX-RS entry point under {@code /rest}: every method and path goes to {@link RequestDispatcher},
 * which routes by the declared route table (the OpenAPI document is generated from the same table).
 */
@Path("/rest")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class RestResource {

    @Inject
    RequestDispatcher dispatcher;

    @Inject
    RoutingContext routing;

    @Inject
    IngestConfig config;

    @GET
    @Path("{path: .*}")
    @Operation(hidden = true)
    // An import's failed rows are downloaded as CSV or NDJSON; every other GET answers JSON.
    @Produces({MediaType.APPLICATION_JSON, "text/csv", "application/x-ndjson"})
    public Response get(@Context HttpServerRequest request, @Context HttpHeaders headers) {
        return dispatch("GET", request, headers, InputStream.nullInputStream());
    }

    @POST
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response post(@Context HttpServerRequest request, @Context HttpHeaders headers, InputStream body) {
        return dispatch("POST", request, headers, body);
    }

    @PUT
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response put(@Context HttpServerRequest request, @Context HttpHeaders headers, InputStream body) {
        return dispatch("PUT", request, headers, body);
    }

    @DELETE
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response delete(@Context HttpServerRequest request, @Context HttpHeaders headers, InputStream body) {
        return dispatch("DELETE", request, headers, body);
    }

    @PATCH
    @Path("{path: .*}")
    @Operation(hidden = true)
    public Response patch(@Context HttpServerRequest request, @Context HttpHeaders headers, InputStream body) {
        return dispatch("PATCH", request, headers, body);
    }

    private Response dispatch(String method, HttpServerRequest request, HttpHeaders headers, InputStream body) {
        discardUnreadBodyOnceAnswered(request);
        // The raw path: segments are decoded only after splitting, so an encoded '/' stays inside a SKU.
        String path = request.path();
        String rest = path.length() > "/rest".length() ? path.substring("/rest".length()) : "";
        Map<String, String> query = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : request.params()) {
            query.putIfAbsent(entry.getKey(), entry.getValue());
        }
        return dispatcher.dispatch(method, rest, query, headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE), headers.getLength(), body, headers::getHeaderString);
    }

    /**
     * A request can be answered before its body was read to the end: an upload over the size limit (413), a 401, a
     * 503 while the database is away. Left alone, the rest of the body kept arriving into the request's input buffer
     * that nobody read any more, and a client streaming gigabytes filled the heap (bin/upload-memory with
     * --max-source-size=20M --sizes=1G: OutOfMemoryError at -Xmx256m). Once the answer is sent, what still arrives is
     * therefore counted and thrown away; a small remainder is read to its end so the connection stays usable (a client
     * that gets its 400 before it sent its body must not see the connection cut under it), and past
     * catalog-bulk.ingest.unread-body-drain the reading is stopped: the HTTP/2 stream is reset, an HTTP/1.1 connection
     * closed. The client has its answer either way.
     */
    private void discardUnreadBodyOnceAnswered(HttpServerRequest request) {
        if (request.isEnded()) {
            return; // a GET, or a body already read in full: nothing can arrive after the answer
        }
        long limit = config.unreadBodyDrain().asLongValue();
        routing.addEndHandler(sent -> {
            if (request.isEnded()) {
                return;
            }
            long[] drained = {0};
            try {
                request.handler(chunk -> {
                    drained[0] += chunk.length();
                    if (drained[0] > limit) {
                        request.handler(null);
                        stopReading(request);
                    }
                });
                request.resume();
            } catch (IllegalStateException endedMeanwhile) {
                // the body ended between the check and the handler: nothing left to discard
            }
        });
    }

    private static void stopReading(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            request.response().reset();
        } else {
            request.connection().close();
        }
    }
}
