package io.catalogbulk.catalog.media;

import static io.catalogbulk.catalog.testing.RouteSamples.inputErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The media gallery routes check images before anything is stored. */
class MediaRoutesTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};

    @Test
    void imagesAreCheckedAtIngest() {
        String good = Base64.getEncoder().encodeToString(PNG);
        String route = "POST /V1/products/:sku/media";
        assertEquals(List.of(), inputErrors(route, "{\"sku\":\"a\",\"entry\":{\"media_type\":\"image\",\"types\":[\"image\"],"
                + "\"content\":{\"base64_encoded_data\":\"" + good + "\",\"type\":\"image/png\",\"name\":\"tee.png\"}}}"));
        assertEquals(List.of("The image content must be valid base64 encoded data."),
                inputErrors(route, "{\"sku\":\"a\",\"entry\":{\"content\":{\"base64_encoded_data\":\"not*base64!\",\"type\":\"image/png\","
                        + "\"name\":\"a.png\"}}}"));
        assertEquals(List.of("The image MIME type is not valid or not supported."),
                inputErrors(route, "{\"sku\":\"a\",\"entry\":{\"content\":{\"base64_encoded_data\":\"" + good + "\",\"type\":\"image/bmp\","
                        + "\"name\":\"a.bmp\"}}}"));
        assertEquals(List.of("The image content is not a image/jpeg image: its bytes do not match its declared MIME type."),
                inputErrors(route, "{\"sku\":\"a\",\"entry\":{\"content\":{\"base64_encoded_data\":\"" + good + "\",\"type\":\"image/jpeg\","
                        + "\"name\":\"a.jpg\"}}}"));
        assertEquals(List.of("\"content\" is required. Enter and try again."),
                inputErrors(route, "{\"sku\":\"a\",\"entry\":{\"label\":\"x\"}}"));
        // An update may leave the image as it is.
        assertEquals(List.of(), inputErrors("PUT /V1/products/:sku/media/:entryId", "{\"sku\":\"a\",\"entryId\":3,\"entry\":{\"label\":\"x\"}}"));
    }
}
