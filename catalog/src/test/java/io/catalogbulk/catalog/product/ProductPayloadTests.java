package io.catalogbulk.catalog.product;

import static io.catalogbulk.catalog.testing.CatalogCalls.asynchronously;
import static io.catalogbulk.catalog.testing.CatalogCalls.get;
import static io.catalogbulk.catalog.testing.CatalogCalls.post;
import static io.catalogbulk.catalog.testing.CatalogCalls.put;
import static io.catalogbulk.catalog.testing.CatalogDb.unique;
import static io.catalogbulk.catalog.testing.ProductSamples.JPEG;
import static io.catalogbulk.catalog.testing.ProductSamples.PNG;
import static io.catalogbulk.catalog.testing.ProductSamples.attributeCode;
import static io.catalogbulk.catalog.testing.ProductSamples.createProduct;
import static io.catalogbulk.catalog.testing.ProductSamples.product;
import static io.catalogbulk.catalog.testing.ProductSamples.selectAttribute;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.catalogbulk.catalog.testing.Answer;
import io.catalogbulk.core.route.HttpMethod;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Magento's whole product payload: extension_attributes (website_ids, category_links, stock_item,
 * configurable_product_options and _links), product_links, media_gallery_entries, options and tier_prices are accepted on save, applied with Magento's update rule (left out: unchanged; a list given: replaces) and
 * returned by the save and by GET.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductPayloadTests {

    /** The payload of Magento's REST tutorial (and of most connectors) creating a simple product. */
    static String tutorialProduct(String sku) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Champ Tee\",\"attribute_set_id\":4,\"price\":25,\"status\":1,"
                + "\"visibility\":4,\"type_id\":\"simple\",\"weight\":\"0.5\","
                + "\"extension_attributes\":{\"website_ids\":[1],\"category_links\":[{\"position\":0,\"category_id\":\"2\"}],"
                + "\"stock_item\":{\"qty\":10,\"is_in_stock\":true}},"
                + "\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"Soft\"}]}}";
    }

    @Test
    void theTutorialPayloadIsAcceptedAndReturned() {
        String sku = unique("Tutorial");
        post("/V1/products", tutorialProduct(sku)).statusCode(200)
                .body("sku", equalTo(sku))
                .body("extension_attributes.website_ids", contains(1))
                .body("extension_attributes.category_links[0].category_id", equalTo("2"))
                .body("extension_attributes.category_links[0].position", equalTo(0))
                .body("extension_attributes.stock_item.qty", equalTo(10))
                .body("extension_attributes.stock_item.is_in_stock", equalTo(true));
        get("/V1/products/" + sku).statusCode(200)
                .body("extension_attributes.category_links.category_id", contains("2"))
                .body("extension_attributes.stock_item.qty", equalTo(10))
                .body("extension_attributes.stock_item.stock_id", equalTo(1))
                .body("product_links", empty());
        // The same stock through the inventory routes: one row, two views.
        get("/V1/inventory/source-items?searchCriteria[filterGroups][0][filters][0][field]=sku"
                + "&searchCriteria[filterGroups][0][filters][0][value]=" + sku).statusCode(200)
                .body("items[0].source_code", equalTo("default")).body("items[0].quantity", equalTo(10))
                .body("items[0].status", equalTo(1));
    }

    @Test
    void aMemberLeftOutIsUnchangedAndAListGivenReplaces() {
        String sku = unique("Update");
        int category = post("/V1/categories", "{\"category\":{\"name\":\"" + unique("Cat") + "\",\"is_active\":true}}")
                .statusCode(200).path("id");
        post("/V1/products", tutorialProduct(sku)).statusCode(200);
        // Only the price: categories and stock stay.
        put("/V1/products/" + sku, "{\"product\":{\"price\":29}}").statusCode(200)
                .body("price", equalTo(29))
                .body("extension_attributes.category_links.category_id", contains("2"))
                .body("extension_attributes.stock_item.qty", equalTo(10));
        // A list replaces; a stock member left out keeps its value.
        put("/V1/products/" + sku, "{\"product\":{\"extension_attributes\":{\"category_links\":[{\"category_id\":\"" + category
                + "\",\"position\":3}],\"stock_item\":{\"qty\":3}}}}").statusCode(200);
        get("/V1/products/" + sku).statusCode(200)
                .body("extension_attributes.category_links.category_id", contains(String.valueOf(category)))
                .body("extension_attributes.category_links[0].position", equalTo(3))
                .body("extension_attributes.stock_item.qty", equalTo(3))
                .body("extension_attributes.stock_item.is_in_stock", equalTo(true));
        asynchronously(HttpMethod.PUT, "/V1/products/" + sku,
                "{\"product\":{\"extension_attributes\":{\"category_links\":[],\"stock_item\":{\"is_in_stock\":false}}}}")
                .statusCode(200);
        get("/V1/products/" + sku).statusCode(200)
                .body("extension_attributes.category_links", nullValue())
                .body("extension_attributes.stock_item.qty", equalTo(3))
                .body("extension_attributes.stock_item.is_in_stock", equalTo(false));
    }

    @Test
    void productLinksAreSavedWithTheProductAndReplaced() {
        String sku = unique("WithLinks");
        String related = unique("Rel");
        String upsell = unique("Up");
        createProduct(related, "simple", "");
        createProduct(upsell, "simple", "");
        post("/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Linked\",\"price\":5,\"product_links\":["
                + "{\"sku\":\"" + sku + "\",\"link_type\":\"upsell\",\"linked_product_sku\":\"" + upsell + "\",\"linked_product_type\":\"simple\",\"position\":1},"
                + "{\"sku\":\"" + sku + "\",\"link_type\":\"related\",\"linked_product_sku\":\"" + related + "\",\"position\":0}]}}")
                .statusCode(200)
                .body("product_links.linked_product_sku", contains(related, upsell));
        get("/V1/products/" + sku).statusCode(200)
                .body("product_links.link_type", contains("related", "upsell"))
                .body("product_links[1].position", equalTo(1));
        get("/V1/products/" + sku + "/links/upsell").statusCode(200).body("linked_product_sku", contains(upsell));
        put("/V1/products/" + sku, "{\"product\":{\"name\":\"Renamed\"}}").statusCode(200);
        get("/V1/products/" + sku).body("product_links.linked_product_sku", contains(related, upsell));
        put("/V1/products/" + sku, "{\"product\":{\"product_links\":[]}}").statusCode(200);
        get("/V1/products/" + sku).body("product_links", empty());
    }

    @Test
    void aPartThatCannotBeStoredFailsTheWholeSave() {
        String sku = unique("Broken");
        post("/V1/products", tutorialProduct(sku).replace("\"category_id\":\"2\"", "\"category_id\":\"987654\"")).statusCode(400)
                .body("message", equalTo("The product was unable to be saved. Please try again."));
        get("/V1/products/" + sku).statusCode(404);
        post("/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"N\",\"price\":1,\"product_links\":[{\"link_type\":\"related\","
                + "\"linked_product_sku\":\"" + unique("Missing") + "\"}]}}").statusCode(400)
                .body("message", equalTo("The linked products data is invalid. Verify the data and try again."));
        get("/V1/products/" + sku).statusCode(404);
        // A member Magento's StockItemInterface does not have here is refused before anything runs.
        post("/V1/products", tutorialProduct(sku).replace("\"is_in_stock\":true", "\"is_in_stock\":true,\"colour\":1")).statusCode(400);
    }

    @Test
    void mediaGalleryEntriesAreSavedWithTheProductKeptChangedAndRemoved() {
        String sku = unique("Gallery");
        String png = "{\"media_type\":\"image\",\"label\":\"Front\",\"position\":1,\"disabled\":false,\"types\":[\"image\"],"
                + "\"content\":{\"base64_encoded_data\":\"" + PNG + "\",\"type\":\"image/png\",\"name\":\"front.png\"}}";
        String jpeg = "{\"media_type\":\"image\",\"label\":\"Back\",\"position\":2,\"disabled\":false,\"types\":[],"
                + "\"content\":{\"base64_encoded_data\":\"" + JPEG + "\",\"type\":\"image/jpeg\",\"name\":\"back.jpg\"}}";
        post("/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Pictured\",\"price\":5,\"media_gallery_entries\":["
                + png + "," + jpeg + "]}}").statusCode(200);
        Answer read = get("/V1/products/" + sku).statusCode(200)
                .body("media_gallery_entries.file", contains("/f/r/front.png", "/b/a/back.jpg"))
                .body("media_gallery_entries[0].types", contains("image"));
        int front = read.path("media_gallery_entries[0].id");
        // Left out: the gallery stays.
        put("/V1/products/" + sku, "{\"product\":{\"price\":6}}").statusCode(200);
        get("/V1/products/" + sku).body("media_gallery_entries.id", hasSize(2));
        // A list replaces: the entry with an id is kept and changed, the other one goes.
        put("/V1/products/" + sku, "{\"product\":{\"media_gallery_entries\":[{\"id\":" + front + ",\"label\":\"Renamed\"}]}}")
                .statusCode(200);
        get("/V1/products/" + sku).body("media_gallery_entries.id", contains(front))
                .body("media_gallery_entries[0].label", equalTo("Renamed"))
                .body("media_gallery_entries[0].file", equalTo("/f/r/front.png"));
        // A new entry needs its image; an id the product does not have is Magento's 404; either changes nothing.
        put("/V1/products/" + sku, "{\"product\":{\"media_gallery_entries\":[{\"label\":\"No image\"}]}}").statusCode(400)
                .body("parameters.fieldName", equalTo("content"));
        put("/V1/products/" + sku, "{\"product\":{\"media_gallery_entries\":[{\"id\":987654321}]}}").statusCode(404);
        get("/V1/products/" + sku).body("media_gallery_entries.id", contains(front));
        put("/V1/products/" + sku, "{\"product\":{\"media_gallery_entries\":[]}}").statusCode(200);
        get("/V1/products/" + sku).body("media_gallery_entries", empty());
    }

    @Test
    void customOptionsAreSavedWithTheProductKeptByIdAndReplaced() {
        String sku = unique("Optioned");
        String engraving = "{\"title\":\"Engraving\",\"type\":\"field\",\"is_require\":false,\"price\":5,\"price_type\":\"fixed\","
                + "\"sort_order\":1,\"max_characters\":20}";
        String colour = "{\"title\":\"Colour\",\"type\":\"drop_down\",\"sort_order\":2,\"values\":[{\"title\":\"Red\",\"price\":1},"
                + "{\"title\":\"Blue\",\"price\":2,\"price_type\":\"percent\"}]}";
        post("/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Engravable\",\"price\":20,\"options\":["
                + engraving + "," + colour + "]}}").statusCode(200);
        Answer read = get("/V1/products/" + sku).statusCode(200)
                .body("options.title", contains("Engraving", "Colour"))
                .body("options[0].product_sku", equalTo(sku))
                .body("options[0].max_characters", equalTo(20))
                .body("options[1].values.title", contains("Red", "Blue"));
        int engravingId = read.path("options[0].option_id");
        put("/V1/products/" + sku, "{\"product\":{\"price\":21}}").statusCode(200);
        get("/V1/products/" + sku).body("options", hasSize(2));
        // A list replaces: the option with its id keeps that id, the other one goes.
        put("/V1/products/" + sku, "{\"product\":{\"options\":[{\"option_id\":" + engravingId
                + ",\"title\":\"Monogram\",\"type\":\"field\",\"price\":7,\"price_type\":\"fixed\"}]}}").statusCode(200);
        get("/V1/products/" + sku).body("options.option_id", contains(engravingId)).body("options[0].title", equalTo("Monogram"))
                .body("options[0].price", equalTo(7));
        // The option rules of POST /V1/products/options apply; an option_id of another product is Magento's 404.
        put("/V1/products/" + sku, "{\"product\":{\"options\":[{\"title\":\"Size\",\"type\":\"drop_down\"}]}}").statusCode(400);
        put("/V1/products/" + sku, "{\"product\":{\"options\":[{\"option_id\":987654321,\"title\":\"X\",\"type\":\"field\"}]}}")
                .statusCode(404).body("parameters.fieldName", equalTo("option_id"));
        get("/V1/products/" + sku).body("options.option_id", contains(engravingId));
        put("/V1/products/" + sku, "{\"product\":{\"options\":[]}}").statusCode(200);
        get("/V1/products/" + sku).body("options", empty());
    }

    /** Magento's ProductTierPriceInterface entries: a fixed price for all groups, a 10 % discount for one group and website. */
    static final String TIERS = "[{\"customer_group_id\":32000,\"qty\":2,\"value\":20},"
            + "{\"customer_group_id\":1,\"qty\":5,\"value\":0,\"extension_attributes\":{\"website_id\":1,\"percentage_value\":10}}]";

    @Test
    void tierPricesAreSavedWithTheProductKeptAndReplaced() {
        String sku = unique("Tiered");
        post("/V1/products", "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Tiered\",\"price\":25,\"tier_prices\":" + TIERS + "}}")
                .statusCode(200);
        Answer read = get("/V1/products/" + sku).statusCode(200)
                .body("tier_prices", hasSize(2))
                .body("tier_prices[0].customer_group_id", equalTo(32000)).body("tier_prices[0].qty", equalTo(2))
                .body("tier_prices[0].value", equalTo(20)).body("tier_prices[0].extension_attributes.website_id", equalTo(0))
                .body("tier_prices[1].customer_group_id", equalTo(1)).body("tier_prices[1].value", equalTo(22.5f))
                .body("tier_prices[1].extension_attributes.percentage_value", equalTo(10))
                .body("tier_prices[1].extension_attributes.website_id", equalTo(1));
        // The same rows the tier price routes keep.
        post("/V1/products/tier-prices-information", "{\"skus\":[\"" + sku + "\"]}").statusCode(200)
                .body("price_type", contains("fixed", "discount")).body("customer_group", contains("all groups", "General"));
        // Left out: unchanged. What GET shows can be sent back as it is (a discount's value is ignored).
        put("/V1/products/" + sku, "{\"product\":{\"price\":30}}").statusCode(200);
        get("/V1/products/" + sku).body("tier_prices", hasSize(2)).body("tier_prices[1].value", equalTo(27));
        put("/V1/products/" + sku, "{\"product\":{\"tier_prices\":" + read.json().get("tier_prices") + "}}").statusCode(200);
        get("/V1/products/" + sku).body("tier_prices.customer_group_id", contains(32000, 1)).body("tier_prices[0].value", equalTo(20))
                .body("tier_prices[1].extension_attributes.percentage_value", equalTo(10)).body("tier_prices[1].value", equalTo(27));
        // A list replaces, asynchronously too.
        asynchronously(HttpMethod.PUT, "/V1/products/" + sku, "{\"product\":{\"tier_prices\":[{\"customer_group_id\":2,\"qty\":10,"
                + "\"value\":18.5}]}}").statusCode(200);
        get("/V1/products/" + sku).body("tier_prices.customer_group_id", contains(2)).body("tier_prices[0].value", equalTo(18.5f));
        put("/V1/products/" + sku, "{\"product\":{\"tier_prices\":[]}}").statusCode(200);
        get("/V1/products/" + sku).body("tier_prices", empty());
    }

    @Test
    void aBrokenTierPriceIsA400AndChangesNothing() {
        String sku = unique("BadTier");
        String body = "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Bad\",\"price\":5,\"tier_prices\":%s}}";
        post("/V1/products", body.formatted("[{\"customer_group_id\":987654,\"qty\":2,\"value\":1}]")).statusCode(400)
                .body("message", equalTo("No such entity with Customer Group = %1.")).body("parameters[0]", equalTo("987654"));
        get("/V1/products/" + sku).statusCode(404);
        post("/V1/products", body.formatted(TIERS)).statusCode(200);
        String update = "{\"product\":{\"tier_prices\":%s}}";
        put("/V1/products/" + sku, update.formatted("[{\"customer_group_id\":1,\"qty\":2,\"value\":1,"
                + "\"extension_attributes\":{\"website_id\":987654}}]")).statusCode(400)
                .body("message", equalTo("Invalid attribute Website ID = %1."));
        put("/V1/products/" + sku, update.formatted("[{\"customer_group_id\":1,\"qty\":2,\"extension_attributes\":{\"percentage_value\":150}}]"))
                .statusCode(400).body("message", equalTo("Percentage value must be a number between 0 and 100."));
        put("/V1/products/" + sku, update.formatted("[{\"customer_group_id\":1,\"qty\":2,\"value\":1},{\"customer_group_id\":1,\"qty\":2.0,\"value\":3}]"))
                .statusCode(400).body("message", equalTo("We found a duplicate website, tier price, customer group and quantity."));
        put("/V1/products/" + sku, update.formatted("[{\"customer_group_id\":1,\"value\":1}]")).statusCode(400)
                .body("parameters.fieldName", equalTo("qty"));
        put("/V1/products/" + sku, update.formatted("[{\"customer_group_id\":1,\"qty\":0,\"value\":1}]")).statusCode(400)
                .body("message", equalTo("Invalid attribute Quantity = %1."));
        put("/V1/products/" + sku, update.formatted("[{\"customer_group_id\":1,\"qty\":1,\"value\":-1}]")).statusCode(400);
        put("/V1/products/" + sku, update.formatted("[{\"customer_group_id\":\"x\",\"qty\":1,\"value\":1}]")).statusCode(400);
        put("/V1/products/" + sku, update.formatted("[{\"customer_group_id\":1,\"qty\":1,\"value\":1,\"price_type\":\"fixed\"}]"))
                .statusCode(400);
        get("/V1/products/" + sku).body("tier_prices.customer_group_id", contains(32000, 1));
    }

    @Test
    void configurableOptionsAreSavedWithTheProductKeptByAttributeAndReplaced() {
        String colour = attributeCode("colour");
        JsonPath attribute = post("/V1/products/attributes", selectAttribute(colour, "Red", "Blue")).statusCode(200).jsonPath();
        int colourId = attribute.getInt("attribute_id");
        String red = attribute.getString("options[0].value");
        String blue = attribute.getString("options[1].value");
        String size = attributeCode("size");
        JsonPath sizeAttribute = post("/V1/products/attributes", selectAttribute(size, "S", "M")).statusCode(200).jsonPath();
        int sizeId = sizeAttribute.getInt("attribute_id");
        String small = sizeAttribute.getString("options[0].value");
        String parent = unique("CfgPayload");
        post("/V1/products", "{\"product\":{\"sku\":\"" + parent + "\",\"name\":\"Cap\",\"type_id\":\"configurable\","
                + "\"extension_attributes\":{\"configurable_product_options\":[{\"attribute_id\":\"" + colourId + "\",\"label\":\"Colour\","
                + "\"position\":0,\"is_use_default\":false,\"values\":[{\"value_index\":" + red + "}]}]}}}").statusCode(200);
        Answer read = get("/V1/products/" + parent).statusCode(200)
                .body("extension_attributes.configurable_product_options", hasSize(1))
                .body("extension_attributes.configurable_product_options[0].attribute_id", equalTo(String.valueOf(colourId)))
                .body("extension_attributes.configurable_product_options[0].label", equalTo("Colour"))
                .body("extension_attributes.configurable_product_options[0].values.value_index", contains(Integer.parseInt(red)));
        int optionId = read.path("extension_attributes.configurable_product_options[0].id");
        // Options and children in one body: the options are saved first, so the blue child is checked against them.
        int redId = post("/V1/products", child(parent + "-R", colour, red)).statusCode(200).path("id");
        int blueId = post("/V1/products", child(parent + "-B", colour, blue)).statusCode(200).path("id");
        put("/V1/products/" + parent, "{\"product\":{\"extension_attributes\":{\"configurable_product_options\":[{\"attribute_id\":\""
                + colour + "\",\"label\":\"Cap colour\",\"values\":[{\"value_index\":" + red + "},{\"value_index\":" + blue + "}]}],"
                + "\"configurable_product_links\":[" + redId + "," + blueId + "]}}}").statusCode(200);
        get("/V1/products/" + parent)
                .body("extension_attributes.configurable_product_options.id", contains(optionId))
                .body("extension_attributes.configurable_product_options[0].label", equalTo("Cap colour"))
                .body("extension_attributes.configurable_product_options[0].values.value_index",
                        contains(Integer.parseInt(red), Integer.parseInt(blue)))
                .body("extension_attributes.configurable_product_links", containsInAnyOrder(redId, blueId));
        // Left out: unchanged; what GET shows (with id and product_id) can be sent back.
        put("/V1/products/" + parent, "{\"product\":{\"name\":\"Cap 2\"}}").statusCode(200);
        String shown = get("/V1/products/" + parent).json().path("extension_attributes").path("configurable_product_options").toString();
        put("/V1/products/" + parent, "{\"product\":{\"extension_attributes\":{\"configurable_product_options\":" + shown + "}}}")
                .statusCode(200);
        get("/V1/products/" + parent).body("extension_attributes.configurable_product_options.id", contains(optionId))
                .body("extension_attributes.configurable_product_links", hasSize(2));
        // A list replaces: colour goes, size comes (asynchronously too).
        asynchronously(HttpMethod.PUT, "/V1/products/" + parent, "{\"product\":{\"extension_attributes\":{\"configurable_product_options\":["
                + "{\"attribute_id\":\"" + sizeId + "\",\"label\":\"Size\",\"values\":[{\"value_index\":" + small + "}]}]}}}").statusCode(200);
        get("/V1/products/" + parent).body("extension_attributes.configurable_product_options.attribute_id", contains(String.valueOf(sizeId)));
        put("/V1/products/" + parent, "{\"product\":{\"extension_attributes\":{\"configurable_product_options\":[]}}}").statusCode(200);
        get("/V1/products/" + parent).body("extension_attributes.configurable_product_options", empty());
    }

    @Test
    void aBrokenConfigurableOptionIsRefusedAndChangesNothing() {
        String colour = attributeCode("colour");
        JsonPath attribute = post("/V1/products/attributes", selectAttribute(colour, "Red")).statusCode(200).jsonPath();
        String red = attribute.getString("options[0].value");
        String parent = unique("CfgBad");
        String option = "{\"attribute_id\":\"" + colour + "\",\"values\":[{\"value_index\":" + red + "}]}";
        post("/V1/products", "{\"product\":{\"sku\":\"" + parent + "\",\"name\":\"Cap\",\"type_id\":\"configurable\","
                + "\"extension_attributes\":{\"configurable_product_options\":[" + option + "]}}}").statusCode(200);
        String update = "{\"product\":{\"extension_attributes\":{\"configurable_product_options\":[%s]}}}";
        put("/V1/products/" + parent, update.formatted("{\"attribute_id\":\"999999\",\"values\":[{\"value_index\":1}]}"))
                .statusCode(404).body("message", startsWith("The attribute with a \"%1\" attributeId doesn't exist."));
        put("/V1/products/" + parent, update.formatted("{\"attribute_id\":\"" + colour + "\",\"values\":[{\"value_index\":999999999}]}"))
                .statusCode(400).body("message", startsWith("The value index %1 is not an option"));
        put("/V1/products/" + parent, update.formatted("{\"attribute_id\":\"" + colour + "\",\"values\":[]}"))
                .statusCode(400).body("message", equalTo("Option values are not specified."));
        put("/V1/products/" + parent, update.formatted("{\"values\":[{\"value_index\":" + red + "}]}"))
                .statusCode(400).body("parameters.fieldName", equalTo("attribute_id"));
        put("/V1/products/" + parent, update.formatted(option + "," + option))
                .statusCode(400).body("message", startsWith("The \"%1\" attribute is already a configurable option"));
        put("/V1/products/" + parent, update.formatted("{\"attribute_id\":\"" + colour + "\",\"values\":[{\"value_index\":\"red\"}]}"))
                .statusCode(400);
        get("/V1/products/" + parent).body("extension_attributes.configurable_product_options.values[0].value_index",
                contains(Integer.parseInt(red)));
        // A simple product takes no configurable options, and a failed create leaves no product.
        String simple = unique("CfgSimple");
        post("/V1/products", "{\"product\":{\"sku\":\"" + simple + "\",\"name\":\"S\",\"price\":1,"
                + "\"extension_attributes\":{\"configurable_product_options\":[" + option + "]}}}").statusCode(400)
                .body("message", startsWith("The product \"%1\" is a %2 product; only configurable products"));
        get("/V1/products/" + simple).statusCode(404);
    }

    private static String child(String sku, String attribute, String optionId) {
        return product(sku, "simple", ",\"custom_attributes\":[{\"attribute_code\":\"" + attribute + "\",\"value\":\"" + optionId + "\"}]");
    }
}
