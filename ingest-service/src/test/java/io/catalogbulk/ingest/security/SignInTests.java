package io.catalogbulk.ingest.security;

import static io.catalogbulk.ingest.security.SecurityApi.as;
import static io.catalogbulk.ingest.security.SecurityApi.signInStatus;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.catalog.signin.SignInGuard;
import io.catalogbulk.testsupport.ServiceTestResource;

/** The token routes: Magento's lockout after 6 failures, one answer for every refusal, customer tokens. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class SignInTests {

    static final String ADMIN_TOKEN = "/rest/V1/integration/admin/token";
    static final String CUSTOMER_TOKEN = "/rest/V1/integration/customer/token";

    private static void expire(String table, String where, String value) throws Exception {
        try (var c = IngestTestSupport.db(); PreparedStatement s = c.prepareStatement(
                "UPDATE " + table + " SET lock_expires = now() - interval '1 second' WHERE " + where)) {
            s.setString(1, value);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void anAdminIsLockedAfterSixFailuresEvenWithTheRightPasswordUntilTheLockRunsOut() throws Exception {
        String username = unique("locked");
        SecurityApi.user(username, "R1ght-password", SecurityApi.PRODUCTS);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, signInStatus(ADMIN_TOKEN, username, "wrong-" + i));
        }
        // Five failures: not locked yet, and a success clears the count.
        assertEquals(200, signInStatus(ADMIN_TOKEN, username, "R1ght-password"));
        for (int i = 0; i < 6; i++) {
            assertEquals(401, signInStatus(ADMIN_TOKEN, username, "wrong-" + i));
        }
        given().contentType(ContentType.JSON).body("{\"username\": \"" + username + "\", \"password\": \"R1ght-password\"}")
                .post(ADMIN_TOKEN).then().statusCode(401)
                .body("message", equalTo(SignInGuard.SIGN_IN_FAILED));
        expire("admin_user", "username = ?", username);
        assertEquals(200, signInStatus(ADMIN_TOKEN, username, "R1ght-password"));
    }

    @Test
    void unknownUsersLockedUsersAndWrongPasswordsGetTheSameAnswer() {
        String unknown = given().contentType(ContentType.JSON).body("{\"username\": \"" + unique("nobody") + "\", \"password\": \"x\"}")
                .post(ADMIN_TOKEN).then().statusCode(401).extract().asString();
        String wrong = given().contentType(ContentType.JSON).body("{\"username\": \"admin\", \"password\": \"not-it\"}")
                .post(ADMIN_TOKEN).then().statusCode(401).extract().asString();
        assertEquals(unknown, wrong);
        String unknownCustomer = given().contentType(ContentType.JSON).body("{\"username\": \"" + unique("no") + "@example.com\", \"password\": \"x\"}")
                .post(CUSTOMER_TOKEN).then().statusCode(401).extract().asString();
        assertEquals(unknown, unknownCustomer);
    }

    @Test
    void aCustomerTokenGrantsOnlySelfAndTheCustomerIsLockedLikeAnAdmin() throws Exception {
        String email = unique("shopper") + "@example.com";
        int customerId = asAdmin().body("{\"customer\": {\"email\": \"" + email + "\", \"firstname\": \"Ann\", \"lastname\": \"Lee\"},"
                + " \"password\": \"Shopper-Pass1\"}").post("/rest/V1/customers").then().statusCode(200).extract().path("id");
        String token = given().contentType(ContentType.JSON)
                .body("{\"username\": \"" + email.toUpperCase() + "\", \"password\": \"Shopper-Pass1\"}")
                .post(CUSTOMER_TOKEN).then().statusCode(200).body(startsWith("\"eyJ")).extract().as(String.class);
        // A customer token is no key to the integration API, synchronous or asynchronous.
        as(token).get("/rest/V1/products/anything").then().statusCode(401)
                .body("parameters.resources", equalTo("Magento_Catalog::products"));
        as(token).body("{\"customer\": {\"email\": \"x@example.com\", \"firstname\": \"X\", \"lastname\": \"Y\"}}")
                .post("/rest/async/V1/customers").then().statusCode(401);

        // Revoked by an administrator: the token stops at once.
        asAdmin().post("/rest/V1/customers/" + customerId + "/revoke-tokens").then().statusCode(200);
        as(token).get("/rest/V1/products/anything").then().statusCode(401);

        for (int i = 0; i < 6; i++) {
            assertEquals(401, signInStatus(CUSTOMER_TOKEN, email, "Wrong-Pass" + i));
        }
        assertEquals(401, signInStatus(CUSTOMER_TOKEN, email, "Shopper-Pass1"));
        expire("customer", "lower(email) = lower(?)", email);
        assertEquals(200, signInStatus(CUSTOMER_TOKEN, email, "Shopper-Pass1"));
    }
}
