package io.catalogbulk.core.webapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Magento's texts and HTTP statuses (api.md §3, entities.md §8). */
class WebapiExceptionTest {

    @Test
    void routerErrors() {
        assertEquals(404, WebapiException.noRoute().status());
        assertEquals("Request does not match any route.", WebapiException.noRoute().phrase().message());
        assertEquals(400, WebapiException.cannotProcess().status());
        assertEquals("Specified request cannot be processed.", WebapiException.cannotProcess().phrase().message());
    }

    @Test
    void notAuthorizedNamesTheResource() {
        WebapiException e = WebapiException.notAuthorized("Magento_Catalog::products");
        assertEquals(401, e.status());
        assertEquals("The consumer isn't authorized to access %resources.", e.phrase().message());
        assertEquals(Map.of("resources", "Magento_Catalog::products"), e.phrase().parameters());
        assertEquals("The consumer isn't authorized to access Magento_Catalog::products.", e.getMessage());
    }

    @Test
    void noSuchEntityIs404WithOrderedParameters() {
        WebapiException e = WebapiException.noSuchEntity("customerId", 99);
        assertEquals(404, e.status());
        assertEquals(List.of("fieldName", "fieldValue"), List.copyOf(((Map<?, ?>) e.phrase().parameters()).keySet()));
        assertEquals("No such entity with customerId = 99", e.phrase().render());
    }

    @Test
    void unknownStoreIs400() {
        WebapiException e = WebapiException.storeNotFound();
        assertEquals(400, e.status());
        assertEquals("The store that was requested wasn't found. Verify the store and try again.", e.phrase().message());
    }

    @Test
    void requiredFieldAndBadRequest() {
        WebapiException e = WebapiException.requiredField("searchCriteria");
        assertEquals(400, e.status());
        assertEquals("\"searchCriteria\" is required. Enter and try again.", e.getMessage());
        assertEquals(400, WebapiException.badRequest("Decoding error.").status());
        assertEquals(404, WebapiException.notFound(Phrase.of("gone")).status());
    }

    @Test
    void serviceUnavailableCarriesRetryAfter() {
        WebapiException e = WebapiException.serviceUnavailable("The database is unavailable.", 5);
        assertEquals(503, e.status());
        assertEquals(5, e.retryAfterSeconds());
        assertNull(WebapiException.noRoute().retryAfterSeconds());
    }

    @Test
    void ofErrorsWithSeveralPhrasesAggregates() {
        WebapiException e = WebapiException.ofErrors(400, List.of(Phrase.of("a"), Phrase.of("b")));
        assertEquals(WebapiException.AGGREGATE, e.phrase().message());
        assertEquals(List.of("a", "b"), e.errors().stream().map(entry -> entry.phrase().message()).toList());
        assertTrue(e.errors().stream().allMatch(entry -> entry.index() == null));
    }

    @Test
    void phraseRendersNamedAndPositionalPlaceholders() {
        assertEquals("Invalid value of \"x\" provided for the status field.",
                Phrase.of(WebapiException.INVALID_FIELD_VALUE, Map.of("value", "x", "fieldName", "status")).render());
        assertEquals("The password needs at least 8 characters. Create a new password and try again.",
                Phrase.positional("The password needs at least %1 characters. Create a new password and try again.", 8).render());
        assertEquals("%missing stays", Phrase.of("%missing stays", Map.of("other", 1)).render());
        assertEquals("$1 \\ kept", Phrase.of("%v kept", Map.of("v", "$1 \\")).render(), "replacement text is literal");
        assertEquals("plain %1", Phrase.of("plain %1").render());
    }

    @Test
    void phraseParametersMustBeAMapOrAList() {
        assertThrows(IllegalArgumentException.class, () -> new Phrase("x", "not a map"));
    }
}
