package io.catalogbulk.catalog.customer;

import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.text;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.testing.Answer;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Customer accounts: creation with addresses and a hashed password, Magento's input rules and errors. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CustomerServiceTests {

    static String customer(String email) {
        return "{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"Bryce\",\"lastname\":\"Martin\"},"
                + "\"password\":\"Strong-Password\"}";
    }

    @Test
    void createAndReadACustomerWithAnAddress() throws Exception {
        String email = unique("jane") + "@example.com";
        int id = post("/V1/customers", "{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"Jane\",\"lastname\":\"Doe\","
                + "\"addresses\":[{\"firstname\":\"Jane\",\"lastname\":\"Doe\",\"street\":[\"1 Main St\"],\"city\":\"Austin\","
                + "\"country_id\":\"US\",\"postcode\":\"78701\",\"telephone\":\"5125551234\","
                + "\"region\":{\"region_code\":\"TX\",\"region\":\"Texas\",\"region_id\":57},"
                + "\"default_billing\":true,\"default_shipping\":true}]},\"password\":\"Str0ng-Pass\"}").statusCode(200)
                .body("id", notNullValue())
                .body("email", equalTo(email))
                .body("store_id", equalTo(1)).body("website_id", equalTo(1)).body("group_id", equalTo(1))
                .body("created_in", equalTo("Default Store View"))
                .body("addresses[0].city", equalTo("Austin"))
                .body("addresses[0].default_billing", equalTo(true))
                .body("extension_attributes.is_subscribed", equalTo(false))
                .path("id");
        get("/V1/customers/" + id).statusCode(200).body("email", equalTo(email))
                .body("default_billing", notNullValue());
        // The password is stored only as a bcrypt hash.
        assertTrue(text("select password_hash from customer where id = ?", id).startsWith("$2a$"));
    }

    @Test
    void theAnswerNeverCarriesThePasswordWhichIsStoredAsItsHash() throws Exception {
        String email = unique("jane") + "@example.com";
        Answer created = post("/V1/customers", "{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"Jane\",\"lastname\":\"Doe\"},"
                + "\"password\":\"Strong-Password1\"}").statusCode(200)
                .body("firstname", equalTo("Jane")).body("lastname", equalTo("Doe"));
        assertFalse(created.text().contains("password"), "the answer never carries the password or its hash");
        int id = created.path("id");
        assertTrue(id > 0);
        assertEquals(String.valueOf(id), text("SELECT id FROM customer WHERE lower(email) = lower(?)", email));
        assertTrue(PasswordHasher.matches("Strong-Password1", text("SELECT password_hash FROM customer WHERE id = ?", id)),
                "bcrypt hash of the password");
    }

    @Test
    void duplicateEmailIsMagentosError() throws Exception {
        String email = unique("dup") + "@example.com";
        post("/V1/customers", customer(email)).statusCode(200);
        post("/V1/customers", customer(email.toUpperCase())).statusCode(400)
                .body("message", equalTo("A customer with the same email address already exists in an associated website."));
        assertEquals(1, count("select count(*) from customer where lower(email) = lower(?)", email));
    }

    @Test
    void invalidInputIsRefusedBeforeAnythingIsStored() {
        post("/V1/customers", customer("not-an-email")).statusCode(400)
                .body("message", equalTo("\"Email\" is not a valid email address."));
        post("/V1/customers", "{\"customer\":{\"email\":\"x@example.com\",\"firstname\":\"X\",\"lastname\":\"Y\"},\"password\":\"short\"}")
                .statusCode(400)
                .body("errors.message", hasItem("The password needs at least %1 characters. Create a new password and try again."));
        post("/V1/customers", "{\"customer\":{\"firstname\":\"X\"}}").statusCode(400)
                .body("errors.parameters.fieldName", hasItem("email"))
                .body("errors.parameters.fieldName", hasItem("lastname"));
    }

    @Test
    void unknownCustomerIs404() {
        get("/V1/customers/999999999").statusCode(404)
                .body("message", equalTo("No such entity with %fieldName = %fieldValue"))
                .body("parameters.fieldName", equalTo("customerId"))
                .body("parameters.fieldValue", equalTo(999999999));
        get("/V1/customers/abc").statusCode(400);
    }
}
