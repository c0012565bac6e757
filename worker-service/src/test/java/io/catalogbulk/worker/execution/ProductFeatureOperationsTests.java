package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_DELETE;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.awaitFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.deleteJson;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;

/**
 * The product feature operations as the worker executes them from the queue: results recorded, and every business
 * rule a client can trip over ending as a failed operation (3) with a clear message and the status the
 * synchronous call would answer, never a 500. What the operations store is tested beside the entities, in catalog.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductFeatureOperationsTests {

    static final String MEDIA_CREATE = "async.magento.catalog.api.productattributemediagallerymanagementinterface.create.post";
    static final String MEDIA_UPDATE = "async.magento.catalog.api.productattributemediagallerymanagementinterface.update.put";
    static final String MEDIA_REMOVE = "async.magento.catalog.api.productattributemediagallerymanagementinterface.remove.delete";
    static final String ATTRIBUTE_SAVE = "async.magento.catalog.api.productattributerepositoryinterface.save.post";
    static final String OPTION_ADD = "async.magento.catalog.api.productattributeoptionmanagementinterface.add.post";
    static final String CONFIGURABLE_OPTION = "async.magento.configurableproduct.api.optionrepositoryinterface.save.post";
    static final String ADD_CHILD = "async.magento.configurableproduct.api.linkmanagementinterface.addchild.post";
    static final String CUSTOM_OPTION = "async.magento.catalog.api.productcustomoptionrepositoryinterface.save.post";
    static final String BASE_PRICES = "async.magento.catalog.api.basepricestorageinterface.update.post";
    static final String SPECIAL_PRICE = "async.magento.catalog.api.specialpricestorageinterface.update.post";
    static final String SOURCE_ITEMS = "async.magento.inventoryapi.api.sourceitemssaveinterface.execute.post";

    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    static final String NOT_FOUND = "The product that was requested doesn't exist. Verify the product and try again.";

    static OperationState execute(String topic, String data) throws Exception {
        UUID bulk = bulk(NewOperation.implicit(topic, data));
        publish(message(bulk, 0, topic));
        return awaitFinished(bulk, 0);
    }

    static OperationState complete(String topic, String data) throws Exception {
        OperationState state = execute(topic, data);
        assertEquals(COMPLETE, state.status(), () -> topic + " failed: " + state.message());
        return state;
    }

    static void failed(String topic, String data, int errorCode, String message) throws Exception {
        OperationState state = execute(topic, data);
        assertEquals(NOT_RETRIABLY_FAILED, state.status(), () -> topic + ": " + state);
        assertEquals(errorCode, state.errorCode(), () -> state.message());
        assertEquals(message, state.message());
        assertNull(state.resultData());
    }

    static String productOf(String sku, String type, String customAttributes) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + sku + "\",\"price\":20,\"attribute_set_id\":4,\"type_id\":\"" + type
                + "\"" + (customAttributes == null ? "" : ",\"custom_attributes\":" + customAttributes) + "}}";
    }

    static String media(String sku, String data, String name) {
        return "{\"sku\":\"" + sku + "\",\"entry\":{\"media_type\":\"image\",\"label\":\"Front\",\"position\":1,\"disabled\":false,"
                + "\"types\":[\"image\"],\"content\":{\"base64_encoded_data\":\"" + data + "\",\"type\":\"image/png\",\"name\":\"" + name + "\"}}}";
    }

    @Test
    void mediaIsAddedChangedAndRemoved() throws Exception {
        String sku = unique("W-Media");
        complete(PRODUCT_POST, productJson(sku, "Media Tee", 20));
        long entry = complete(MEDIA_CREATE, media(sku, PNG, "front.png")).result().asLong();
        assertTrue(entry > 0, "the new entry's id is the recorded result");
        assertEquals("true", complete(MEDIA_UPDATE, "{\"sku\":\"" + sku + "\",\"entryId\":" + entry
                + ",\"entry\":{\"label\":\"Back\",\"disabled\":true}}").resultData());
        assertEquals("true", complete(MEDIA_REMOVE, "{\"sku\":\"" + sku + "\",\"entryId\":" + entry + "}").resultData());
    }

    @Test
    void badMediaFailsTheOperation() throws Exception {
        String sku = unique("W-BadMedia");
        complete(PRODUCT_POST, productJson(sku, "Media Tee", 20));
        // Ingest refuses these; an operation stored another way still fails cleanly in the worker.
        failed(MEDIA_CREATE, media(sku, "%%%", "a.png"), 400, "The image content must be valid base64 encoded data.");
        failed(MEDIA_CREATE, media(sku, "JVBERi0xLjQ=", "a.png"), 400,
                "The image content is not a image/png image: its bytes do not match its declared MIME type.");
        failed(MEDIA_CREATE, media(unique("W-NoSuch"), PNG, "a.png"), 404, NOT_FOUND);
        failed(MEDIA_REMOVE, "{\"sku\":\"" + sku + "\",\"entryId\":999999999}", 404,
                "No image with the provided ID was found. Verify the ID and try again.");
    }

    @Test
    void configurableProductFromAttributesToChildren() throws Exception {
        String code = "size_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        JsonNode attribute = complete(ATTRIBUTE_SAVE, "{\"attribute\":{\"attribute_code\":\"" + code + "\",\"frontend_input\":\"select\","
                + "\"default_frontend_label\":\"Size\",\"options\":[{\"label\":\"S\"},{\"label\":\"M\"}]}}").result();
        int attributeId = attribute.get("attribute_id").asInt();
        String small = attribute.get("options").get(0).get("value").asText();
        String medium = attribute.get("options").get(1).get("value").asText();
        String large = complete(OPTION_ADD, "{\"attributeCode\":\"" + code + "\",\"option\":{\"label\":\"L\"}}").result().asText();
        assertTrue(large.matches("\\d+"), large);
        failed(ATTRIBUTE_SAVE, "{\"attribute\":{\"attribute_code\":\"" + code + "\",\"frontend_input\":\"select\","
                + "\"default_frontend_label\":\"Size\"}}", 400, "An attribute with the same code (" + code + ") already exists.");
        failed(OPTION_ADD, "{\"attributeCode\":\"" + code + "_no\",\"option\":{\"label\":\"L\"}}", 404,
                "The attribute with a \"" + code + "_no\" attributeCode doesn't exist. Verify the attribute and try again.");

        String parent = unique("W-Cfg");
        complete(PRODUCT_POST, "{\"product\":{\"sku\":\"" + parent + "\",\"name\":\"Tee\",\"type_id\":\"configurable\"}}");
        failed(CONFIGURABLE_OPTION, "{\"sku\":\"" + parent + "\",\"option\":{\"attribute_id\":\"99999999\",\"label\":\"Size\","
                + "\"values\":[{\"value_index\":1}]}}", 404,
                "The attribute with a \"99999999\" attributeId doesn't exist. Verify the attribute and try again.");
        complete(CONFIGURABLE_OPTION, "{\"sku\":\"" + parent + "\",\"option\":{\"attribute_id\":\"" + attributeId + "\",\"label\":\"Size\","
                + "\"position\":0,\"is_use_default\":true,\"values\":[{\"value_index\":" + small + "},{\"value_index\":" + medium
                + "},{\"value_index\":" + large + "}]}}");

        failed(PRODUCT_POST, productOf(parent + "-X", "simple", "[{\"attribute_code\":\"" + code + "\",\"value\":\"999999999\"}]"), 400,
                "The value \"999999999\" is not an option of the \"" + code + "\" attribute. Use one of its option ids: ["
                        + small + ", " + medium + ", " + large + "].");
        for (String[] size : new String[][] {{"S", small}, {"M", medium}, {"L", large}}) {
            String child = parent + "-" + size[0];
            complete(PRODUCT_POST, productOf(child, "simple", "[{\"attribute_code\":\"" + code + "\",\"value\":\"" + size[1] + "\"}]"));
            assertEquals(Boolean.TRUE, complete(ADD_CHILD, "{\"sku\":\"" + parent + "\",\"childSku\":\"" + child + "\"}").result().asBoolean());
        }

        failed(ADD_CHILD, "{\"sku\":\"" + parent + "\",\"childSku\":\"" + parent + "-S\"}", 400, "The product is already attached.");
        complete(PRODUCT_POST, productOf(parent + "-V", "virtual", "[{\"attribute_code\":\"" + code + "\",\"value\":\"" + small + "\"}]"));
        failed(ADD_CHILD, "{\"sku\":\"" + parent + "\",\"childSku\":\"" + parent + "-V\"}", 400, "The child product \"" + parent
                + "-V\" is a virtual product; only simple products can be children of a configurable product.");
        complete(PRODUCT_POST, productOf(parent + "-N", "simple", null));
        failed(ADD_CHILD, "{\"sku\":\"" + parent + "\",\"childSku\":\"" + parent + "-N\"}", 400,
                "The child product doesn't have the \"" + code + "\" attribute value. Verify the value and try again.");
        failed(ADD_CHILD, "{\"sku\":\"" + parent + "-N\",\"childSku\":\"" + parent + "-S\"}", 400, "The product \"" + parent
                + "-N\" is a simple product; children can only be attached to a configurable product.");

        complete(PRODUCT_DELETE, deleteJson(parent));
    }

    @Test
    void customOptions() throws Exception {
        String sku = unique("W-Opt");
        complete(PRODUCT_POST, productJson(sku, "Options", 20));
        JsonNode option = complete(CUSTOM_OPTION, "{\"option\":{\"product_sku\":\"" + sku + "\",\"title\":\"Gift\",\"type\":\"radio\","
                + "\"is_require\":false,\"sort_order\":2,\"values\":[{\"title\":\"Yes\",\"price\":3,\"price_type\":\"fixed\"}]}}").result();
        assertEquals("Gift", option.get("title").asText());
        assertTrue(option.get("values").get(0).get("option_type_id").asInt() > 0);
        failed(CUSTOM_OPTION, "{\"option\":{\"product_sku\":\"" + sku + "-none\",\"title\":\"T\",\"type\":\"field\",\"price\":1}}",
                404, NOT_FOUND);
    }

    @Test
    void aPriceItemRefusedAsynchronouslyFailsTheOperation() throws Exception {
        String sku = unique("W-Price");
        complete(PRODUCT_POST, productJson(sku, "Priced", 20));
        OperationState ok = complete(BASE_PRICES, "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":17,\"store_id\":1}]}");
        assertEquals(0, ok.result().size(), "no refused items");

        // The synchronous route would answer 200 listing the refused item; the worker runs the handler as
        // asynchronous, so the operation fails with the item's message instead of completing invisibly.
        String missing = unique("W-NoSku");
        failed(BASE_PRICES, "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":18,\"store_id\":0},{\"sku\":\"" + missing
                + "\",\"price\":5,\"store_id\":0}]}", 400, "Invalid attribute SKU = " + missing + ".");
        complete(SPECIAL_PRICE, "{\"prices\":[{\"sku\":\"" + sku + "\",\"price\":9,\"store_id\":0,\"price_from\":\"2030-01-01\"}]}");
    }

    @Test
    void sourceItems() throws Exception {
        String sku = unique("W-Stock");
        complete(PRODUCT_POST, productJson(sku, "Stocked", 20));
        assertEquals(0, complete(SOURCE_ITEMS, "{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":7,"
                + "\"status\":1}]}").result().size());
        failed(SOURCE_ITEMS, "{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"default\",\"quantity\":-1,\"status\":1}]}",
                400, "The quantity of \"" + sku + "\" at source \"default\" can't be negative (-1).");
        failed(SOURCE_ITEMS, "{\"sourceItems\":[{\"sku\":\"" + sku + "\",\"source_code\":\"mars\",\"quantity\":1,\"status\":1}]}",
                400, "Source with code \"mars\" does not exist.");
        failed(SOURCE_ITEMS, "{\"sourceItems\":[{\"sku\":\"" + sku + "-no\",\"source_code\":\"default\",\"quantity\":1,\"status\":1}]}",
                400, "Product with SKU \"" + sku + "-no\" does not exist.");
    }
}
