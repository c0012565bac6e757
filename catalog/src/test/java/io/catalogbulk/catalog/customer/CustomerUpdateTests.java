package io.catalogbulk.catalog.customer;

import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** PUT, DELETE and search of customers, with Magento's rules and messages. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CustomerUpdateTests {

    static int create(String email, String lastname) {
        return post("/V1/customers", "{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"Jane\",\"lastname\":\"" + lastname + "\"},"
                + "\"password\":\"Strong-Password1\"}").statusCode(200).path("id");
    }

    @Test
    void updateChangesOnlyWhatIsGiven() {
        String email = unique("upd") + "@example.com";
        int id = create(email, "Doe");
        put("/V1/customers/" + id, "{\"customer\":{\"firstname\":\"Janet\",\"gender\":2,\"addresses\":[{\"firstname\":\"Janet\",\"lastname\":\"Doe\","
                + "\"street\":[\"2 Elm St\"],\"city\":\"Austin\",\"country_id\":\"US\",\"default_billing\":true}]}}")
                .statusCode(200)
                .body("id", equalTo(id)).body("firstname", equalTo("Janet")).body("lastname", equalTo("Doe"))
                .body("email", equalTo(email)).body("gender", equalTo(2)).body("addresses", hasSize(1))
                .body("addresses[0].default_billing", equalTo(true));
        // The URL id wins over the body's, as Magento's UpdateCustomer plugin does.
        put("/V1/customers/" + id, "{\"customer\":{\"id\":1,\"lastname\":\"Roe\"}}").statusCode(200)
                .body("id", equalTo(id)).body("lastname", equalTo("Roe")).body("addresses", hasSize(1));
    }

    @Test
    void updateRulesAnswerMagentosMessages() {
        String taken = unique("taken") + "@example.com";
        create(taken, "One");
        int id = create(unique("other") + "@example.com", "Two");
        put("/V1/customers/" + id, "{\"customer\":{\"email\":\"" + taken.toUpperCase() + "\"}}").statusCode(400)
                .body("message", equalTo("A customer with the same email address already exists in an associated website."));
        put("/V1/customers/" + id, "{\"customer\":{\"store_id\":987654}}").statusCode(404)
                .body("message", equalTo("The store that was requested wasn't found. Verify the store and try again."));
        put("/V1/customers/" + id, "{\"customer\":{\"group_id\":987654}}").statusCode(400)
                .body("message", equalTo("The specified customer group id does not exist."));
        put("/V1/customers/987654", "{\"customer\":{\"firstname\":\"X\"}}").statusCode(404)
                .body("parameters.fieldName", equalTo("customerId")).body("parameters.fieldValue", equalTo(987654));
        put("/V1/customers/" + id, "{\"customer\":{\"email\":\"not-an-email\"}}").statusCode(400)
                .body("message", equalTo("\"Email\" is not a valid email address."));
    }

    @Test
    void deleteRemovesTheCustomer() throws Exception {
        int id = create(unique("gone") + "@example.com", "Gone");
        delete("/V1/customers/" + id).statusCode(200).body(equalTo("true"));
        get("/V1/customers/" + id).statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM customer WHERE id = ?", id));
        delete("/V1/customers/" + id).statusCode(404)
                .body("message", equalTo("No such entity with %fieldName = %fieldValue"));
    }

    @Test
    void searchFiltersSortsAndPages() {
        String lastname = unique("Search");
        create(unique("b") + "@example.com", lastname);
        create(unique("a") + "@example.com", lastname);
        String filter = "searchCriteria[filter_groups][0][filters][0][field]=lastname&searchCriteria[filter_groups][0][filters][0][value]="
                + lastname + "&searchCriteria[sortOrders][0][field]=email&searchCriteria[sortOrders][0][direction]=ASC";
        get("/V1/customers/search?" + filter).statusCode(200)
                .body("total_count", equalTo(2)).body("items", hasSize(2)).body("items[0].lastname", equalTo(lastname))
                .body("search_criteria.filter_groups[0].filters[0].field", equalTo("lastname"));
        get("/V1/customers/search?" + filter + "&searchCriteria[pageSize]=1&searchCriteria[currentPage]=2")
                .statusCode(200).body("total_count", equalTo(2)).body("items", hasSize(1))
                .body("items[0].email", startsWith("b-"));
        get("/V1/customers/search").statusCode(400).body("parameters.fieldName", equalTo("searchCriteria"));
        get("/V1/customers/search?searchCriteria[filter_groups][0][filters][0][field]=password_hash"
                + "&searchCriteria[filter_groups][0][filters][0][value]=x").statusCode(400);
    }
}
