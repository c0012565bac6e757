package io.catalogbulk.ingest.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.catalogbulk.testsupport.ServiceTestResource;

@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class AdminTokenTests {

    @Test
    void configuredAdministratorGetsAJsonStringToken() {
        String token = given().contentType(ContentType.JSON)
                .body("{\"username\": \"admin\", \"password\": \"admin123\"}")
                .post("/rest/V1/integration/admin/token")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body(startsWith("\"eyJ"))
                .extract().asString();
        // The token works on a protected route.
        given().header("Authorization", "Bearer " + token.replace("\"", ""))
                .get("/rest/V1/store/storeViews")
                .then().statusCode(200).body("code", org.hamcrest.Matchers.hasItems("admin", "default"));
    }

    @Test
    void wrongPasswordIsRefusedWithMagentosMessage() {
        given().contentType(ContentType.JSON)
                .body("{\"username\": \"admin\", \"password\": \"wrong\"}")
                .post("/rest/V1/integration/admin/token")
                .then().statusCode(401)
                .body("message", equalTo(AdminTokenService.SIGN_IN_FAILED));
    }

    @Test
    void unknownUserGetsTheSameAnswerAsAWrongPassword() {
        given().contentType(ContentType.JSON)
                .body("{\"username\": \"nobody\", \"password\": \"whatever1\"}")
                .post("/rest/V1/integration/admin/token")
                .then().statusCode(401)
                .body("message", equalTo(AdminTokenService.SIGN_IN_FAILED));
    }

    @Test
    void missingCredentialsAreNamed() {
        given().contentType(ContentType.JSON).body("{}")
                .post("/rest/V1/integration/admin/token")
                .then().statusCode(400)
                .body("message", equalTo("One or more input exceptions have occurred."))
                .body("errors.parameters.fieldName", org.hamcrest.Matchers.contains("username", "password"));
    }

    @Test
    void protectedRouteWithoutTokenIsMagento401() {
        given().get("/rest/V1/products/anything")
                .then().statusCode(401)
                .body("message", equalTo("The consumer isn't authorized to access %resources."))
                .body("parameters.resources", equalTo("Magento_Catalog::products"));
    }

    @Test
    void forgedTokenIsRefused() {
        given().header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")
                .get("/rest/V1/products/anything")
                .then().statusCode(401);
    }
}
