package io.catalogbulk.ingest.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** GET /rest[/<store>|/all]/async/schema?services=all over HTTP. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class AsyncSchemaTests {

    @Test
    void theSchemaListsTheAsyncAndBulkRoutesOfEveryStorePath() {
        for (String prefix : new String[] {"/rest", "/rest/all", "/rest/default"}) {
            given().get(prefix + "/async/schema?services=all").then().statusCode(200)
                    .body("openapi", equalTo("3.0.3"))
                    .body("servers[0].url", equalTo(prefix))
                    .body("paths", hasKey("/async/bulk/V1/cmsPage/byPageId"))
                    .body("paths", hasKey("/async/V1/carts/{quoteId}/items"))
                    .body("paths", not(hasKey("/async/V1/categories/{categoryId}/products/x")))
                    .body("paths.'/async/bulk/V1/cmsPage/byPageId'.delete.responses.'202'", notNullValue())
                    .body("paths.'/async/V1/products/{sku}'.get", nullValue())
                    .body("paths.'/async/bulk/V1/carts/byQuoteId/items'.post.requestBody.content.'application/json'.schema.items.properties.cartItem.'$ref'",
                            equalTo("#/components/schemas/QuoteDataCartItemInterface"));
        }
        given().get("/rest/async/schema").then().statusCode(200).body("paths", hasKey("/async/V1/products"));
    }

    @Test
    void badRequestsAreClear() {
        given().get("/rest/nowhere/async/schema?services=all").then().statusCode(400)
                .body("message", equalTo("The store that was requested wasn't found. Verify the store and try again."));
        given().get("/rest/all/async/schema?services=not%20a%20service").then().statusCode(400)
                .body("message", equalTo("Incorrect format of request URI or Requested services are missing."));
        given().post("/rest/all/async/schema").then().statusCode(404);
        given().get("/rest/all/async/schema?services=cmsBlockRepositoryV1").then().statusCode(200)
                .body("paths", hasKey("/async/V1/cmsBlock"))
                .body("paths", not(hasKey("/async/V1/cmsPage")));
    }
}
