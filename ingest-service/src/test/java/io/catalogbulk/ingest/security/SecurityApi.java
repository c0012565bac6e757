package io.catalogbulk.ingest.security;

import static io.restassured.RestAssured.given;

import java.util.List;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import io.catalogbulk.ingest.support.IngestTestSupport;

/** Principals for the security tests, created through the real admin routes. */
final class SecurityApi {

    static final String NOT_AUTHORIZED = "The consumer isn't authorized to access %resources.";
    static final String PRODUCTS = "Magento_Catalog::products";
    static final String CUSTOMERS = "Magento_Customer::manage";

    private SecurityApi() {
    }

    record Integration(int id, String token) {
    }

    static Integration integration(String namePrefix, String... resources) {
        JsonPath created = IngestTestSupport.asAdmin()
                .body("{\"integration\": {\"name\": \"" + IngestTestSupport.unique(namePrefix) + "\", \"resources\": "
                        + json(List.of(resources)) + "}}")
                .post("/rest/V1/integrations").then().statusCode(200).extract().jsonPath();
        return new Integration(created.getInt("id"), created.getString("access_token"));
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static String adminToken(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
                .post("/rest/V1/integration/admin/token").then().statusCode(200).extract().as(String.class);
    }

    static int signInStatus(String route, String username, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
                .post(route).then().extract().statusCode();
    }

    /** Creates an admin user and answers its id. */
    static int user(String username, String password, String... resources) {
        return IngestTestSupport.asAdmin()
                .body("{\"user\": {\"username\": \"" + username + "\", \"password\": \"" + password + "\", \"resources\": "
                        + json(List.of(resources)) + "}}")
                .post("/rest/V1/users").then().statusCode(200).extract().path("id");
    }

    static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    static String product(String sku) {
        return "{\"product\": {\"sku\": \"" + sku + "\", \"name\": \"" + sku + "\", \"attribute_set_id\": 4, \"price\": 10,"
                + " \"type_id\": \"simple\"}}";
    }
}
