package io.catalogbulk.catalog.configurable;

import static io.catalogbulk.catalog.testing.CatalogCalls.delete;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.count;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ProductSamples.attributeCode;
import static io.catalogbulk.catalog.testing.ProductSamples.createProduct;
import static io.catalogbulk.catalog.testing.ProductSamples.product;
import static io.catalogbulk.catalog.testing.ProductSamples.selectAttribute;
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

/** Magento's configurable-product tutorial: attribute, options, parent, children, and the rules for each. */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ConfigurableProductTests {

    static String child(String sku, String attribute, String optionId, String type) {
        return product(sku, type, ",\"custom_attributes\":[{\"attribute_code\":\"" + attribute + "\",\"value\":\"" + optionId + "\"}]");
    }

    @Test
    void aTeeInThreeSizes() throws Exception {
        String code = attributeCode("size");
        JsonPath attribute = post("/V1/products/attributes", selectAttribute(code, "S", "M")).statusCode(200)
                .body("attribute_code", equalTo(code))
                .body("frontend_input", equalTo("select"))
                .body("options.label", contains("S", "M"))
                .body("options.value", contains(matchesPattern("\\d+"), matchesPattern("\\d+")))
                .jsonPath();
        int attributeId = attribute.getInt("attribute_id");
        String small = attribute.getString("options[0].value");
        String medium = attribute.getString("options[1].value");
        String large = post("/V1/products/attributes/" + code + "/options", "{\"option\":{\"label\":\"L\"}}")
                .statusCode(200).json().asText();
        get("/V1/products/attributes/" + code).statusCode(200)
                .body("attribute_id", equalTo(attributeId))
                .body("options.label", contains("S", "M", "L"))
                .body("options[2].value", equalTo(large));
        get("/V1/products/attributes/" + attributeId).statusCode(200).body("attribute_code", equalTo(code));

        String parent = unique("MS-Tee");
        post("/V1/products", "{\"product\":{\"sku\":\"" + parent + "\",\"name\":\"Tee\",\"type_id\":\"configurable\",\"attribute_set_id\":4}}")
                .statusCode(200);
        // No configurable option yet: no child can be attached.
        createProduct(parent + "-S", "simple", ",\"custom_attributes\":[{\"attribute_code\":\"" + code + "\",\"value\":\"" + small + "\"}]");
        post("/V1/configurable-products/" + parent + "/child", "{\"childSku\":\"" + parent + "-S\"}")
                .statusCode(400).body("message", equalTo("The parent product doesn't have configurable product options."));

        int optionId = post("/V1/configurable-products/" + parent + "/options", "{\"option\":{\"attribute_id\":\"" + attributeId + "\",\"label\":\"Size\",\"position\":0,"
                        + "\"is_use_default\":true,\"values\":[{\"value_index\":" + small + "},{\"value_index\":" + medium
                        + "},{\"value_index\":" + large + "}]}}").statusCode(200).json().asInt();
        post("/V1/configurable-products/" + parent + "/options", "{\"option\":{\"attribute_id\":\"" + attributeId + "\",\"label\":\"Size\",\"values\":[{\"value_index\":" + small + "}]}}")
                .statusCode(400)
                .body("message", startsWith("The \"%1\" attribute is already a configurable option"));

        post("/V1/products", child(parent + "-M", code, medium, "simple")).statusCode(200);
        post("/V1/products", child(parent + "-L", code, large, "simple")).statusCode(200);
        for (String size : List.of("S", "M", "L")) {
            post("/V1/configurable-products/" + parent + "/child", "{\"childSku\":\"" + parent + "-" + size + "\"}")
                    .statusCode(200).body(equalTo("true"));
        }
        get("/V1/configurable-products/" + parent + "/children").statusCode(200)
                .body("sku", containsInAnyOrder(parent + "-S", parent + "-M", parent + "-L"))
                .body("[0].custom_attributes[0].attribute_code", equalTo(code));
        assertEquals(1, count("SELECT count(*) FROM catalog_product_super_attribute WHERE id = ?", optionId));
        assertEquals(3, count("SELECT count(*) FROM catalog_product_super_link l JOIN catalog_product p ON p.id = l.parent_id"
                + " WHERE p.sku = ?", parent));
        // The parent's GET shows its configurable option and links, as Magento's extension attributes.
        get("/V1/products/" + parent).statusCode(200)
                .body("extension_attributes.configurable_product_options[0].id", equalTo(optionId))
                .body("extension_attributes.configurable_product_options[0].attribute_id", equalTo(String.valueOf(attributeId)))
                .body("extension_attributes.configurable_product_options[0].values.value_index",
                        contains(Integer.parseInt(small), Integer.parseInt(medium), Integer.parseInt(large)))
                .body("extension_attributes.configurable_product_links", hasSize(3))
                .body("options", hasSize(0))
                .body("media_gallery_entries", hasSize(0));

        // Magento's rules for children.
        post("/V1/configurable-products/" + parent + "/child", "{\"childSku\":\"" + parent + "-M\"}")
                .statusCode(400).body("message", equalTo("The product is already attached."));
        post("/V1/products", child(parent + "-M2", code, medium, "simple")).statusCode(200);
        post("/V1/configurable-products/" + parent + "/child", "{\"childSku\":\"" + parent + "-M2\"}")
                .statusCode(400).body("message", equalTo("Another child of \"%1\" already has the attribute values %2."));
        post("/V1/products", child(parent + "-V", code, small, "virtual")).statusCode(200);
        post("/V1/configurable-products/" + parent + "/child", "{\"childSku\":\"" + parent + "-V\"}")
                .statusCode(400).body("parameters[1]", equalTo("virtual"));
        createProduct(parent + "-plain", "simple", "");
        post("/V1/configurable-products/" + parent + "/child", "{\"childSku\":\"" + parent + "-plain\"}")
                .statusCode(400).body("message",
                        equalTo("The child product doesn't have the \"%1\" attribute value. Verify the value and try again."));
        post("/V1/configurable-products/" + parent + "-plain/child", "{\"childSku\":\"" + parent + "-S\"}")
                .statusCode(400).body("parameters[1]", equalTo("simple"));
        post("/V1/configurable-products/" + parent + "/child", "{\"childSku\":\"nope-" + parent + "\"}").statusCode(404);

        // Deleting the parent removes its option and links, not the children.
        delete("/V1/products/" + parent).statusCode(200);
        assertEquals(0, count("SELECT count(*) FROM catalog_product_super_attribute WHERE id = ?", optionId));
        assertEquals(0, count("SELECT count(*) FROM catalog_product_super_link l JOIN catalog_product c ON c.id = l.child_id"
                + " WHERE c.sku LIKE ?", parent + "-%"));
        get("/V1/products/" + parent + "-S").statusCode(200);
    }

    @Test
    void selectValuesMustBeOptionsOfTheAttribute() {
        String code = attributeCode("color");
        post("/V1/products/attributes", selectAttribute(code, "Red")).statusCode(200);
        post("/V1/products", child(unique("Bad"), code, "999999999", "simple")).statusCode(400)
                .body("message", startsWith("The value \"%1\" is not an option of the \"%2\" attribute."));
        post("/V1/products/attributes", selectAttribute(code, "Blue")).statusCode(400)
                .body("message", equalTo("An attribute with the same code (%1) already exists."));
        post("/V1/products/attributes/" + code + "/options", "{\"option\":{\"label\":\"red\"}}")
                .statusCode(400).body("message", equalTo("Admin store attribute option label \"%1\" is already exists."));
        post("/V1/products/attributes/" + code + "_missing/options", "{\"option\":{\"label\":\"X\"}}").statusCode(404);
        get("/V1/products/attributes/" + code + "_missing").statusCode(404);
        String parent = unique("Cfg");
        post("/V1/products", "{\"product\":{\"sku\":\"" + parent + "\",\"name\":\"P\",\"type_id\":\"configurable\"}}")
                .statusCode(200);
        post("/V1/configurable-products/" + parent + "/options", "{\"option\":{\"attribute_id\":\"999999\",\"label\":\"Size\",\"values\":[{\"value_index\":1}]}}")
                .statusCode(404)
                .body("message", equalTo("The attribute with a \"%1\" attributeId doesn't exist. Verify the attribute and try again."));
        post("/V1/configurable-products/" + parent + "/options", "{\"option\":{\"attribute_id\":\"" + code + "\",\"label\":\"Size\",\"values\":[{\"value_index\":999999999}]}}")
                .statusCode(400)
                .body("message", startsWith("The value index %1 is not an option"));
    }

    @Test
    void theChildrenAreSetByTheProductSaveAsConfigurableProductLinks() throws Exception {
        String code = attributeCode("colour");
        JsonPath attribute = post("/V1/products/attributes", selectAttribute(code, "Red", "Blue")).statusCode(200).jsonPath();
        String red = attribute.getString("options[0].value");
        String blue = attribute.getString("options[1].value");
        String parent = unique("MS-Cap");
        post("/V1/products", "{\"product\":{\"sku\":\"" + parent + "\",\"name\":\"Cap\",\"type_id\":\"configurable\",\"attribute_set_id\":4}}")
                .statusCode(200);
        post("/V1/configurable-products/" + parent + "/options", "{\"option\":{\"attribute_id\":\"" + attribute.getInt("attribute_id")
                + "\",\"label\":\"Colour\",\"values\":[{\"value_index\":" + red + "},{\"value_index\":" + blue + "}]}}").statusCode(200);
        int redId = post("/V1/products", child(parent + "-R", code, red, "simple")).statusCode(200).path("id");
        int blueId = post("/V1/products", child(parent + "-B", code, blue, "simple")).statusCode(200).path("id");
        int otherRedId = post("/V1/products", child(parent + "-R2", code, red, "simple")).statusCode(200).path("id");

        put("/V1/products/" + parent, "{\"product\":{\"extension_attributes\":{\"configurable_product_links\":[" + redId + "," + blueId + "]}}}")
                .statusCode(200);
        get("/V1/configurable-products/" + parent + "/children").statusCode(200)
                .body("sku", containsInAnyOrder(parent + "-R", parent + "-B"));
        // The list replaces the children; a list breaking a rule changes nothing.
        put("/V1/products/" + parent, "{\"product\":{\"extension_attributes\":{\"configurable_product_links\":[" + blueId + "]}}}")
                .statusCode(200);
        get("/V1/configurable-products/" + parent + "/children").body("sku", contains(parent + "-B"));
        put("/V1/products/" + parent, "{\"product\":{\"extension_attributes\":{\"configurable_product_links\":[" + redId + ","
                + otherRedId + "]}}}").statusCode(400).body("message", startsWith("Another child of"));
        put("/V1/products/" + parent, "{\"product\":{\"extension_attributes\":{\"configurable_product_links\":[987654321]}}}")
                .statusCode(404).body("parameters.fieldName", equalTo("id"));
        get("/V1/configurable-products/" + parent + "/children").body("sku", contains(parent + "-B"));
        // A simple product has no children to set.
        put("/V1/products/" + parent + "-R", "{\"product\":{\"extension_attributes\":{\"configurable_product_links\":[" + blueId + "]}}}")
                .statusCode(400).body("message", startsWith("The product \"%1\" is a %2 product"));
    }
}
