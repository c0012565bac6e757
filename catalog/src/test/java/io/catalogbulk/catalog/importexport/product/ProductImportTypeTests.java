package io.catalogbulk.catalog.importexport.product;

import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ImportRuns.apply;
import static io.catalogbulk.catalog.testing.ImportRuns.applyBatch;
import static io.catalogbulk.catalog.testing.ImportRuns.csv;
import static io.catalogbulk.catalog.testing.ImportRuns.rows;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.catalog.importexport.ImportEntityType;
import io.catalogbulk.catalog.importexport.ImportEntityTypes;
import io.catalogbulk.catalog.testing.Answer;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Magento's catalog_product import applied to the real database: Magento's own sample files (test resources, origin in
 * {@code importexport/SOURCES.md}), store-view rows, empty cells, the empty-value constant, replace and delete.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductImportTypeTests {

    static final String TYPE = "catalog_product";

    @Inject
    ImportEntityTypes types;

    @Test
    void everyMagentoTypeIsABeanAndAcceptsItsExportHeader() {
        assertEquals(List.of("advanced_pricing", "catalog_product", "customer", "stock_sources"), types.codes());
        ImportEntityType product = types.byCode(TYPE).orElseThrow();
        assertTrue(product.columns().containsAll(product.ignoredColumns()));
        assertTrue(product.ignoredColumns().contains("custom_options"));
        assertTrue(!product.ignoredColumns().contains("additional_attributes"));
        assertEquals(Optional.of("store_view_code"), product.storeColumn());
    }

    @Test
    void magentosSampleFileAppliesItsSimpleProductsAndRefusesTheGroupedOne() throws Exception {
        List<String> outcomes = apply(TYPE, ImportBehaviour.APPEND, rows("/importexport/catalog_product_sample.csv"));
        assertEquals(List.of("ok", "ok", "Row 3: Product Type is invalid or not supported"), outcomes);
        Answer strap = get("/all/V1/products/24-WG085").statusCode(200)
                .body("name", equalTo("Sprite Yoga Strap 6 foot")).body("price", equalTo(14)).body("weight", equalTo(1.23f))
                .body("status", equalTo(1)).body("visibility", equalTo(4)).body("type_id", equalTo("simple"))
                .body("extension_attributes.website_ids", equalTo(List.of(1)));
        assertEquals("sprite-yoga-strap-6-foot", attribute(strap, "url_key"));
        assertEquals("meta1, meta2, meta3", attribute(strap, "meta_keyword"));
        assertEquals("2", attribute(strap, "tax_class_id"));
        assertEquals(null, attribute(strap, "has_options"), "Magento's bookkeeping attributes are not product data");
        // Both category paths exist now (created by the first row, found by the second) and hold both straps.
        List<Integer> categories = strap.path("extension_attributes.category_links.category_id.collect { it as int }");
        assertEquals(2, categories.size());
        assertEquals(1, count("SELECT count(*) FROM catalog_category c JOIN catalog_category_store_value v ON v.category_id = c.id"
                + " AND v.store_id = 0 WHERE c.parent_id = 2 AND v.fields->>'name' = 'Gear'"));
        get("/all/V1/products/24-WG086").statusCode(200).body("extension_attributes.category_links", hasSize(2));
        assertEquals(1, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                + " WHERE p.sku = '24-WG085' AND i.source_code = 'default' AND i.quantity = 100 AND i.status = 1"));
        get("/all/V1/products/24-WG085_Group").statusCode(404);
    }

    @Test
    void storeViewRowsApplyAfterTheGlobalRowAndSetOnlyThatStoresValues() throws Exception {
        post("/V1/store/storeViews", "{\"store\":{\"code\":\"fixturestore\",\"name\":\"Fixture Store\"}}");
        get("/V1/store/storeViews").statusCode(200).body("code", hasItem("fixturestore"));
        List<String> outcomes = apply(TYPE, ImportBehaviour.APPEND, rows("/importexport/products_to_import_with_multiple_store.csv"));
        assertEquals(List.of("ok", "ok", "ok", "ok", "ok"), outcomes);
        get("/all/V1/products/simple2").statusCode(200).body("name", equalTo("simple 2")).body("price", equalTo(34));

        String sku = unique("Imp-Store");
        apply(TYPE, ImportBehaviour.APPEND, csv("sku,store_view_code,name,price,product_type,attribute_set_code\n"
                + sku + ",fixturestore,Name in the fixture store,,,\n"
                + sku + ",,Global name,12,simple,Default\n"));
        get("/all/V1/products/" + sku).statusCode(200).body("name", equalTo("Global name"));
        get("/fixturestore/V1/products/" + sku).statusCode(200).body("name", equalTo("Name in the fixture store")).body("price", equalTo(12));
        get("/default/V1/products/" + sku).statusCode(200).body("name", equalTo("Global name"));

        assertEquals(List.of("Row 1: Invalid value in Store column (store doesn't exist?)"),
                apply(TYPE, ImportBehaviour.APPEND, csv("sku,store_view_code,name\n" + sku + ",nosuchstore,x\n")));
        assertEquals(List.of("Row 1: Default values row does not exist"),
                apply(TYPE, ImportBehaviour.APPEND, csv("sku,store_view_code,name\n" + unique("Imp-New") + ",fixturestore,x\n")));
    }

    @Test
    void emptyCellsKeepValuesAndTheEmptyValueConstantEmptiesThem() throws Exception {
        String sku = unique("Imp-Empty");
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, csv(
                "sku,product_type,attribute_set_code,name,price,description,weight,visibility,product_online,qty,is_in_stock\n"
                        + sku + ",simple,Default,First name,10,First description,2,Catalog,1,5,1\n")));
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, csv(
                "sku,name,price,description,weight,visibility,product_online,qty,is_in_stock\n"
                        + sku + ",,11,__EMPTY__VALUE__,,Not Visible Individually,0,,0\n")));
        Answer product = get("/all/V1/products/" + sku).statusCode(200)
                .body("name", equalTo("First name")).body("price", equalTo(11)).body("weight", equalTo(2))
                .body("visibility", equalTo(1)).body("status", equalTo(2));
        assertEquals("", attribute(product, "description"));
        assertEquals(1, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                + " WHERE p.sku = ? AND i.quantity = 5 AND i.status = 0", sku), "an empty qty keeps 5; is_in_stock 0 applies");
    }

    @Test
    void additionalAttributesTakeOptionLabelsAndConfigurableVariationsLinkChildren() throws Exception {
        if (get("/V1/products/attributes/test_configurable").json().has("attribute_code") == false) {
            post("/V1/products/attributes", "{\"attribute\":{\"attribute_code\":\"test_configurable\",\"frontend_input\":\"select\","
                    + "\"default_frontend_label\":\"Test Configurable\",\"scope\":\"global\",\"is_required\":false,"
                    + "\"options\":[{\"label\":\"Option 1\"},{\"label\":\"Option 2\"}]}}").statusCode(200);
        }
        List<String> outcomes = apply(TYPE, ImportBehaviour.APPEND, rows("/importexport/import_configurable.csv"));
        assertEquals(List.of("ok", "ok", "ok"), outcomes);
        get("/all/V1/products/Configurable 1").statusCode(200)
                .body("type_id", equalTo("configurable"))
                .body("extension_attributes.configurable_product_options", hasSize(1))
                .body("extension_attributes.configurable_product_links", hasSize(2));
        get("/all/V1/configurable-products/Configurable 1/children").statusCode(200)
                .body("sku", containsInAnyOrder("Configurable 1-Option 1", "Configurable 1-Option 2"));
        Answer child = get("/all/V1/products/Configurable 1-Option 1").statusCode(200);
        assertEquals("Option Label", attribute(child, "attribute_with_option"), "an unknown attribute is kept as text");
        assertTrue(attribute(child, "test_configurable").matches("\\d+"), "a select attribute stores the label's option id");

        String sku = unique("Imp-Label");
        assertEquals(List.of("Row 1: Value for 'test_configurable' attribute contains incorrect value"),
                apply(TYPE, ImportBehaviour.APPEND, csv("sku,product_type,name,price,additional_attributes\n"
                        + sku + ",simple,Bad label,5,test_configurable=Option 9\n")));
    }

    @Test
    void validationMessagesNameTheRow() throws Exception {
        String sku = unique("Imp-Bad");
        List<String> outcomes = apply(TYPE, ImportBehaviour.APPEND, csv(
                "sku,product_type,attribute_set_code,name,price,weight,visibility,product_online,qty,product_websites\n"
                        + ",simple,Default,No sku,1,,,,,\n"
                        + sku + ",bundle,Default,x,1,,,,,\n"
                        + sku + ",simple,Bags,x,1,,,,,\n"
                        + sku + ",simple,Default,x,abc,heavy,Everywhere,2,-1,\n"
                        + sku + ",simple,Default,__EMPTY__VALUE__,1,,,,,\n"
                        + sku + ",simple,Default,,1,,,,,\n"
                        + sku + ",simple,Default,x,1,,,,,nosuchwebsite\n"));
        assertEquals(List.of(
                "Row 1: SKU is empty",
                "Row 2: Product Type is invalid or not supported",
                "Row 3: Invalid value for Attribute Set column (set doesn't exist?)",
                "Row 4: Product weight is invalid; Value for 'product_online' attribute contains incorrect value;"
                        + " Value for 'visibility' attribute contains incorrect value, see acceptable values on settings specified for Admin;"
                        + " Value for 'price' attribute contains incorrect value; Value for 'qty' attribute contains incorrect value",
                "Row 5: Please make sure attribute \"name\" is not empty.",
                "Row 6: The \"Name\" attribute value is empty. Set the attribute and try again.",
                "Row 7: Invalid value in Website column (website does not exist?)"), outcomes);
    }

    @Test
    void replaceRecreatesAndDeleteRemoves() throws Exception {
        String sku = unique("Imp-Repl");
        apply(TYPE, ImportBehaviour.APPEND, csv("sku,product_type,name,price,description,categories\n"
                + sku + ",simple,Old,10,Old description,Default Category/Replaced\n"));
        long before = count("SELECT id FROM catalog_product WHERE sku = ?", sku);
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.REPLACE, csv("sku,product_type,name,price\n" + sku + ",simple,New,20\n")));
        Answer replaced = get("/all/V1/products/" + sku).statusCode(200).body("name", equalTo("New")).body("price", equalTo(20));
        assertEquals(null, attribute(replaced, "description"), "replace re-creates the product from the row alone");
        assertTrue(count("SELECT id FROM catalog_product WHERE sku = ?", sku) != before);

        assertEquals(List.of("ok", "ok"), apply(TYPE, ImportBehaviour.DELETE, csv("sku,store_view_code\n" + sku + ",\n" + sku + ",default\n")));
        get("/all/V1/products/" + sku).statusCode(404);
        assertEquals(List.of("Row 1: Product with specified SKU not found"),
                apply(TYPE, ImportBehaviour.DELETE, csv("sku\n" + sku + "\n")));
    }

    /**
     * The worker applies a batch of rows set-based (new products with their category paths, stock and attributes in
     * a few multi-row statements; an existing SKU, a SKU repeated in the batch and a store-view row one by one): the
     * catalog afterwards is exactly what applying the same rows one at a time gives.
     */
    @Test
    void aBatchOfRowsLeavesTheCatalogAsRowByRowApplicationDoes() throws Exception {
        String one = unique("Imp-One");
        String batch = unique("Imp-Batch");
        String header = "sku,store_view_code,product_type,attribute_set_code,product_websites,name,price,weight,visibility,"
                + "product_online,tax_class_name,categories,additional_attributes,qty,is_in_stock,description\n";
        String path = unique("Batched");
        java.util.function.Function<String, String> file = prefix -> header
                + prefix + "-existing,,simple,Default,base,Existing,5,1,\"Catalog, Search\",1,Taxable Goods,Default Category/" + path + ",,3,1,\n"
                + prefix + "-a,,simple,Default,base,A,10.5,2,Catalog,1,Taxable Goods,\"Default Category/" + path + ",Default Category/"
                + path + "/Sub\",\"color=Blue,size=12\",7,,Description A\n"
                + prefix + "-b,,simple,Default,base,B,11,,Search,0,None,Default Category/" + path + "/Sub,,0,,\n"
                + prefix + "-c,,virtual,Default,base,C,12,,Not Visible Individually,1,,,,,1,\n"
                + prefix + "-a,default,,,,A in default,,,,,,,,,,Store description A\n"
                + prefix + "-twice,,simple,Default,base,Twice one,1,,,1,,,,4,1,\n"
                + prefix + "-twice,,simple,Default,base,Twice two,2,,,1,,Default Category/" + path + ",,5,,\n";
        // The existing SKU exists before either run, with other values.
        for (String prefix : List.of(one, batch)) {
            assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, csv("sku,product_type,name,price,qty\n"
                    + prefix + "-existing,simple,Before,1,9\n")));
        }
        List<String> rowByRow = apply(TYPE, ImportBehaviour.APPEND, csv(file.apply(one)));
        List<String> batched = applyBatch(TYPE, ImportBehaviour.APPEND, csv(file.apply(batch)));
        assertEquals(List.of("ok", "ok", "ok", "ok", "ok", "ok", "ok"), rowByRow);
        assertEquals(rowByRow, batched);
        for (String suffix : List.of("-existing", "-a", "-b", "-c", "-twice")) {
            for (String store : List.of("all", "default")) {
                assertEquals(comparable(get("/" + store + "/V1/products/" + one + suffix).statusCode(200).json()),
                        comparable(get("/" + store + "/V1/products/" + batch + suffix).statusCode(200).json()), store + " " + suffix);
            }
        }
        assertEquals(2, count("SELECT count(*) FROM catalog_category_product c JOIN catalog_product p ON p.id = c.product_id"
                + " WHERE p.sku = ?", batch + "-a"));
        assertEquals(1, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                + " WHERE p.sku = ? AND i.quantity = 0 AND i.status = 0", batch + "-b"), "qty 0 and no is_in_stock: out of stock");
    }

    /** A product's JSON without what differs between two SKUs (ids, SKU, timestamps, url key). */
    static com.fasterxml.jackson.databind.JsonNode comparable(com.fasterxml.jackson.databind.JsonNode product) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = (com.fasterxml.jackson.databind.node.ObjectNode) product.deepCopy();
        copy.remove(List.of("id", "sku", "created_at", "updated_at"));
        if (copy.path("extension_attributes").path("stock_item").isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("extension_attributes").path("stock_item")).remove("product_id");
        }
        if (copy.path("custom_attributes").isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode kept = copy.putArray("custom_attributes");
            product.path("custom_attributes").forEach(a -> {
                if (!a.path("attribute_code").asText().equals("url_key")) {
                    kept.add(a);
                }
            });
        }
        return copy;
    }

    static String attribute(Answer product, String code) {
        Object value = product.path("custom_attributes.find { it.attribute_code == '" + code + "' }?.value");
        return value == null ? null : value.toString();
    }
}
