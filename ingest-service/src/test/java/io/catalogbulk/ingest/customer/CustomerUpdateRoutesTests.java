package io.catalogbulk.ingest.customer;

import static io.catalogbulk.ingest.support.ContentTestSupport.accepted;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.ingest.support.ContentTestSupport.StoredOperation;
import io.catalogbulk.testsupport.ServiceTestResource;

/** PUT, DELETE and search of customers through the sync routes; the async and bulk forms accepted. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CustomerUpdateRoutesTests {

    static int create(String email, String lastname) {
        return asAdmin().body("{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"Jane\",\"lastname\":\"" + lastname + "\"},"
                + "\"password\":\"Strong-Password1\"}").post("/rest/V1/customers").then().statusCode(200).extract().path("id");
    }

    @Test
    void updateChangesOnlyWhatIsGiven() {
        String email = unique("upd") + "@example.com";
        int id = create(email, "Doe");
        asAdmin().body("{\"customer\":{\"firstname\":\"Janet\",\"gender\":2,\"addresses\":[{\"firstname\":\"Janet\",\"lastname\":\"Doe\","
                + "\"street\":[\"2 Elm St\"],\"city\":\"Austin\",\"country_id\":\"US\",\"default_billing\":true}]}}")
                .put("/rest/V1/customers/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("firstname", equalTo("Janet")).body("lastname", equalTo("Doe"))
                .body("email", equalTo(email)).body("gender", equalTo(2)).body("addresses", hasSize(1))
                .body("addresses[0].default_billing", equalTo(true));
        // The URL id wins over the body's, as Magento's UpdateCustomer plugin does.
        asAdmin().body("{\"customer\":{\"id\":1,\"lastname\":\"Roe\"}}").put("/rest/V1/customers/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("lastname", equalTo("Roe")).body("addresses", hasSize(1));
    }

    @Test
    void updateRulesAnswerMagentosMessages() {
        String taken = unique("taken") + "@example.com";
        create(taken, "One");
        int id = create(unique("other") + "@example.com", "Two");
        asAdmin().body("{\"customer\":{\"email\":\"" + taken.toUpperCase() + "\"}}").put("/rest/V1/customers/" + id).then().statusCode(400)
                .body("message", equalTo("A customer with the same email address already exists in an associated website."));
        asAdmin().body("{\"customer\":{\"store_id\":987654}}").put("/rest/V1/customers/" + id).then().statusCode(404)
                .body("message", equalTo("The store that was requested wasn't found. Verify the store and try again."));
        asAdmin().body("{\"customer\":{\"group_id\":987654}}").put("/rest/V1/customers/" + id).then().statusCode(400)
                .body("message", equalTo("The specified customer group id does not exist."));
        asAdmin().body("{\"customer\":{\"firstname\":\"X\"}}").put("/rest/V1/customers/987654").then().statusCode(404)
                .body("parameters.fieldName", equalTo("customerId")).body("parameters.fieldValue", equalTo(987654));
        asAdmin().body("{\"customer\":{\"email\":\"not-an-email\"}}").put("/rest/V1/customers/" + id).then().statusCode(400)
                .body("message", equalTo("\"Email\" is not a valid email address."));
    }

    @Test
    void deleteRemovesTheCustomer() {
        int id = create(unique("gone") + "@example.com", "Gone");
        asAdmin().delete("/rest/V1/customers/" + id).then().statusCode(200).body(equalTo("true"));
        asAdmin().get("/rest/V1/customers/" + id).then().statusCode(404);
        asAdmin().delete("/rest/V1/customers/" + id).then().statusCode(404)
                .body("message", equalTo("No such entity with %fieldName = %fieldValue"));
    }

    @Test
    void searchFiltersSortsAndPages() {
        String lastname = unique("Search");
        create(unique("b") + "@example.com", lastname);
        create(unique("a") + "@example.com", lastname);
        String filter = "searchCriteria[filter_groups][0][filters][0][field]=lastname&searchCriteria[filter_groups][0][filters][0][value]="
                + lastname + "&searchCriteria[sortOrders][0][field]=email&searchCriteria[sortOrders][0][direction]=ASC";
        asAdmin().get("/rest/V1/customers/search?" + filter).then().statusCode(200)
                .body("total_count", equalTo(2)).body("items", hasSize(2)).body("items[0].lastname", equalTo(lastname))
                .body("search_criteria.filter_groups[0].filters[0].field", equalTo("lastname"));
        asAdmin().get("/rest/V1/customers/search?" + filter + "&searchCriteria[pageSize]=1&searchCriteria[currentPage]=2").then()
                .statusCode(200).body("total_count", equalTo(2)).body("items", hasSize(1))
                .body("items[0].email", org.hamcrest.Matchers.startsWith("b-"));
        asAdmin().get("/rest/V1/customers/search").then().statusCode(400).body("parameters.fieldName", equalTo("searchCriteria"));
        asAdmin().get("/rest/V1/customers/search?searchCriteria[filter_groups][0][filters][0][field]=password_hash"
                + "&searchCriteria[filter_groups][0][filters][0][value]=x").then().statusCode(400);
    }

    @Test
    void asyncAndBulkFormsAreAccepted() throws Exception {
        List<StoredOperation> updates = accepted(asAdmin().body("[{\"customerId\":5,\"customer\":{\"firstname\":\"A\"}},"
                + "{\"customer_id\":\"6\",\"customer\":{\"lastname\":\"B\"}}]").put("/rest/async/bulk/V1/customers/byCustomerId"));
        assertEquals(2, updates.size());
        assertEquals("async.customer.customer.save.put", updates.get(0).topic());
        assertEquals("async.customer.customer.deletebyid.delete",
                accepted(asAdmin().delete("/rest/async/V1/customers/5")).get(0).topic());
        assertEquals("async.customer.customer.deletebyid.delete",
                accepted(asAdmin().body("[{\"customerId\":5},{\"customerId\":6}]").delete("/rest/async/bulk/V1/customers/byCustomerId"))
                        .get(1).topic());
        asAdmin().get("/rest/async/V1/customers/search").then().statusCode(400);
    }
}
