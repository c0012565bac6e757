package io.catalogbulk.ingest.customer;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.ServiceTestResource;

@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CustomerRoutesTests {

    static String customer(String email) {
        return "{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"Bryce\",\"lastname\":\"Martin\"},"
                + "\"password\":\"Strong-Password\"}";
    }

    @Test
    void createAndReadACustomerWithAnAddress() throws Exception {
        String email = unique("jane") + "@example.com";
        int id = asAdmin().body("{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"Jane\",\"lastname\":\"Doe\","
                + "\"addresses\":[{\"firstname\":\"Jane\",\"lastname\":\"Doe\",\"street\":[\"1 Main St\"],\"city\":\"Austin\","
                + "\"country_id\":\"US\",\"postcode\":\"78701\",\"telephone\":\"5125551234\","
                + "\"region\":{\"region_code\":\"TX\",\"region\":\"Texas\",\"region_id\":57},"
                + "\"default_billing\":true,\"default_shipping\":true}]},\"password\":\"Str0ng-Pass\"}")
                .post("/rest/V1/customers").then().statusCode(200)
                .body("id", notNullValue())
                .body("email", equalTo(email))
                .body("store_id", equalTo(1)).body("website_id", equalTo(1)).body("group_id", equalTo(1))
                .body("created_in", equalTo("Default Store View"))
                .body("addresses[0].city", equalTo("Austin"))
                .body("addresses[0].default_billing", equalTo(true))
                .body("extension_attributes.is_subscribed", equalTo(false))
                .extract().path("id");
        asAdmin().get("/rest/V1/customers/" + id).then().statusCode(200).body("email", equalTo(email))
                .body("default_billing", notNullValue());
        // The password is stored only as a bcrypt hash.
        try (var c = IngestTestSupport.db(); PreparedStatement s = c.prepareStatement("select password_hash from customer where id = ?")) {
            s.setInt(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertTrue(rs.getString(1).startsWith("$2a$"));
            }
        }
    }

    @Test
    void duplicateEmailIsMagentosError() throws Exception {
        String email = unique("dup") + "@example.com";
        asAdmin().body(customer(email)).post("/rest/V1/customers").then().statusCode(200);
        asAdmin().body(customer(email.toUpperCase())).post("/rest/V1/customers").then().statusCode(400)
                .body("message", equalTo("A customer with the same email address already exists in an associated website."));
        assertEquals(1, count("select count(*) from customer where lower(email) = lower(?)", email));
    }

    @Test
    void invalidInputIsRefusedBeforeAnythingIsStored() {
        asAdmin().body(customer("not-an-email")).post("/rest/V1/customers").then().statusCode(400)
                .body("message", equalTo("\"Email\" is not a valid email address."));
        asAdmin().body("{\"customer\":{\"email\":\"x@example.com\",\"firstname\":\"X\",\"lastname\":\"Y\"},\"password\":\"short\"}")
                .post("/rest/V1/customers").then().statusCode(400)
                .body("errors.message", hasItem("The password needs at least %1 characters. Create a new password and try again."));
        asAdmin().body("{\"customer\":{\"firstname\":\"X\"}}").post("/rest/V1/customers").then().statusCode(400)
                .body("errors.parameters.fieldName", hasItem("email"))
                .body("errors.parameters.fieldName", hasItem("lastname"));
    }

    @Test
    void unknownCustomerIs404() {
        asAdmin().get("/rest/V1/customers/999999999").then().statusCode(404)
                .body("message", equalTo("No such entity with %fieldName = %fieldValue"))
                .body("parameters.fieldName", equalTo("customerId"))
                .body("parameters.fieldValue", equalTo(999999999));
        asAdmin().get("/rest/V1/customers/abc").then().statusCode(400);
    }
}
