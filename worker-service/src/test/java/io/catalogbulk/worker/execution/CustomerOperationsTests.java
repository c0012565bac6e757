package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.CUSTOMER_CREATED;
import static io.catalogbulk.worker.WorkerFixtures.CUSTOMER_POST;
import static io.catalogbulk.worker.WorkerFixtures.DUPLICATE_EMAIL;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.awaitAllFinished;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.customerJson;
import static io.catalogbulk.worker.WorkerFixtures.customers;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.messages;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;

/**
 * Customer creation consumed from the queue, including Magento's duplicate e-mail rule inside one bulk. What a
 * customer save stores (password hash, defaults) is tested beside the entity (catalog's CustomerServiceTests).
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CustomerOperationsTests {

    @Test
    void aCreatedCustomerIsRecordedWithTheHandlersAnswer() throws Exception {
        String email = uniqueEmail("jane");
        UUID bulk = bulk(NewOperation.implicit(CUSTOMER_POST, customerJson(email, "Jane", "Doe")));
        publish(message(bulk, 0, CUSTOMER_POST));

        OperationState state = awaitFinished(bulk, 0);
        assertEquals(COMPLETE, state.status(), () -> "operation failed: " + state.message());
        assertEquals(CUSTOMER_CREATED, state.message());
        assertNull(state.errorCode());
        JsonNode customer = state.result();
        assertTrue(customer.get("id").asInt() > 0);
        assertEquals(email, customer.get("email").asText());
        assertFalse(state.resultData().contains("password"), "the recorded result never carries the password or its hash");
        assertEquals(1, customers(email));
    }

    @Test
    void duplicateEmailInOneBulkCreatesOneCustomerAndFailsTheOther() throws Exception {
        String email = uniqueEmail("twice");
        UUID bulk = bulk(NewOperation.implicit(CUSTOMER_POST, customerJson(email, "First", "Twin")),
                NewOperation.implicit(CUSTOMER_POST, customerJson(email.toUpperCase(), "Second", "Twin")));
        List<OperationMessage> sent = messages(bulk, 2, CUSTOMER_POST);
        publish(sent.toArray(OperationMessage[]::new));

        List<OperationState> states = awaitAllFinished(bulk, 2);
        assertEquals(1, states.stream().filter(s -> s.status() == COMPLETE).count(), () -> "statuses " + states);
        OperationState failed = states.stream().filter(s -> s.status() != COMPLETE).findFirst().orElseThrow();
        assertEquals(NOT_RETRIABLY_FAILED, failed.status());
        assertEquals(DUPLICATE_EMAIL, failed.message());
        assertEquals(400, failed.errorCode());
        assertNull(failed.resultData());
        assertEquals(1, customers(email));
    }

    @Test
    void emailTakenByAnEarlierBulkFails() throws Exception {
        String email = uniqueEmail("taken");
        UUID first = bulk(NewOperation.implicit(CUSTOMER_POST, customerJson(email, "Early", "Bird")));
        publish(message(first, 0, CUSTOMER_POST));
        assertEquals(COMPLETE, awaitFinished(first, 0).status());

        UUID second = bulk(NewOperation.implicit(CUSTOMER_POST, customerJson(email, "Late", "Comer")));
        publish(message(second, 0, CUSTOMER_POST));
        OperationState state = awaitFinished(second, 0);
        assertEquals(NOT_RETRIABLY_FAILED, state.status());
        assertEquals(DUPLICATE_EMAIL, state.message());
        assertEquals(400, state.errorCode());
        assertEquals(1, customers(email));
    }

    @Test
    void unknownStoreFailsAsStoreNotFound() throws Exception {
        String email = uniqueEmail("nowhere");
        UUID bulk = bulk(NewOperation.implicit(CUSTOMER_POST, "{\"customer\":{\"email\":\"" + email
                + "\",\"firstname\":\"No\",\"lastname\":\"Where\",\"store_id\":987654},\"password\":\"Strong-Password1\"}"));
        publish(message(bulk, 0, CUSTOMER_POST));
        OperationState state = awaitFinished(bulk, 0);
        assertEquals(NOT_RETRIABLY_FAILED, state.status());
        assertEquals(404, state.errorCode());
        assertEquals("The store that was requested wasn't found. Verify the store and try again.", state.message());
        assertEquals(0, customers(email));
    }
}
