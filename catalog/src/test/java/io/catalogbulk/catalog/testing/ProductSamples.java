package io.catalogbulk.catalog.testing;

import static io.catalogbulk.catalog.testing.CatalogCalls.post;

import java.util.UUID;

/** Request bodies and products the product feature tests share. */
public final class ProductSamples {

    /** A real 1x1 PNG. */
    public static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    /** The start of a JFIF JPEG: enough for the magic-byte check. */
    public static final String JPEG = "/9j/4AAQSkZJRgABAQAAAQABAAD/";

    private ProductSamples() {
    }

    /** An attribute code nobody else uses (letters, digits and underscores, starting with a letter). */
    public static String attributeCode(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public static String product(String sku, String type, String extra) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + sku + " name\",\"attribute_set_id\":4,\"price\":25,"
                + "\"type_id\":\"" + type + "\"" + extra + "}}";
    }

    public static void createProduct(String sku, String type, String extra) {
        post("/V1/products", product(sku, type, extra)).statusCode(200);
    }

    public static String mediaEntry(String data, String type, String name) {
        return "{\"entry\":{\"media_type\":\"image\",\"label\":\"Front\",\"position\":1,\"disabled\":false,"
                + "\"types\":[\"image\",\"small_image\",\"thumbnail\"],"
                + "\"content\":{\"base64_encoded_data\":\"" + data + "\",\"type\":\"" + type + "\",\"name\":\"" + name + "\"}}}";
    }

    public static String selectAttribute(String code, String... labels) {
        StringBuilder options = new StringBuilder();
        for (String label : labels) {
            options.append(options.isEmpty() ? "" : ",").append("{\"label\":\"").append(label).append("\"}");
        }
        return "{\"attribute\":{\"attribute_code\":\"" + code + "\",\"frontend_input\":\"select\",\"default_frontend_label\":\"Size\","
                + "\"scope\":\"global\",\"is_required\":false,\"options\":[" + options + "]}}";
    }
}
