package io.catalogbulk.catalog.testing;

import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;

/** What several entity tests start from, made through the catalog's own operations. */
public final class CatalogFixtures {

    private CatalogFixtures() {
    }

    /** Creates a store view in the default website and returns its code. */
    public static String newStore() {
        String code = "s_" + unique("x").substring(2).replace("-", "");
        post("/V1/store/storeViews", "{\"store\":{\"code\":\"" + code + "\",\"name\":\"Store " + code + "\"}}").statusCode(200);
        return code;
    }

    /** Creates a simple product with a global name and price; returns its SKU. */
    public static String newProduct(String name, int price) {
        String sku = unique("C-Sku");
        post("/all/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"attribute_set_id\":4,\"price\":"
                + price + ",\"type_id\":\"simple\"}}").statusCode(200);
        return sku;
    }
}
