package io.catalogbulk.catalog.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

class StoreRoutesTest {

    private static final RouteDeclaration LIST = StoreRoutes.ROUTES.stream()
            .filter(r -> r.method() == HttpMethod.GET).findFirst().orElseThrow();
    private static final RouteDeclaration CREATE = StoreRoutes.ROUTES.stream()
            .filter(r -> r.method() == HttpMethod.POST).findFirst().orElseThrow();

    private static RouteInput.Item create(String store) {
        return RouteInput.fromRequest(CREATE, Json.parse("{\"store\":" + store + "}"), Map.of());
    }

    @Test
    void listIsSyncOnlyAndCreateIsAsync() {
        assertEquals("/V1/store/storeViews", LIST.path().template());
        assertEquals("/V1/store/storeViews", CREATE.path().template());
        assertFalse(LIST.asyncAllowed());
        assertTrue(CREATE.asyncAllowed());
        assertEquals("async.catalogbulk.store.api.storeviewmanagementinterface.create.post", CREATE.topic());
        assertEquals("Magento_Backend::store", LIST.aclResource().name());
        assertEquals("Magento_Backend::store", CREATE.aclResource().name());
    }

    @Test
    void aValidStoreView() {
        RouteInput.Item item = create("{\"name\":\"French\",\"code\":\"fr\",\"is_active\":\"1\",\"websiteId\":1}");
        assertTrue(item.valid(), () -> item.errors().toString());
        assertEquals(Json.parse("{\"code\":\"fr\",\"name\":\"French\",\"website_id\":1,\"is_active\":1}"), reparsed(item.params().get("store")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "ALL", "admin", "async", "V1", "rest", "schema"})
    void reservedCodesAreRefused(String code) {
        RouteInput.Item item = create("{\"code\":\"" + code + "\",\"name\":\"X\"}");
        assertEquals(List.of(Phrase.of("The store code \"%code\" is reserved. Choose another code.", Map.of("code", code))),
                item.errors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1fr", "fr-ca", "fr ca", "_fr", "", "abcdefghijklmnopqrstuvwxyz0123456"})
    void malformedCodesAreRefused(String code) {
        RouteInput.Item item = create("{\"code\":\"" + code + "\",\"name\":\"X\"}");
        assertEquals(List.of("The store code may contain only letters (a-z), numbers (0-9) or underscore (_), "
                + "and the first character must be a letter."), item.errors().stream().map(Phrase::render).toList());
    }

    @Test
    void codeAndNameAreRequired() {
        assertEquals(List.of(
                Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "code")),
                Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "name"))), create("{}").errors());
    }

    @Test
    void isActiveIsZeroOrOne() {
        assertEquals(List.of("Invalid value of \"2\" provided for the is_active field."),
                create("{\"code\":\"fr\",\"name\":\"F\",\"is_active\":2}").errors().stream().map(Phrase::render).toList());
    }

    @Test
    void lockKeyIsTheCodeLowerCased() {
        assertEquals("store:fr_ca", CREATE.lockKey().orElseThrow().of((ObjectNode) Json.parse("{\"store\":{\"code\":\"FR_ca\"}}")));
    }

    /** Parsed back from its serialization, so numbers compare by value whatever node type held them. */
    private static JsonNode reparsed(JsonNode node) {
        return Json.parse(Json.string(node));
    }
}
