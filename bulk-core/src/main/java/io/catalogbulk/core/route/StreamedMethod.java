package io.catalogbulk.core.route;

import jakarta.ws.rs.core.Response;

/**
 * The handler of a route that reads its request body and writes its answer as streams, because either may be larger
 * than memory (uploading an import file, downloading its failed rows). Throws
 * {@link io.catalogbulk.core.webapi.WebapiException} for client errors, like a {@link ServiceMethod}.
 */
@FunctionalInterface
public interface StreamedMethod<S> {

    Response handle(S service, StreamedRequest request) throws Exception;
}
