package io.catalogbulk.core.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class IngressRoutesTests {

    @Test
    void bulkStatusGoesToStatusAndEveryOtherRestRouteToIngest() {
        IngressRoutes routes = IngressRoutes.load();
        assertEquals(Optional.of("status"), routes.serviceFor("/rest/V1/bulk"));
        assertEquals(Optional.of("status"), routes.serviceFor("/rest/V1/bulk/0b0e9c3c/status"));
        assertEquals(Optional.of("status"), routes.serviceFor("/rest/default/V1/bulk/0b0e9c3c/detailed-status"));
        assertEquals(Optional.of("status"), routes.serviceFor("/rest/all/V1/bulk/"));
        assertEquals(Optional.of("ingest"), routes.serviceFor("/rest/async/bulk/V1/products"));
        assertEquals(Optional.of("ingest"), routes.serviceFor("/rest/V1/products/MS-Champ-S"));
        assertEquals(Optional.of("ingest"), routes.serviceFor("/rest"));
        assertEquals(Optional.empty(), routes.serviceFor("/q/health"));
    }

    @Test
    void aPrefixMatchesWholePathElementsOnly() {
        IngressRoutes routes = IngressRoutes.load();
        assertEquals(Optional.of("ingest"), routes.serviceFor("/rest/V1/bulkfoo"), "not an element of /rest/V1/bulk");
        assertEquals(Optional.empty(), routes.serviceFor("/restful"));
        // A store code the table does not name is not status' (as behind the chart's ingress).
        assertEquals(Optional.of("ingest"), routes.serviceFor("/rest/fr/V1/bulk/0b0e9c3c/status"));
    }

    @Test
    void theLongestPrefixWinsWhateverTheOrderOfTheFile() throws Exception {
        IngressRoutes routes = IngressRoutes.parse(new StringReader("/a=one\n/a/b/c=three\n/a/b=two\n"));
        assertEquals(Optional.of("three"), routes.serviceFor("/a/b/c/d"));
        assertEquals(Optional.of("two"), routes.serviceFor("/a/b/x"));
        assertEquals(Optional.of("one"), routes.serviceFor("/a/x"));
    }

    @Test
    void aPrefixWithATrailingSlashIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> IngressRoutes.parse(new StringReader("/rest/=ingest\n")));
        assertThrows(IllegalArgumentException.class, () -> IngressRoutes.parse(new StringReader("rest=ingest\n")));
    }
}
