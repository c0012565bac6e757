package io.catalogbulk.ingest.security;

import static io.catalogbulk.ingest.security.SecurityApi.CUSTOMERS;
import static io.catalogbulk.ingest.security.SecurityApi.NOT_AUTHORIZED;
import static io.catalogbulk.ingest.security.SecurityApi.PRODUCTS;
import static io.catalogbulk.ingest.security.SecurityApi.as;
import static io.catalogbulk.ingest.security.SecurityApi.product;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Integrations and admin users with their own ACL resources; revocation takes effect on the next request. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class PrincipalsAndAclTests {

    private static void refused(ValidatableResponse response, String resource) {
        response.statusCode(401).body("message", equalTo(NOT_AUTHORIZED)).body("parameters.resources", equalTo(resource));
    }

    @Test
    void anIntegrationIsAnsweredWithItsIdAndTokenAndListedWithoutIt() {
        String name = unique("erp");
        asAdmin().body("{\"integration\": {\"name\": \"" + name + "\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200)
                .body("id", notNullValue())
                .body("name", equalTo(name))
                .body("status", equalTo(1))
                .body("resources", contains(PRODUCTS))
                .body("access_token", notNullValue());
        asAdmin().get("/rest/V1/integrations").then().statusCode(200)
                .body("name", hasItem(name))
                .body("access_token", everyItem(nullValue()));
        // The same name again is refused while the first is active.
        asAdmin().body("{\"integration\": {\"name\": \"" + name + "\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/V1/integrations").then().statusCode(400);
    }

    @Test
    void aTokenWithoutTheProductsAclIsRefusedOnSyncAsyncAndBulkProductRoutes() throws Exception {
        SecurityApi.Integration customersOnly = SecurityApi.integration("crm", CUSTOMERS);
        String sku = unique("acl");
        long bulksBefore = count("select count(*) from bulk where user_type = 1 and user_id = ?", customersOnly.id());
        refused(as(customersOnly.token()).get("/rest/V1/products/" + sku).then(), PRODUCTS);
        refused(as(customersOnly.token()).body(product(sku)).post("/rest/V1/products").then(), PRODUCTS);
        refused(as(customersOnly.token()).body(product(sku)).post("/rest/async/V1/products").then(), PRODUCTS);
        refused(as(customersOnly.token()).body("[" + product(sku) + "]").post("/rest/async/bulk/V1/products").then(), PRODUCTS);
        refused(as(customersOnly.token()).body("[" + product(sku) + "]").post("/rest/default/async/bulk/V1/products").then(), PRODUCTS);
        assertEquals(bulksBefore, count("select count(*) from bulk where user_type = 1 and user_id = ?", customersOnly.id()),
                "nothing stored for a refused request");

        // The integration that holds the resource is accepted on all three, and its bulks are its own.
        SecurityApi.Integration catalog = SecurityApi.integration("pim", PRODUCTS);
        as(catalog.token()).body(product(sku)).post("/rest/V1/products").then().statusCode(200);
        as(catalog.token()).body(product(sku)).post("/rest/async/V1/products").then().statusCode(202);
        as(catalog.token()).body("[" + product(sku) + "]").post("/rest/async/bulk/V1/products").then().statusCode(202);
        assertEquals(2, count("select count(*) from bulk where user_type = 1 and user_id = ?", catalog.id()));
        // Holding a child resource never grants its parent's other children.
        refused(as(catalog.token()).get("/rest/V1/customers/1").then(), "Magento_Customer::customer");
    }

    @Test
    void deletingAnIntegrationRevokesItsTokenAtOnce() {
        SecurityApi.Integration erp = SecurityApi.integration("erp", PRODUCTS);
        String sku = unique("revoke");
        as(erp.token()).body(product(sku)).post("/rest/async/V1/products").then().statusCode(202);

        asAdmin().delete("/rest/V1/integrations/" + erp.id()).then().statusCode(200).body(equalTo("true"));

        refused(as(erp.token()).body(product(sku)).post("/rest/async/V1/products").then(), PRODUCTS);
        refused(as(erp.token()).get("/rest/V1/products/" + sku).then(), PRODUCTS);
        asAdmin().get("/rest/V1/integrations").then().body("find { it.id == " + erp.id() + " }.status", equalTo(0));
        // Deleting it again: it no longer exists as an active integration.
        asAdmin().delete("/rest/V1/integrations/" + erp.id()).then().statusCode(404);
    }

    @Test
    void managingIntegrationsAndUsersNeedsTheirAclAndNobodyGrantsMoreThanTheyHold() {
        SecurityApi.Integration erp = SecurityApi.integration("erp", PRODUCTS);
        refused(as(erp.token()).get("/rest/V1/integrations").then(), "Magento_Integration::integrations");
        refused(as(erp.token()).body("{\"integration\": {\"name\": \"x\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/V1/integrations").then(), "Magento_Integration::integrations");
        refused(as(erp.token()).get("/rest/V1/users").then(), "Magento_User::acl_users");

        // An integration manager holding only products cannot create an integration with the root resource.
        SecurityApi.Integration manager = SecurityApi.integration("mgr", "Magento_Integration::integrations", PRODUCTS);
        as(manager.token()).body("{\"integration\": {\"name\": \"" + unique("sub") + "\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200);
        refused(as(manager.token()).body("{\"integration\": {\"name\": \"" + unique("root") + "\", \"resources\": [\"Magento_Backend::all\"]}}")
                .post("/rest/V1/integrations").then(), "Magento_Backend::all");

        asAdmin().body("{\"integration\": {\"name\": \"" + unique("bad") + "\", \"resources\": [\"Magento_Nothing::here\"]}}")
                .post("/rest/V1/integrations").then().statusCode(400)
                .body("parameters.resource", equalTo("Magento_Nothing::here"));
        asAdmin().body("{\"integration\": {\"name\": \"" + unique("none") + "\", \"resources\": []}}")
                .post("/rest/V1/integrations").then().statusCode(400);
        // Management is never queued.
        asAdmin().body("{\"integration\": {\"name\": \"q\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/async/V1/integrations").then().statusCode(404);
    }

    @Test
    void anAdminUserHasItsOwnResourcesIsListedWithoutHashAndIsDisabledWithItsTokens() {
        String username = unique("cataloger");
        int id = SecurityApi.user(username, "Catal0g-pass", PRODUCTS);
        String token = SecurityApi.adminToken(username, "Catal0g-pass");
        as(token).body(product(unique("u"))).post("/rest/async/V1/products").then().statusCode(202);
        refused(as(token).get("/rest/V1/customers/1").then(), "Magento_Customer::customer");
        refused(as(token).get("/rest/V1/users").then(), "Magento_User::acl_users");

        asAdmin().get("/rest/V1/users").then().statusCode(200)
                .body("find { it.id == " + id + " }.username", equalTo(username))
                .body("find { it.id == " + id + " }.resources", contains(PRODUCTS))
                .body("password_hash", everyItem(nullValue()))
                .body("password", everyItem(nullValue()));

        // Revoking keeps the user: the old token stops, a new sign-in works.
        asAdmin().post("/rest/V1/users/" + id + "/revoke-tokens").then().statusCode(200).body(equalTo("true"));
        refused(as(token).get("/rest/V1/products/x").then(), PRODUCTS);
        String again = SecurityApi.adminToken(username, "Catal0g-pass");
        as(again).get("/rest/V1/products/" + unique("missing")).then().statusCode(404);

        asAdmin().delete("/rest/V1/users/" + id).then().statusCode(200).body(equalTo("true"));
        refused(as(again).get("/rest/V1/products/x").then(), PRODUCTS);
        assertEquals(401, SecurityApi.signInStatus("/rest/V1/integration/admin/token", username, "Catal0g-pass"));
        asAdmin().get("/rest/V1/users").then().body("find { it.id == " + id + " }.is_active", equalTo(0));
    }

    @Test
    void userInputIsChecked() {
        asAdmin().body("{\"user\": {\"username\": \"" + unique("weak") + "\", \"password\": \"short\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/V1/users").then().statusCode(400);
        asAdmin().body("{\"user\": {\"username\": \"admin\", \"password\": \"Str0ng-enough\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/V1/users").then().statusCode(400)
                .body("message", equalTo("A user with the same user name or email already exists."));
        asAdmin().body("{\"user\": {\"username\": \"" + unique("x") + "\"}}").post("/rest/V1/users").then().statusCode(400)
                .body("errors.parameters.fieldName", hasItem("password"));
        // The administrator cannot disable itself (user 1 is the configured first administrator).
        int self = asAdmin().get("/rest/V1/users").then().extract().path("find { it.username == 'admin' }.id");
        asAdmin().delete("/rest/V1/users/" + self).then().statusCode(400);
        asAdmin().delete("/rest/V1/users/999999").then().statusCode(404);
    }

    @Test
    void theSameIntegrationNameMayBeReusedAfterDeletion() {
        String name = unique("reuse");
        int first = asAdmin().body("{\"integration\": {\"name\": \"" + name + "\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200).extract().path("id");
        asAdmin().delete("/rest/V1/integrations/" + first).then().statusCode(200);
        asAdmin().body("{\"integration\": {\"name\": \"" + name + "\", \"resources\": [\"" + PRODUCTS + "\"]}}")
                .post("/rest/V1/integrations").then().statusCode(200).body("id", not(equalTo(first)));
    }
}
