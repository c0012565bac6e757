package io.catalogbulk.catalog.link;

import static io.catalogbulk.catalog.testing.CatalogCalls.asynchronously;
import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ProductSamples.createProduct;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.testsupport.ServiceTestResource;

/** Related, up-sell and cross-sell links: Magento's routes, its merge and replace rules and its messages. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductLinkServiceTests {

    static String link(String type, String linkedSku, int position) {
        return "{\"link_type\":\"" + type + "\",\"linked_product_sku\":\"" + linkedSku + "\",\"position\":" + position + "}";
    }

    @Test
    void linksAreAddedReadByTypeMovedAndRemoved() throws Exception {
        String sku = unique("Linked");
        String a = unique("LinkA");
        String b = unique("LinkB");
        String c = unique("LinkC");
        for (String s : new String[] {sku, a, b, c}) {
            createProduct(s, "simple", "");
        }
        post("/V1/products/" + sku + "/links", "{\"items\":[" + link("related", b, 2) + "," + link("related", a, 1) + ","
                + link("upsell", c, 0) + "]}").statusCode(200).body(equalTo("true"));
        get("/V1/products/" + sku + "/links/related").statusCode(200)
                .body("linked_product_sku", contains(a, b))
                .body("[0].sku", equalTo(sku)).body("[0].link_type", equalTo("related"))
                .body("[0].linked_product_type", equalTo("simple")).body("[0].position", equalTo(1));
        get("/V1/products/" + sku + "/links/upsell").statusCode(200).body("linked_product_sku", contains(c));
        get("/V1/products/" + sku + "/links/crosssell").statusCode(200).body("", empty());

        // setProductLinks adds to what is there; a link it has already takes the new position.
        post("/V1/products/" + sku + "/links", "{\"items\":[" + link("related", a, 9) + "," + link("crosssell", b, 0) + "]}")
                .statusCode(200);
        get("/V1/products/" + sku + "/links/related").body("linked_product_sku", contains(b, a));
        get("/V1/products/" + sku + "/links/crosssell").body("linked_product_sku", contains(b));
        // One link through the repository's save, as a worker runs it.
        asynchronously(HttpMethod.PUT, "/V1/products/" + sku + "/links", "{\"entity\":" + link("upsell", a, 5) + "}")
                .statusCode(200).body(equalTo("true"));
        get("/V1/products/" + sku + "/links/upsell").body("linked_product_sku", contains(c, a));

        delete("/V1/products/" + sku + "/links/related/" + b).statusCode(200).body(equalTo("true"));
        get("/V1/products/" + sku + "/links/related").body("linked_product_sku", contains(a));
        delete("/V1/products/" + sku + "/links/related/" + b).statusCode(404)
                .body("message", equalTo("Product %1 doesn't have linked %2 as %3"))
                .body("parameters", contains(sku, b, "related"));

        // A deleted product takes the links to it along.
        delete("/V1/products/" + a).statusCode(200);
        get("/V1/products/" + sku + "/links/related").body("", empty());
        get("/V1/products/" + sku + "/links/upsell").body("linked_product_sku", contains(c));
        assertEquals(0, count("SELECT count(*) FROM catalog_product_link l JOIN catalog_product p ON p.id = l.product_id"
                + " WHERE lower(p.sku) = lower(?) AND l.link_type_id = 1", sku));
    }

    @Test
    void typesAndMagentosAnswersToBadLinks() {
        String sku = unique("LinkRules");
        createProduct(sku, "simple", "");
        get("/V1/products/links/types").statusCode(200)
                .body("code", contains("related", "upsell", "crosssell")).body("value", contains(1, 4, 5));
        get("/V1/products/" + sku + "/links/associated").statusCode(404)
                .body("message", equalTo("The \"%1\" link type is unknown. Verify the type and try again."))
                .body("parameters", contains("associated"));
        post("/V1/products/" + sku + "/links", "{\"items\":[" + link("nope", sku, 0) + "]}").statusCode(404)
                .body("message", equalTo("The \"%1\" link type wasn't found. Verify the type and try again."));
        post("/V1/products/" + sku + "/links", "{\"items\":[{\"linked_product_sku\":\"" + sku + "\"}]}").statusCode(400)
                .body("parameters.fieldName", equalTo("linkType"));
        post("/V1/products/" + sku + "/links", "{\"items\":[" + link("related", unique("Missing"), 0) + "]}").statusCode(400)
                .body("message", equalTo("The linked products data is invalid. Verify the data and try again."));
        post("/V1/products/" + unique("NoProduct") + "/links", "{\"items\":[" + link("related", sku, 0) + "]}").statusCode(404)
                .body("message", equalTo("The product that was requested doesn't exist. Verify the product and try again."));
        put("/V1/products/" + sku + "/links", "{\"entity\":{\"link_type\":\"related\"}}").statusCode(404)
                .body("message", equalTo("The linked product SKU is invalid. Verify the data and try again."));
        // A member ProductLinkInterface does not have is Magento's input error, before anything runs.
        post("/V1/products/" + sku + "/links", "{\"items\":[{\"link_type\":\"related\",\"colour\":\"red\"}]}").statusCode(400);
    }
}
