package io.catalogbulk.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Product bodies as an ERP sends them: a simple product with the usual attributes, a unique SKU per run. */
final class Products {

    private Products() {
    }

    static List<String> skus(String prefix, int count) {
        List<String> skus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            skus.add(prefix + "-" + i);
        }
        return skus;
    }

    /** {@code {"product": {...}}} for one SKU: the body of the sync and async routes and one bulk item. */
    static String item(String sku) {
        int n = Math.abs(sku.hashCode() % 1000);
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Benchmark product " + sku + "\",\"attribute_set_id\":4,"
                + "\"price\":" + (10 + n) + ".99,\"status\":1,\"visibility\":4,\"type_id\":\"simple\",\"weight\":" + (n % 7 + 1)
                + ",\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"A product of the benchmark, number "
                + n + "\"}]}}";
    }

    /** A bulk body: the JSON array of items, built straight into bytes (a 100,000-item body is about 30 MB). */
    static byte[] bulk(List<String> skus) {
        StringBuilder body = new StringBuilder(skus.size() * 300);
        body.append('[');
        for (int i = 0; i < skus.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(item(skus.get(i)));
        }
        return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
