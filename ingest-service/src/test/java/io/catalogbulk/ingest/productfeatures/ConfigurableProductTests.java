package io.catalogbulk.ingest.productfeatures;

import static io.catalogbulk.ingest.productfeatures.Samples.attributeCode;
import static io.catalogbulk.ingest.productfeatures.Samples.createProduct;
import static io.catalogbulk.ingest.productfeatures.Samples.product;
import static io.catalogbulk.ingest.productfeatures.Samples.selectAttribute;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.catalogbulk.testsupport.ServiceTestResource;

/** Magento's configurable-product tutorial, synchronously: attribute, options, parent, children, custom options. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ConfigurableProductTests {

    static String child(String sku, String attribute, String optionId, String type) {
        return product(sku, type, ",\"custom_attributes\":[{\"attribute_code\":\"" + attribute + "\",\"value\":\"" + optionId + "\"}]");
    }

    @Test
    void aTeeInThreeSizes() throws Exception {
        String code = attributeCode("size");
        JsonPath attribute = asAdmin().body(selectAttribute(code, "S", "M")).post("/rest/V1/products/attributes")
                .then().statusCode(200)
                .body("attribute_code", equalTo(code))
                .body("frontend_input", equalTo("select"))
                .body("options.label", contains("S", "M"))
                .body("options.value", contains(matchesPattern("\\d+"), matchesPattern("\\d+")))
                .extract().jsonPath();
        int attributeId = attribute.getInt("attribute_id");
        String small = attribute.getString("options[0].value");
        String medium = attribute.getString("options[1].value");
        String large = asAdmin().body("{\"option\":{\"label\":\"L\"}}").post("/rest/V1/products/attributes/" + code + "/options")
                .then().statusCode(200).extract().as(String.class);
        asAdmin().get("/rest/V1/products/attributes/" + code).then().statusCode(200)
                .body("attribute_id", equalTo(attributeId))
                .body("options.label", contains("S", "M", "L"))
                .body("options[2].value", equalTo(large));
        asAdmin().get("/rest/V1/products/attributes/" + attributeId).then().statusCode(200).body("attribute_code", equalTo(code));

        String parent = unique("MS-Tee");
        asAdmin().body("{\"product\":{\"sku\":\"" + parent + "\",\"name\":\"Tee\",\"type_id\":\"configurable\",\"attribute_set_id\":4}}")
                .post("/rest/V1/products").then().statusCode(200);
        // No configurable option yet: no child can be attached.
        createProduct(parent + "-S", "simple", ",\"custom_attributes\":[{\"attribute_code\":\"" + code + "\",\"value\":\"" + small + "\"}]");
        asAdmin().body("{\"childSku\":\"" + parent + "-S\"}").post("/rest/V1/configurable-products/" + parent + "/child")
                .then().statusCode(400).body("message", equalTo("The parent product doesn't have configurable product options."));

        int optionId = asAdmin().body("{\"option\":{\"attribute_id\":\"" + attributeId + "\",\"label\":\"Size\",\"position\":0,"
                        + "\"is_use_default\":true,\"values\":[{\"value_index\":" + small + "},{\"value_index\":" + medium
                        + "},{\"value_index\":" + large + "}]}}")
                .post("/rest/V1/configurable-products/" + parent + "/options").then().statusCode(200).extract().as(Integer.class);
        asAdmin().body("{\"option\":{\"attribute_id\":\"" + attributeId + "\",\"label\":\"Size\",\"values\":[{\"value_index\":" + small + "}]}}")
                .post("/rest/V1/configurable-products/" + parent + "/options").then().statusCode(400)
                .body("message", startsWith("The \"%1\" attribute is already a configurable option"));

        asAdmin().body(child(parent + "-M", code, medium, "simple")).post("/rest/V1/products").then().statusCode(200);
        asAdmin().body(child(parent + "-L", code, large, "simple")).post("/rest/V1/products").then().statusCode(200);
        for (String size : List.of("S", "M", "L")) {
            asAdmin().body("{\"childSku\":\"" + parent + "-" + size + "\"}").post("/rest/V1/configurable-products/" + parent + "/child")
                    .then().statusCode(200).body(equalTo("true"));
        }
        asAdmin().get("/rest/V1/configurable-products/" + parent + "/children").then().statusCode(200)
                .body("sku", containsInAnyOrder(parent + "-S", parent + "-M", parent + "-L"))
                .body("[0].custom_attributes[0].attribute_code", equalTo(code));
        assertEquals(1, count("SELECT count(*) FROM catalog_product_super_attribute WHERE id = ?", optionId));
        // The parent's GET shows its configurable option and links, as Magento's extension attributes.
        asAdmin().get("/rest/V1/products/" + parent).then().statusCode(200)
                .body("extension_attributes.configurable_product_options[0].id", equalTo(optionId))
                .body("extension_attributes.configurable_product_options[0].attribute_id", equalTo(String.valueOf(attributeId)))
                .body("extension_attributes.configurable_product_options[0].values.value_index",
                        contains(Integer.parseInt(small), Integer.parseInt(medium), Integer.parseInt(large)))
                .body("extension_attributes.configurable_product_links", hasSize(3))
                .body("options", hasSize(0))
                .body("media_gallery_entries", hasSize(0));

        // Magento's rules for children.
        asAdmin().body("{\"childSku\":\"" + parent + "-M\"}").post("/rest/V1/configurable-products/" + parent + "/child")
                .then().statusCode(400).body("message", equalTo("The product is already attached."));
        asAdmin().body(child(parent + "-M2", code, medium, "simple")).post("/rest/V1/products").then().statusCode(200);
        asAdmin().body("{\"childSku\":\"" + parent + "-M2\"}").post("/rest/V1/configurable-products/" + parent + "/child")
                .then().statusCode(400).body("message", equalTo("Another child of \"%1\" already has the attribute values %2."));
        asAdmin().body(child(parent + "-V", code, small, "virtual")).post("/rest/V1/products").then().statusCode(200);
        asAdmin().body("{\"childSku\":\"" + parent + "-V\"}").post("/rest/V1/configurable-products/" + parent + "/child")
                .then().statusCode(400).body("parameters[1]", equalTo("virtual"));
        createProduct(parent + "-plain", "simple", "");
        asAdmin().body("{\"childSku\":\"" + parent + "-plain\"}").post("/rest/V1/configurable-products/" + parent + "/child")
                .then().statusCode(400).body("message",
                        equalTo("The child product doesn't have the \"%1\" attribute value. Verify the value and try again."));
        asAdmin().body("{\"childSku\":\"" + parent + "-S\"}").post("/rest/V1/configurable-products/" + parent + "-plain/child")
                .then().statusCode(400).body("parameters[1]", equalTo("simple"));
        asAdmin().body("{\"childSku\":\"nope-" + parent + "\"}").post("/rest/V1/configurable-products/" + parent + "/child")
                .then().statusCode(404);

        // Deleting the parent removes its option and links, not the children.
        asAdmin().delete("/rest/V1/products/" + parent).then().statusCode(200);
        assertEquals(0, count("SELECT count(*) FROM catalog_product_super_attribute WHERE id = ?", optionId));
        asAdmin().get("/rest/V1/products/" + parent + "-S").then().statusCode(200);
    }

    @Test
    void selectValuesMustBeOptionsOfTheAttribute() {
        String code = attributeCode("color");
        asAdmin().body(selectAttribute(code, "Red")).post("/rest/V1/products/attributes").then().statusCode(200);
        asAdmin().body(child(unique("Bad"), code, "999999999", "simple")).post("/rest/V1/products").then().statusCode(400)
                .body("message", startsWith("The value \"%1\" is not an option of the \"%2\" attribute."));
        asAdmin().body(selectAttribute(code, "Blue")).post("/rest/V1/products/attributes").then().statusCode(400)
                .body("message", equalTo("An attribute with the same code (%1) already exists."));
        asAdmin().body("{\"option\":{\"label\":\"red\"}}").post("/rest/V1/products/attributes/" + code + "/options")
                .then().statusCode(400).body("message", equalTo("Admin store attribute option label \"%1\" is already exists."));
        asAdmin().body("{\"option\":{\"label\":\"X\"}}").post("/rest/V1/products/attributes/" + code + "_missing/options")
                .then().statusCode(404);
        asAdmin().get("/rest/V1/products/attributes/" + code + "_missing").then().statusCode(404);
        String parent = unique("Cfg");
        asAdmin().body("{\"product\":{\"sku\":\"" + parent + "\",\"name\":\"P\",\"type_id\":\"configurable\"}}").post("/rest/V1/products")
                .then().statusCode(200);
        asAdmin().body("{\"option\":{\"attribute_id\":\"999999\",\"label\":\"Size\",\"values\":[{\"value_index\":1}]}}")
                .post("/rest/V1/configurable-products/" + parent + "/options").then().statusCode(404)
                .body("message", equalTo("The attribute with a \"%1\" attributeId doesn't exist. Verify the attribute and try again."));
        asAdmin().body("{\"option\":{\"attribute_id\":\"" + code + "\",\"label\":\"Size\",\"values\":[{\"value_index\":999999999}]}}")
                .post("/rest/V1/configurable-products/" + parent + "/options").then().statusCode(400)
                .body("message", startsWith("The value index %1 is not an option"));
    }

    @Test
    void customOptions() {
        String sku = unique("Opt");
        createProduct(sku, "simple", "");
        asAdmin().body("{\"option\":{\"product_sku\":\"" + sku + "\",\"title\":\"Gift wrap\",\"type\":\"drop_down\",\"is_require\":true,"
                        + "\"sort_order\":1,\"values\":[{\"title\":\"Paper\",\"price\":2,\"price_type\":\"fixed\",\"sort_order\":0},"
                        + "{\"title\":\"Box\",\"price\":10,\"price_type\":\"percent\",\"sort_order\":1}]}}")
                .post("/rest/V1/products/options").then().statusCode(200)
                .body("option_id", org.hamcrest.Matchers.notNullValue())
                .body("product_sku", equalTo(sku))
                .body("type", equalTo("drop_down"))
                .body("values.title", contains("Paper", "Box"))
                .body("values.option_type_id", hasSize(2));
        asAdmin().body("{\"option\":{\"product_sku\":\"" + sku + "\",\"title\":\"Engraving\",\"type\":\"field\",\"price\":5,"
                        + "\"price_type\":\"fixed\",\"max_characters\":20}}")
                .post("/rest/V1/products/options").then().statusCode(200)
                .body("price", equalTo(5)).body("max_characters", equalTo(20));
        asAdmin().get("/rest/V1/products/" + sku).then().statusCode(200)
                // In sort_order: Engraving has none (0), Gift wrap 1.
                .body("options.title", contains("Engraving", "Gift wrap"))
                .body("options[1].values.title", contains("Paper", "Box"))
                .body("options[0].max_characters", equalTo(20));
        asAdmin().body("{\"option\":{\"product_sku\":\"" + sku + "\",\"title\":\"Size\",\"type\":\"colour\"}}")
                .post("/rest/V1/products/options").then().statusCode(400);
        asAdmin().body("{\"option\":{\"product_sku\":\"nope-" + sku + "\",\"title\":\"T\",\"type\":\"field\",\"price\":1}}")
                .post("/rest/V1/products/options").then().statusCode(404);
    }
}
