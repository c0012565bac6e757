package io.catalogbulk.catalog.importexport.pricing;

import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ImportRuns.apply;
import static io.catalogbulk.catalog.testing.ImportRuns.csv;
import static io.catalogbulk.catalog.testing.ImportRuns.rows;
import static io.catalogbulk.catalog.testing.ProductSamples.product;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Magento's advanced_pricing import through the tier price routes: Magento's sample files, behaviours, row messages. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class AdvancedPricingImportTypeTests {

    static final String TYPE = "advanced_pricing";

    @Test
    void adobesFixtureAndMagentosSampleFile() throws Exception {
        post("/V1/products", product("Simple1", "simple", "")).statusCode(200);
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, rows("/importexport/advanced_pricing.csv")));
        post("/V1/products/tier-prices-information", "{\"skus\":[\"Simple1\"]}").statusCode(200)
                .body("find { it.customer_group == 'NOT LOGGED IN' }.price", equalTo(250))
                .body("find { it.customer_group == 'NOT LOGGED IN' }.website_id", equalTo(0));

        post("/V1/products", product("sku123", "simple", "")).statusCode(200);
        post("/V1/products", product("sku124", "simple", "")).statusCode(200);
        // website1 is not a website of this catalog (only base); the all-websites row applies.
        assertEquals(List.of("Row 1: Invalid value in Website column (website does not exist?)", "ok",
                        "Row 3: Please make sure attribute \"tier_price_website\" is not empty.; Please make sure attribute"
                                + " \"tier_price_customer_group\" is not empty.; Please make sure attribute \"tier_price_qty\" is not empty.;"
                                + " Please make sure attribute \"tier_price\" is not empty.",
                        "Row 4: Please make sure attribute \"tier_price_website\" is not empty.; Please make sure attribute"
                                + " \"tier_price_customer_group\" is not empty.; Please make sure attribute \"tier_price_qty\" is not empty.;"
                                + " Please make sure attribute \"tier_price\" is not empty."),
                apply(TYPE, ImportBehaviour.APPEND, rows("/importexport/advanced_pricing_sample.csv")));
        post("/V1/products/tier-prices-information", "{\"skus\":[\"sku124\"]}").statusCode(200)
                .body("find { it.quantity == 3 }.price", equalTo(15)).body("find { it.quantity == 3 }.customer_group", equalTo("all groups"));
        // The sample's SKU-only rows are how Magento's file deletes a SKU's tier prices.
        assertEquals(List.of("Row 1: Invalid value in Website column (website does not exist?)", "ok", "ok", "ok"),
                apply(TYPE, ImportBehaviour.DELETE, rows("/importexport/advanced_pricing_sample.csv")));
        assertEquals(0, tiers("sku124"));
    }

    @Test
    void appendReplaceDeleteAndRowMessages() throws Exception {
        String sku = unique("Imp-Tier");
        post("/V1/products", product(sku, "simple", "")).statusCode(200);
        String header = "sku,tier_price_website,tier_price_customer_group,tier_price_qty,tier_price,tier_price_value_type\n";
        assertEquals(List.of("ok", "ok", "ok"), apply(TYPE, ImportBehaviour.APPEND, csv(header
                + sku + ",All Websites [USD],ALL GROUPS,5,20,Fixed\n"
                + sku + ",base,General,10,15,Discount\n"
                + sku + ",All Websites [USD],ALL GROUPS,10,18,\n")));
        assertEquals(3, tiers(sku));
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.REPLACE, csv(header + sku + ",All Websites [USD],ALL GROUPS,5,19,Fixed\n")));
        post("/V1/products/tier-prices-information", "{\"skus\":[\"" + sku + "\"]}").statusCode(200).body("", hasSize(3))
                .body("find { it.quantity == 5 }.price", equalTo(19));
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.DELETE, csv(header + sku + ",base,General,10,15,Discount\n")));
        assertEquals(2, tiers(sku));

        assertEquals(List.of("Row 1: Value for 'tier_price_qty' attribute contains incorrect value",
                        "Row 2: Value for 'tier_price' attribute contains incorrect value",
                        "Row 3: Value for 'tier_price_value_type' attribute contains incorrect value",
                        "Row 4: No such entity with Customer Group = Nobody. Row ID: SKU = " + sku + ", Website ID: 0, Customer Group: Nobody,"
                                + " Quantity: 1.",
                        "Row 5: Invalid attribute SKU = no-such-sku. Row ID: SKU = no-such-sku, Website ID: 0, Customer Group: General,"
                                + " Quantity: 1."),
                apply(TYPE, ImportBehaviour.APPEND, csv(header
                        + sku + ",All Websites [USD],General,0,5,Fixed\n"
                        + sku + ",All Websites [USD],General,1,150,Discount\n"
                        + sku + ",All Websites [USD],General,1,5,Percent\n"
                        + sku + ",All Websites [USD],Nobody,1,5,Fixed\n"
                        + "no-such-sku,All Websites [USD],General,1,5,Fixed\n")));
    }

    static long tiers(String sku) throws Exception {
        return count("SELECT count(*) FROM catalog_product_tier_price t JOIN catalog_product p ON p.id = t.product_id WHERE p.sku = ?", sku);
    }
}
