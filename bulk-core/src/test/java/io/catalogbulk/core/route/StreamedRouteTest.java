package io.catalogbulk.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.security.AclResources;

/** A streamed route (file upload, download): synchronous only, handled by its streamed method, never by validated input. */
class StreamedRouteTest {

    static final class Files {
        Response upload(StreamedRequest request) {
            return Response.status(201).entity(request.header().apply("Content-Type")).build();
        }
    }

    static RouteDeclaration upload() {
        return RouteDeclaration.route(HttpMethod.POST, "/V1/import/sources")
                .service("Magento\\AsynchronousImportSourceDataApi\\Api\\SourceRepositoryInterface", "save")
                .acl(AclResources.SYSTEM)
                .streamedBy(Files.class, Files::upload);
    }

    @Test
    void aStreamedRouteIsSyncOnlyAndHasNoInputHandler() {
        RouteDeclaration route = upload();
        assertFalse(route.asyncAllowed());
        assertTrue(route.streamed().isPresent());
        assertNull(route.handler());
        assertSame(Files.class, route.streamed().get().beanType());
        // A table of them derives no topic or bulk path, so streamed routes never clash with queued ones.
        RouteTable table = RouteTable.of(java.util.List.of(route));
        assertEquals(route, table.resolve(RequestFamily.SYNC, HttpMethod.POST, java.util.List.of("V1", "import", "sources")).route());
        assertThrows(io.catalogbulk.core.webapi.WebapiException.class,
                () -> table.resolve(RequestFamily.ASYNC, HttpMethod.POST, java.util.List.of("V1", "import", "sources")));
    }

    @Test
    void theStreamedMethodGetsTheRawRequest() throws Exception {
        RouteDeclaration route = upload();
        @SuppressWarnings("unchecked")
        StreamedRef<Files> ref = (StreamedRef<Files>) route.streamed().get();
        StreamedRequest request = new StreamedRequest(null, StoreScope.all(), Map.of(), Map.of(),
                name -> name.equalsIgnoreCase("content-type") ? "text/csv" : null, InputStream.nullInputStream());
        Response response = ref.method().handle(new Files(), request);
        assertEquals(201, response.getStatus());
        assertEquals("text/csv", response.getEntity());
        assertThrows(IllegalArgumentException.class, () -> new RouteHandlers().invoke(route, null, null));
    }

    @Test
    void aStreamedRouteNeedsAServiceAndAnAclResource() {
        assertThrows(IllegalStateException.class, () -> RouteDeclaration.route(HttpMethod.POST, "/V1/x")
                .acl(AclResources.SYSTEM).streamedBy(Files.class, Files::upload));
    }
}
