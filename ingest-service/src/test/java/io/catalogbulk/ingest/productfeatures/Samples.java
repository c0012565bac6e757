package io.catalogbulk.ingest.productfeatures;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;

import java.util.UUID;

/** Request bodies the product feature tests share. */
final class Samples {

    /** A real 1x1 PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    /** The start of a JFIF JPEG: enough for the magic-byte check. */
    static final String JPEG = "/9j/4AAQSkZJRgABAQAAAQABAAD/";

    private Samples() {
    }

    /** An attribute code nobody else uses (letters, digits and underscores, starting with a letter). */
    static String attributeCode(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static String product(String sku, String type, String extra) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + sku + " name\",\"attribute_set_id\":4,\"price\":25,"
                + "\"type_id\":\"" + type + "\"" + extra + "}}";
    }

    static void createProduct(String sku, String type, String extra) {
        asAdmin().body(product(sku, type, extra)).post("/rest/V1/products").then().statusCode(200);
    }

    static String mediaEntry(String data, String type, String name) {
        return "{\"entry\":{\"media_type\":\"image\",\"label\":\"Front\",\"position\":1,\"disabled\":false,"
                + "\"types\":[\"image\",\"small_image\",\"thumbnail\"],"
                + "\"content\":{\"base64_encoded_data\":\"" + data + "\",\"type\":\"" + type + "\",\"name\":\"" + name + "\"}}}";
    }

    static String selectAttribute(String code, String... labels) {
        StringBuilder options = new StringBuilder();
        for (String label : labels) {
            options.append(options.isEmpty() ? "" : ",").append("{\"label\":\"").append(label).append("\"}");
        }
        return "{\"attribute\":{\"attribute_code\":\"" + code + "\",\"frontend_input\":\"select\",\"default_frontend_label\":\"Size\","
                + "\"scope\":\"global\",\"is_required\":false,\"options\":[" + options + "]}}";
    }
}
