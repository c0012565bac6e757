package io.catalogbulk.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Routes a customer calls for themselves are never asynchronous; seals rewrite secrets after the checks. */
class SelfAndSealTest {

    static RouteDeclaration putMe() {
        return TestRoutes.declare(RouteDeclaration.route(HttpMethod.PUT, "/V1/customers/me")
                .service("Magento\\Customer\\Api\\CustomerRepositoryInterface", "save")
                .acl(AclResources.SELF)
                .body("firstname", ScalarType.STRING));
    }

    @Test
    void aSelfRouteIsSynchronousOnly() {
        RouteDeclaration me = putMe();
        assertFalse(me.asyncAllowed());
        RouteTable table = RouteTable.of(List.of(me));
        assertEquals(me, table.resolve(RequestFamily.SYNC, HttpMethod.PUT, List.of("V1", "customers", "me")).route());
        WebapiException async = assertThrows(WebapiException.class,
                () -> table.resolve(RequestFamily.ASYNC, HttpMethod.PUT, List.of("V1", "customers", "me")));
        assertEquals(404, async.status());
        assertThrows(WebapiException.class, () -> table.resolve(RequestFamily.BULK, HttpMethod.PUT, List.of("V1", "customers", "me")));
    }

    @Test
    void aSealRunsAfterTheChecksAndOnlyOnValidItems() {
        RouteDeclaration route = TestRoutes.declare(RouteDeclaration.route(HttpMethod.POST, "/V1/customers")
                .service("Magento\\Customer\\Api\\AccountManagementInterface", "createAccount")
                .acl(AclResources.ALL.child("Magento_Customer::manage"))
                .body("password", ScalarType.STRING)
                .check(params -> params.path("password").asText().length() < 3
                        ? List.of(Phrase.of("too short")) : List.of())
                .seal(params -> params.put("password", "sealed:" + params.remove("password").asText().length())));

        RouteInput.Item valid = RouteInput.fromBulkItem(route, Json.MAPPER.valueToTree(Map.of("password", "secret")));
        assertTrue(valid.valid());
        assertEquals("sealed:6", valid.params().get("password").asText());

        ObjectNode shortOne = Json.MAPPER.valueToTree(Map.of("password", "ab"));
        RouteInput.Item invalid = RouteInput.fromBulkItem(route, shortOne);
        assertFalse(invalid.valid());
        assertEquals("ab", invalid.params().get("password").asText());
    }
}
