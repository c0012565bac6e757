package io.catalogbulk.catalog.customer;

import static io.catalogbulk.catalog.testing.CatalogCalls.asynchronously;
import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.testing.Answer;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Customer addresses' own routes as Magento declares them: one address, the default ones, deleting one. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CustomerAddressTests {

    static String address(String city, boolean billing, boolean shipping) {
        return "{\"firstname\":\"Jane\",\"lastname\":\"Doe\",\"street\":[\"1 Main St\"],\"city\":\"" + city + "\","
                + "\"country_id\":\"US\",\"postcode\":\"78701\",\"telephone\":\"5125551234\","
                + "\"default_billing\":" + billing + ",\"default_shipping\":" + shipping + "}";
    }

    @Test
    void addressesAreReadByIdAndAsDefaultsAndDeleted() {
        String email = unique("addr") + "@example.com";
        Answer created = post("/V1/customers", "{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"Jane\",\"lastname\":\"Doe\","
                + "\"addresses\":[" + address("Austin", true, false) + "," + address("Dallas", false, true) + "]},"
                + "\"password\":\"Str0ng-Pass\"}").statusCode(200);
        int customer = created.path("id");
        List<Integer> ids = created.path("addresses.id");
        int austin = ids.get(0);
        int dallas = ids.get(1);

        get("/V1/customers/addresses/" + dallas).statusCode(200)
                .body("id", equalTo(dallas)).body("customer_id", equalTo(customer)).body("city", equalTo("Dallas"))
                .body("street", contains("1 Main St")).body("default_shipping", equalTo(true));
        get("/V1/customers/" + customer + "/billingAddress").statusCode(200).body("id", equalTo(austin));
        get("/V1/customers/" + customer + "/shippingAddress").statusCode(200).body("city", equalTo("Dallas"));

        // Deleting the shipping address also clears the customer's default shipping mark, as a worker runs it.
        asynchronously(HttpMethod.DELETE, "/V1/addresses/" + dallas, null).statusCode(200).body(equalTo("true"));
        get("/V1/customers/addresses/" + dallas).statusCode(404)
                .body("message", equalTo("No such entity with %fieldName = %fieldValue"))
                .body("parameters.fieldName", equalTo("addressId")).body("parameters.fieldValue", equalTo(dallas));
        get("/V1/customers/" + customer + "/shippingAddress").statusCode(200).body(equalTo("null"));
        get("/V1/customers/" + customer).statusCode(200).body("default_shipping", nullValue())
                .body("addresses.id", contains(austin));
        delete("/V1/addresses/" + dallas).statusCode(404).body("parameters.fieldName", equalTo("addressId"));
        get("/V1/customers/987654321/billingAddress").statusCode(404).body("parameters.fieldName", equalTo("customerId"));
    }
}
