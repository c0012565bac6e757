package io.catalogbulk.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated Magento product import file, written row by row to disk (a 1,000,000-row file is a few hundred MB, so
 * it is never held in memory): Magento's export header for the columns the catalog applies, categories by path,
 * {@code additional_attributes}, stock ({@code qty}, {@code is_in_stock}), and about one store-view row in ten,
 * right after its product's global row as Magento's export writes them.
 */
final class CatalogProductCsv {

    static final String HEADER = "sku,store_view_code,attribute_set_code,product_type,categories,product_websites,name,"
            + "description,short_description,weight,product_online,tax_class_name,visibility,price,url_key,meta_title,"
            + "additional_attributes,qty,is_in_stock";

    private CatalogProductCsv() {
    }

    /** What was written: rows in total, of which global (one per product) and store-view rows. */
    record Written(Path file, long rows, long products, long bytes) {
    }

    /** The product number of a row's SKU in this file: store-view rows follow every tenth product's global row. */
    static boolean hasStoreViewRow(long product) {
        return product % 10 == 0;
    }

    /**
     * The bulk API item carrying what the global row of product {@code product} carries: the same fields, custom
     * attributes, website, category links (by the ids the import gave the category paths) and stock.
     */
    static String bulkItem(String sku, long product, long[] categoryIds) {
        int n = (int) (product % 1000);
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Benchmark product " + product + "\",\"attribute_set_id\":4,"
                + "\"price\":" + (10 + n) + ".99,\"status\":1,\"visibility\":4,\"type_id\":\"simple\",\"weight\":" + (n % 7 + 1)
                + ",\"extension_attributes\":{\"website_ids\":[1],\"category_links\":[{\"position\":0,\"category_id\":\""
                + categoryIds[0] + "\"},{\"position\":0,\"category_id\":\"" + categoryIds[1] + "\"}],"
                + "\"stock_item\":{\"qty\":" + (n + 1) + ",\"is_in_stock\":true}},"
                + "\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"<p>A product of the benchmark, number " + n
                + ", with a description as long as a real one, quoted because it has, commas.</p>\"},"
                + "{\"attribute_code\":\"short_description\",\"value\":\"Short " + n + "\"},"
                + "{\"attribute_code\":\"url_key\",\"value\":\"" + sku.toLowerCase() + "\"},"
                + "{\"attribute_code\":\"meta_title\",\"value\":\"Meta " + n + "\"},"
                + "{\"attribute_code\":\"tax_class_id\",\"value\":\"2\"},"
                + "{\"attribute_code\":\"shoe_size\",\"value\":\"" + (36 + n % 10) + "\"},"
                + "{\"attribute_code\":\"fabric_note\",\"value\":\"Cotton " + n + "\"}]}}";
    }

    /** The bulk API item of a store-view row: the store view's name, sent to the store's PUT. */
    static String storeViewItem(String sku, long product) {
        return "{\"sku\":\"" + sku + "\",\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Store view name " + product + "\"}}";
    }

    /** The category group of a product (its second category path). */
    static int group(long product) {
        return (int) (product % 20);
    }

    /** Writes a file of {@code rows} rows (global rows plus every tenth product's store-view row). */
    static Written write(Path file, String skuPrefix, long rows) throws IOException {
        long products = 0;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            while (written < rows) {
                String sku = skuPrefix + "-" + products;
                int n = (int) (products % 1000);
                out.write(sku + ",,Default,simple,\"Default Category/Bench,Default Category/Bench/Group " + group(products)
                        + "\",base,Benchmark product " + products + ",\"<p>A product of the benchmark, number " + n
                        + ", with a description as long as a real one, quoted because it has, commas.</p>\",Short " + n + ","
                        + (n % 7 + 1) + ",1,Taxable Goods,\"Catalog, Search\"," + (10 + n) + ".99," + sku.toLowerCase()
                        + ",Meta " + n + ",\"shoe_size=" + (36 + n % 10) + ",fabric_note=Cotton " + n + "\"," + (n + 1) + ",1\n");
                written++;
                if (hasStoreViewRow(products) && written < rows) {
                    out.write(sku + ",default,,,,,Store view name " + products + ",,,,,,,,,,,,\n");
                    written++;
                }
                products++;
            }
        }
        return new Written(file, written, products, Files.size(file));
    }
}
