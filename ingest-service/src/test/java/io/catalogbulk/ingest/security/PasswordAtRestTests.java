package io.catalogbulk.ingest.security;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.customer.PasswordHasher;
import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.RunQueue;
import io.catalogbulk.testsupport.ServiceTestResource;

/** A customer's password never reaches the database or the queue in clear text: it is hashed at ingest. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class PasswordAtRestTests {

    private static List<String> serializedData(String bulkUuid) throws Exception {
        List<String> data = new ArrayList<>();
        try (var c = IngestTestSupport.db(); PreparedStatement s = c.prepareStatement(
                "SELECT serialized_data FROM operation WHERE bulk_uuid = ?::uuid ORDER BY id")) {
            s.setString(1, bulkUuid);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    data.add(rs.getString(1));
                }
            }
        }
        return data;
    }

    private static void assertSealed(String bulkUuid, List<String> passwords) throws Exception {
        List<String> stored = serializedData(bulkUuid);
        assertEquals(passwords.size(), stored.size());
        for (int i = 0; i < stored.size(); i++) {
            String row = stored.get(i);
            assertFalse(row.contains(passwords.get(i)), "clear password in serialized_data: " + row);
            JsonNode json = new ObjectMapper().readTree(row);
            assertFalse(json.has("password"));
            assertTrue(PasswordHasher.matches(passwords.get(i), json.get("password_hash").asText()), "bcrypt hash of the password");
        }
        // The messages carry references only; none holds the password either.
        for (RunQueue.Delivered message : RunQueue.take(bulkUuid, passwords.size(), Duration.ofSeconds(10))) {
            for (String password : passwords) {
                assertFalse(message.body().contains(password), "clear password in a message");
            }
        }
    }

    @Test
    void anAsyncCustomerIsStoredWithAHashNotItsPassword() throws Exception {
        String password = "Clear-Secret-" + unique("p");
        String bulkUuid = asAdmin().body("{\"customer\": {\"email\": \"" + unique("a") + "@example.com\", \"firstname\": \"A\","
                + " \"lastname\": \"B\"}, \"password\": \"" + password + "\"}")
                .post("/rest/async/V1/customers").then().statusCode(202).extract().path("bulk_uuid");
        assertSealed(bulkUuid, List.of(password));
    }

    @Test
    void aBulkOfCustomersIsStoredWithHashes() throws Exception {
        String first = "First-Secret-" + unique("p");
        String second = "Second-Secret-" + unique("p");
        String bulkUuid = asAdmin().body("[{\"customer\": {\"email\": \"" + unique("b") + "@example.com\", \"firstname\": \"A\","
                + " \"lastname\": \"B\"}, \"password\": \"" + first + "\"},"
                + " {\"customer\": {\"email\": \"" + unique("c") + "@example.com\", \"firstname\": \"C\","
                + " \"lastname\": \"D\"}, \"password\": \"" + second + "\"}]")
                .post("/rest/async/bulk/V1/customers").then().statusCode(202).extract().path("bulk_uuid");
        assertSealed(bulkUuid, List.of(first, second));
    }

    @Test
    void aClientCannotSendAHashOfItsOwn() {
        asAdmin().body("{\"customer\": {\"email\": \"" + unique("h") + "@example.com\", \"firstname\": \"A\", \"lastname\": \"B\"},"
                + " \"password_hash\": \"$2a$04$abcdefghijklmnopqrstuu5Kq3cJ2kP6u5j8h7l4eJ3H5F3x1a2b\"}")
                .post("/rest/async/V1/customers").then().statusCode(400);
    }
}
