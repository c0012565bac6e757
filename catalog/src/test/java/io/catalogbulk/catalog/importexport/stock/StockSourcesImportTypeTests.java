package io.catalogbulk.catalog.importexport.stock;

import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ImportRuns.apply;
import static io.catalogbulk.catalog.testing.ImportRuns.csv;
import static io.catalogbulk.catalog.testing.ImportRuns.rows;
import static io.catalogbulk.catalog.testing.ProductSamples.product;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.catalog.importexport.ImportBehaviour;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Magento's stock_sources import through the source item routes: Magento's fixture, unknown sources, behaviours. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class StockSourcesImportTypeTests {

    static final String TYPE = "stock_sources";

    @Test
    void magentosFixtureWithAnUnknownSource() throws Exception {
        post("/V1/inventory/sources", "{\"source\":{\"source_code\":\"eu-1\",\"name\":\"EU 1\"}}").statusCode(200);
        post("/V1/inventory/sources", "{\"source\":{\"source_code\":\"eu-2\",\"name\":\"EU 2\"}}").statusCode(200);
        post("/V1/products", product("SKU-1", "simple", "")).statusCode(200);
        post("/V1/products", product("SKU-2", "simple", "")).statusCode(200);
        assertEquals(List.of("ok", "ok", "Row 3: Source code \"us-1\" does not exists", "ok"),
                apply(TYPE, ImportBehaviour.APPEND, rows("/importexport/stock_sources.csv")));
        assertEquals(1, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                + " WHERE p.sku = 'SKU-1' AND i.source_code = 'eu-1' AND i.quantity = 6.88 AND i.status = 1"));
        assertEquals(1, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                + " WHERE p.sku = 'SKU-2' AND i.source_code = 'eu-1' AND i.quantity = 33"));
    }

    @Test
    void emptyCellsKeepValuesDeleteRemovesAndRowsAreChecked() throws Exception {
        String sku = unique("Imp-Stock");
        post("/V1/products", product(sku, "simple", "")).statusCode(200);
        String header = "source_code,sku,status,quantity\n";
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, csv(header + "default," + sku + ",1,7\n")));
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.APPEND, csv(header + "default," + sku + ",0,\n")));
        assertEquals(1, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                + " WHERE p.sku = ? AND i.quantity = 7 AND i.status = 0", sku), "the empty quantity keeps 7");
        assertEquals(List.of("ok"), apply(TYPE, ImportBehaviour.DELETE, csv(header + "default," + sku + ",,\n")));
        assertEquals(0, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id WHERE p.sku = ?", sku));

        assertEquals(List.of("Row 1: \"quantity\" contains incorrect value; \"status\" contains incorrect value",
                        "Row 2: \"sku\" contains incorrect value",
                        "Row 3: Product with SKU \"no-such-sku\" does not exist."),
                apply(TYPE, ImportBehaviour.APPEND, csv(header + "default," + sku + ",5,lots\n" + "default,,1,1\n" + "default,no-such-sku,1,1\n")));
    }
}
