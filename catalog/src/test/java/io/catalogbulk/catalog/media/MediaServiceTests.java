package io.catalogbulk.catalog.media;

import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.db;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ProductSamples.JPEG;
import static io.catalogbulk.catalog.testing.ProductSamples.PNG;
import static io.catalogbulk.catalog.testing.ProductSamples.createProduct;
import static io.catalogbulk.catalog.testing.ProductSamples.mediaEntry;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/** The media gallery: add, list, change, remove, and images refused before anything is stored. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class MediaServiceTests {

    @Test
    void addListUpdateRemove() throws Exception {
        String sku = unique("Media");
        createProduct(sku, "simple", "");
        int first = post("/V1/products/" + sku + "/media", mediaEntry(PNG, "image/png", "tee.png"))
                .statusCode(200).json().asInt();
        int second = post("/V1/products/" + sku + "/media", mediaEntry(JPEG, "image/jpeg", "tee.jpg"))
                .statusCode(200).json().asInt();
        // The same file name again gets a suffix, as Magento's media directory would.
        post("/V1/products/" + sku + "/media", mediaEntry(PNG, "image/png", "tee.png")).statusCode(200);

        get("/V1/products/" + sku + "/media").statusCode(200)
                .body("", hasSize(3))
                .body("file", contains("/t/e/tee.png", "/t/e/tee.jpg", "/t/e/tee_1.png"))
                .body("[0].id", equalTo(first))
                .body("[0].label", equalTo("Front"))
                .body("[0].media_type", equalTo("image"))
                // The roles moved to the last entry that claimed them.
                .body("[0].types", empty())
                .body("[2].types", contains("image", "small_image", "thumbnail"));

        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT content, mime_type FROM catalog_product_media WHERE id = ?")) {
            s.setLong(1, first);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertArrayEquals(Base64.getDecoder().decode(PNG), rs.getBytes(1));
            }
        }

        put("/V1/products/" + sku + "/media/" + second, "{\"entry\":{\"label\":\"Back\",\"position\":5,\"disabled\":true,\"types\":[\"thumbnail\"]}}")
                .statusCode(200).body(equalTo("true"));
        get("/V1/products/" + sku + "/media").statusCode(200)
                .body("find { it.id == " + second + " }.label", equalTo("Back"))
                .body("find { it.id == " + second + " }.disabled", equalTo(true))
                .body("find { it.id == " + second + " }.types", contains("thumbnail"))
                .body("[2].id", equalTo(second));
        assertEquals(1, count("SELECT count(*) FROM catalog_product_media WHERE id = ? AND label = 'Back' AND disabled", second));

        delete("/V1/products/" + sku + "/media/" + first).statusCode(200).body(equalTo("true"));
        assertEquals(0, count("SELECT count(*) FROM catalog_product_media WHERE id = ?", first));
        delete("/V1/products/" + sku + "/media/" + first).statusCode(404)
                .body("message", equalTo("No image with the provided ID was found. Verify the ID and try again."));
        get("/V1/products/" + sku + "/media").body("", hasSize(2));
    }

    @Test
    void oneEntryIsReadByItsId() {
        String sku = unique("MediaOne");
        createProduct(sku, "simple", "");
        int first = post("/V1/products/" + sku + "/media", mediaEntry(PNG, "image/png", "one.png")).statusCode(200).json().asInt();
        int second = post("/V1/products/" + sku + "/media", mediaEntry(JPEG, "image/jpeg", "two.jpg")).statusCode(200).json().asInt();
        get("/V1/products/" + sku + "/media/" + second).statusCode(200)
                .body("id", equalTo(second))
                .body("file", equalTo("/t/w/two.jpg"))
                .body("label", equalTo("Front"))
                .body("media_type", equalTo("image"));
        get("/V1/products/" + sku + "/media/" + first).statusCode(200).body("file", equalTo("/o/n/one.png"));
        // Another product's entry, or none at all: Magento's GalleryManagement::get answer.
        String other = unique("MediaOther");
        createProduct(other, "simple", "");
        get("/V1/products/" + other + "/media/" + first).statusCode(404)
                .body("message", equalTo("The image doesn't exist. Verify and try again."));
        get("/V1/products/" + unique("NoSuchSku") + "/media/" + first).statusCode(404);
    }

    @Test
    void badImagesAreA400() {
        String sku = unique("BadMedia");
        createProduct(sku, "simple", "");
        post("/V1/products/" + sku + "/media", mediaEntry("%%%not base64%%%", "image/png", "a.png"))
                .statusCode(400).body("message", equalTo("The image content must be valid base64 encoded data."));
        post("/V1/products/" + sku + "/media", mediaEntry(PNG, "application/pdf", "a.pdf"))
                .statusCode(400).body("message", equalTo("The image MIME type is not valid or not supported."));
        post("/V1/products/" + sku + "/media", mediaEntry(Base64.getEncoder().encodeToString("%PDF-1.4".getBytes()), "image/gif", "a.gif"))
                .statusCode(400).body("parameters[0]", equalTo("image/gif"));
        // Nothing of the refused images was stored.
        get("/V1/products/" + sku + "/media").statusCode(200).body("", hasSize(0));
        post("/V1/products/" + unique("nope") + "/media", mediaEntry(PNG, "image/png", "a.png")).statusCode(404);
        put("/V1/products/" + sku + "/media/999999999", "{\"entry\":{\"label\":\"x\"}}").statusCode(404);
    }
}
