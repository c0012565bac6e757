package io.catalogbulk.ingest.webapi;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * A number its declared type cannot hold (a price of 1e400, an id of 2^31, a weight its numeric(12, 4) column cannot
 * store, a 30 February) is refused at the door with Magento's "Invalid value" message, identically on the sync,
 * async and bulk routes, and nothing is stored: no 500 from the statement that would have written it, no operation
 * that can only fail.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class NumberRangeTests {

    /** A valid product whose {@code field} (replaced or added) holds {@code value} (JSON). */
    private static String product(String sku, String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sku", "\"" + sku + "\"");
        fields.put("name", "\"n\"");
        fields.put("price", "1");
        fields.put("attribute_set_id", "4");
        fields.put("type_id", "\"simple\"");
        fields.put(field, value);
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(v));
        return json.append('}').toString();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "price | 1e400 | 1E+400",
            "price | 100000000000000 | 100000000000000",
            "price | '\"1e99999999999\"' | 1e99999999999",
            "weight | 100000000 | 100000000",
            "attribute_set_id | 2147483648 | 2147483648",
            "attribute_set_id | 99999999999999999999 | 99999999999999999999",
            "status | 1e10 | 1E+10",
    })
    void refusedAtTheDoorOnEveryRouteForm(String field, String value, String shown) throws Exception {
        String sku = unique("range");
        String body = "{\"product\":" + product(sku, field, value) + "}";
        for (String path : new String[] {"/rest/V1/products", "/rest/async/V1/products", "/rest/default/async/V1/products"}) {
            asAdmin().body(body).post(path).then().statusCode(400)
                    .body("message", equalTo(WebapiException.INVALID_FIELD_VALUE))
                    .body("parameters.fieldName", equalTo(field))
                    .body("parameters.value", equalTo(shown));
        }
        asAdmin().body("[" + body + "]").post("/rest/async/bulk/V1/products").then().statusCode(400)
                .body("message", equalTo(WebapiException.INVALID_FIELD_VALUE))
                .body("errors[0].parameters.fieldName", equalTo(field))
                .body("errors[0].index", equalTo(0));
        assertEquals(0, count("SELECT count(*) FROM operation WHERE serialized_data LIKE ?", "%" + sku + "%"));
        assertEquals(0, count("SELECT count(*) FROM catalog_product WHERE sku = ?", sku));
    }

    @Test
    void theLargestPriceAndWeightTheColumnsHoldAreStored() throws Exception {
        String sku = unique("range-max");
        asAdmin().body("{\"product\":" + product(sku, "weight", "99999999.9999").replace("\"price\":1,", "\"price\":99999999999999.999999,") + "}")
                .post("/rest/V1/products").then().statusCode(200);
        assertEquals(1, count("SELECT count(*) FROM catalog_product p JOIN catalog_product_store_value v ON v.product_id = p.id"
                + " WHERE p.sku = ? AND v.price = 99999999999999.999999 AND p.weight = 99999999.9999", sku));
    }

    @Test
    void digitsBeyondTheColumnsScaleAreRoundedAsTheColumnRoundsThem() throws Exception {
        String sku = unique("range-tiny");
        asAdmin().body("{\"product\":" + product(sku, "weight", "1e-400") + "}").post("/rest/V1/products").then().statusCode(200)
                .body("weight", equalTo(0));
    }

    @Test
    void anIdPathParameterOutsideIntIsAnInvalidValue() {
        asAdmin().get("/rest/V1/customers/4294967297").then().statusCode(400)
                .body("message", equalTo(WebapiException.INVALID_FIELD_VALUE))
                .body("parameters.fieldName", equalTo("customerId"));
        asAdmin().get("/rest/V1/categories/99999999999").then().statusCode(400)
                .body("message", equalTo(WebapiException.INVALID_FIELD_VALUE));
    }

    @Test
    void aDateThatIsNotOnTheCalendarIsAnInvalidValue() throws Exception {
        String email = unique("range") + "@example.com";
        for (String dob : new String[] {"2023-02-30", "2023-13-01", "0000-01-01"}) {
            String body = "{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"F\",\"lastname\":\"L\",\"dob\":\"" + dob + "\"}}";
            asAdmin().body(body).post("/rest/V1/customers").then().statusCode(400)
                    .body("message", equalTo(WebapiException.INVALID_FIELD_VALUE))
                    .body("parameters.fieldName", equalTo("dob"));
            asAdmin().body("[" + body + "]").post("/rest/async/bulk/V1/customers").then().statusCode(400)
                    .body("errors[0].parameters.fieldName", equalTo("dob"));
        }
        assertEquals(0, count("SELECT count(*) FROM customer WHERE email = ?", email));
    }

    @Test
    void aSiblingAfterTheLargestPositionAnIntHoldsIsPlacedWithoutOverflow() {
        String name = unique("range-cat");
        int parent = asAdmin().body("{\"category\":{\"name\":\"" + name + "\",\"parent_id\":2}}").post("/rest/V1/categories")
                .then().statusCode(200).extract().path("id");
        asAdmin().body("{\"category\":{\"name\":\"" + name + "-last\",\"parent_id\":" + parent + ",\"position\":2147483647}}")
                .post("/rest/V1/categories").then().statusCode(200).body("position", equalTo(2147483647));
        asAdmin().body("{\"category\":{\"name\":\"" + name + "-next\",\"parent_id\":" + parent + "}}")
                .post("/rest/V1/categories").then().statusCode(200).body("position", equalTo(2147483647));
    }
}
