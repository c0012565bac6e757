package io.catalogbulk.catalog.importexport.customer;

import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.row;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ImportRuns.apply;
import static io.catalogbulk.catalog.testing.ImportRuns.csv;
import static io.catalogbulk.catalog.testing.ImportRuns.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.customer.PasswordHasher;
import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.catalog.importexport.ImportRow;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Magento's customer import through the customer routes: Magento's sample file, updates, sealed passwords, behaviours. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class CustomerImportTypeTests {

    static final String TYPE = "customer";
    static final String HEADER = "email,_website,_store,firstname,lastname,group_id,gender,dob,password\n";

    @Inject
    CustomerImportType type;

    @Test
    void magentosSampleFileCreatesThenUpdatesJonDoe() throws Exception {
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, rows("/importexport/customer_sample.csv")));
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, rows("/importexport/customer_sample.csv")));
        Map<String, Object> jon = row("SELECT firstname, lastname, group_id, website_id, store_id FROM customer WHERE email = 'jondoe@example.com'");
        assertEquals("Jon", jon.get("firstname"));
        assertEquals("Doe", jon.get("lastname"));
        assertEquals(1, jon.get("group_id"));
        assertEquals(1, jon.get("store_id"));
        assertEquals(1, count("SELECT count(*) FROM customer WHERE lower(email) = 'jondoe@example.com'"), "the second run updates");
    }

    @Test
    void thePasswordIsSealedBeforeTheRowIsKeptAndWorksAfterTheImport() throws Exception {
        String email = unique("imp") + "@example.com";
        ImportRow row = csv(HEADER + email + ",base,default,Ann,Lee,1,Female,1990-04-01,Secret-Pass-1\n").get(0);
        ImportRow sealed = type.seal(row);
        assertFalse(sealed.cellsJson().toString().contains("Secret-Pass-1"), "no stored form of the row holds the password");
        assertTrue(CustomerImportType.sealedMatches(sealed.cell("password"), "Secret-Pass-1"));
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, List.of(row)));
        Map<String, Object> ann = row("SELECT gender, dob::text AS dob, password_hash FROM customer WHERE email = ?", email);
        assertEquals(2, ann.get("gender"));
        assertEquals("1990-04-01", ann.get("dob"));
        assertTrue(PasswordHasher.matches("Secret-Pass-1", (String) ann.get("password_hash")));
    }

    @Test
    void emptyCellsKeepValuesReplaceAndDelete() throws Exception {
        String email = unique("imp") + "@example.com";
        apply(TYPE, ImportBehaviour.APPEND, csv(HEADER + email + ",base,default,Bea,Ray,2,,,\n"));
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, csv(HEADER + email + ",base,,,Roe,,,,\n")));
        Map<String, Object> bea = row("SELECT id, firstname, lastname, group_id FROM customer WHERE email = ?", email);
        assertEquals("Bea", bea.get("firstname"));
        assertEquals("Roe", bea.get("lastname"));
        assertEquals(2, bea.get("group_id"));

        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.REPLACE, csv(HEADER + email + ",base,default,Cy,Ray,,,,\n")));
        Map<String, Object> replaced = row("SELECT id, firstname, group_id FROM customer WHERE email = ?", email);
        assertEquals("Cy", replaced.get("firstname"));
        assertEquals(1, replaced.get("group_id"), "replace re-creates: the group is the default again");
        assertFalse(replaced.get("id").equals(bea.get("id")));

        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.DELETE, csv("email,_website\n" + email + ",base\n")));
        assertEquals(0, count("SELECT count(*) FROM customer WHERE email = ?", email));
        assertEquals(List.of("Row 1: Customer with such email and website code doesn't exist"),
                apply(TYPE, ImportBehaviour.DELETE, csv("email,_website\n" + email + ",base\n")));
    }

    @Test
    void rowMessages() throws Exception {
        String email = unique("imp") + "@example.com";
        assertEquals(List.of("Row 1: Please specify an email.",
                        "Row 2: Please enter a valid email.",
                        "Row 3: Please specify a website.",
                        "Row 4: Value for 'gender' attribute contains incorrect value; Value for 'dob' attribute contains incorrect value",
                        "Row 5: Invalid value in website column",
                        "Row 6: Invalid value in store column",
                        "Row 7: The specified customer group id does not exist."),
                apply(TYPE, ImportBehaviour.APPEND, csv(HEADER
                        + ",base,default,A,B,1,,,\n"
                        + "not-an-email,base,default,A,B,1,,,\n"
                        + email + ",,default,A,B,1,,,\n"
                        + email + ",base,default,A,B,1,Robot,01/02/1990,\n"
                        + email + ",mars,default,A,B,1,,,\n"
                        + email + ",base,nostore,A,B,1,,,\n"
                        + email + ",base,default,A,B,99,,,\n")));
    }
}
