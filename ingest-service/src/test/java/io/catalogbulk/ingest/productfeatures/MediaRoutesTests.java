package io.catalogbulk.ingest.productfeatures;

import static io.catalogbulk.ingest.productfeatures.Samples.createProduct;
import static io.catalogbulk.ingest.productfeatures.Samples.mediaEntry;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.ServiceTestResource;

/** The media gallery synchronously: add, list, change, remove, and images refused before anything is stored. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class MediaRoutesTests {

    @Test
    void addListUpdateRemove() throws Exception {
        String sku = unique("Media");
        createProduct(sku, "simple", "");
        int first = asAdmin().body(mediaEntry(Samples.PNG, "image/png", "tee.png"))
                .post("/rest/V1/products/" + sku + "/media").then().statusCode(200).extract().as(Integer.class);
        int second = asAdmin().body(mediaEntry(Samples.JPEG, "image/jpeg", "tee.jpg"))
                .post("/rest/V1/products/" + sku + "/media").then().statusCode(200).extract().as(Integer.class);
        // The same file name again gets a suffix, as Magento's media directory would.
        asAdmin().body(mediaEntry(Samples.PNG, "image/png", "tee.png")).post("/rest/V1/products/" + sku + "/media").then().statusCode(200);

        asAdmin().get("/rest/V1/products/" + sku + "/media").then().statusCode(200)
                .body("", hasSize(3))
                .body("file", contains("/t/e/tee.png", "/t/e/tee.jpg", "/t/e/tee_1.png"))
                .body("[0].id", equalTo(first))
                .body("[0].label", equalTo("Front"))
                .body("[0].media_type", equalTo("image"))
                // The roles moved to the last entry that claimed them.
                .body("[0].types", empty())
                .body("[2].types", contains("image", "small_image", "thumbnail"));

        try (var c = IngestTestSupport.db(); PreparedStatement s = c.prepareStatement(
                "SELECT content, mime_type FROM catalog_product_media WHERE id = ?")) {
            s.setLong(1, first);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertArrayEquals(Base64.getDecoder().decode(Samples.PNG), rs.getBytes(1));
            }
        }

        asAdmin().body("{\"entry\":{\"label\":\"Back\",\"position\":5,\"disabled\":true,\"types\":[\"thumbnail\"]}}")
                .put("/rest/V1/products/" + sku + "/media/" + second).then().statusCode(200).body(equalTo("true"));
        asAdmin().get("/rest/V1/products/" + sku + "/media").then().statusCode(200)
                .body("find { it.id == " + second + " }.label", equalTo("Back"))
                .body("find { it.id == " + second + " }.disabled", equalTo(true))
                .body("find { it.id == " + second + " }.types", contains("thumbnail"))
                .body("[2].id", equalTo(second));

        asAdmin().delete("/rest/V1/products/" + sku + "/media/" + first).then().statusCode(200).body(equalTo("true"));
        asAdmin().delete("/rest/V1/products/" + sku + "/media/" + first).then().statusCode(404)
                .body("message", equalTo("No image with the provided ID was found. Verify the ID and try again."));
        asAdmin().get("/rest/V1/products/" + sku + "/media").then().body("", hasSize(2));
    }

    @Test
    void badImagesAreA400() {
        String sku = unique("BadMedia");
        createProduct(sku, "simple", "");
        asAdmin().body(mediaEntry("%%%not base64%%%", "image/png", "a.png")).post("/rest/V1/products/" + sku + "/media")
                .then().statusCode(400).body("message", equalTo("The image content must be valid base64 encoded data."));
        asAdmin().body(mediaEntry(Samples.PNG, "application/pdf", "a.pdf")).post("/rest/V1/products/" + sku + "/media")
                .then().statusCode(400).body("message", equalTo("The image MIME type is not valid or not supported."));
        asAdmin().body(mediaEntry(Base64.getEncoder().encodeToString("%PDF-1.4".getBytes()), "image/gif", "a.gif"))
                .post("/rest/V1/products/" + sku + "/media")
                .then().statusCode(400).body("parameters[0]", equalTo("image/gif"));
        // Bulk: the bad item refuses the whole request before anything is stored.
        asAdmin().body("[{\"sku\":\"" + sku + "\"," + mediaEntry(Samples.PNG, "image/png", "ok.png").substring(1)
                        + ",{\"sku\":\"" + sku + "\"," + mediaEntry("@@@", "image/png", "x.png").substring(1) + "]")
                .post("/rest/async/bulk/V1/products/bySku/media").then().statusCode(400);
        asAdmin().get("/rest/V1/products/" + sku + "/media").then().statusCode(200).body("", hasSize(0));
        asAdmin().body(mediaEntry(Samples.PNG, "image/png", "a.png")).post("/rest/V1/products/" + unique("nope") + "/media")
                .then().statusCode(404);
        asAdmin().body("{\"entry\":{\"label\":\"x\"}}").put("/rest/V1/products/" + sku + "/media/999999999")
                .then().statusCode(404);
    }
}
