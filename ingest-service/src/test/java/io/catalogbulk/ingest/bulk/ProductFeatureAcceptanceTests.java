package io.catalogbulk.ingest.bulk;

import static io.catalogbulk.ingest.support.ContentTestSupport.newProduct;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.count;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Every product feature route is accepted asynchronously and in bulk: 202, one operation per item with the
 * route's topic. Input rules refuse at ingest. What the operations do is tested beside the entities, in catalog.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ProductFeatureAcceptanceTests {

    /** An async URL, its bulk URL, one async body, the bulk item and the topic. */
    record Call(String asyncPath, String bulkPath, String body, String bulkItem, String topic) {
    }

    /** A real 1x1 PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    static final String MEDIA = mediaEntry(PNG, "image/png", "a.png");
    static final String SIZE_ATTRIBUTE = "{\"attribute\":{\"attribute_code\":\"size\",\"frontend_input\":\"select\","
            + "\"default_frontend_label\":\"Size\",\"scope\":\"global\",\"is_required\":false,\"options\":[{\"label\":\"S\"}]}}";

    static String mediaEntry(String data, String type, String name) {
        return "{\"entry\":{\"media_type\":\"image\",\"label\":\"Front\",\"position\":1,\"disabled\":false,"
                + "\"types\":[\"image\",\"small_image\",\"thumbnail\"],"
                + "\"content\":{\"base64_encoded_data\":\"" + data + "\",\"type\":\"" + type + "\",\"name\":\"" + name + "\"}}}";
    }

    static final List<Call> CALLS = List.of(
            new Call("/V1/products/X-1/media", "/V1/products/bySku/media", MEDIA, "{\"sku\":\"X-1\"," + MEDIA.substring(1),
                    "async.magento.catalog.api.productattributemediagallerymanagementinterface.create.post"),
            new Call("/V1/products/X-1/media/5", "/V1/products/bySku/media/byEntryId", "{\"entry\":{\"label\":\"L\"}}",
                    "{\"sku\":\"X-1\",\"entryId\":5,\"entry\":{\"label\":\"L\"}}", "async.magento.catalog.api.productattributemediagallerymanagementinterface.update.put"),
            new Call("/V1/products/X-1/media/5", "/V1/products/bySku/media/byEntryId", "", "{\"sku\":\"X-1\",\"entryId\":5}",
                    "async.magento.catalog.api.productattributemediagallerymanagementinterface.remove.delete"),
            new Call("/V1/products/attributes", "/V1/products/attributes", SIZE_ATTRIBUTE, SIZE_ATTRIBUTE,
                    "async.magento.catalog.api.productattributerepositoryinterface.save.post"),
            new Call("/V1/products/attributes/size/options", "/V1/products/attributes/byAttributeCode/options",
                    "{\"option\":{\"label\":\"XL\"}}", "{\"attributeCode\":\"size\",\"option\":{\"label\":\"XL\"}}",
                    "async.magento.catalog.api.productattributeoptionmanagementinterface.add.post"),
            new Call("/V1/configurable-products/P-1/options", "/V1/configurable-products/bySku/options",
                    "{\"option\":{\"attribute_id\":\"1001\",\"label\":\"Size\",\"values\":[{\"value_index\":4}]}}",
                    "{\"sku\":\"P-1\",\"option\":{\"attribute_id\":\"1001\",\"label\":\"Size\",\"values\":[{\"value_index\":4}]}}",
                    "async.magento.configurableproduct.api.optionrepositoryinterface.save.post"),
            new Call("/V1/configurable-products/P-1/child", "/V1/configurable-products/bySku/child", "{\"childSku\":\"P-1-S\"}",
                    "{\"sku\":\"P-1\",\"childSku\":\"P-1-S\"}", "async.magento.configurableproduct.api.linkmanagementinterface.addchild.post"),
            new Call("/V1/products/options", "/V1/products/options",
                    "{\"option\":{\"product_sku\":\"X-1\",\"title\":\"T\",\"type\":\"field\",\"price\":1,\"price_type\":\"fixed\"}}",
                    "{\"option\":{\"product_sku\":\"X-1\",\"title\":\"T\",\"type\":\"field\",\"price\":1,\"price_type\":\"fixed\"}}",
                    "async.magento.catalog.api.productcustomoptionrepositoryinterface.save.post"),
            new Call("/V1/products/base-prices", "/V1/products/base-prices", "{\"prices\":[{\"sku\":\"X-1\",\"price\":3,\"store_id\":0}]}",
                    "{\"prices\":[{\"sku\":\"X-1\",\"price\":3,\"store_id\":0}]}", "async.magento.catalog.api.basepricestorageinterface.update.post"),
            new Call("/V1/products/special-price", "/V1/products/special-price",
                    "{\"prices\":[{\"sku\":\"X-1\",\"price\":3,\"store_id\":0,\"price_from\":\"2030-01-01\"}]}",
                    "{\"prices\":[{\"sku\":\"X-1\",\"price\":3,\"store_id\":0,\"price_from\":\"2030-01-01\"}]}",
                    "async.magento.catalog.api.specialpricestorageinterface.update.post"),
            new Call("/V1/inventory/source-items", "/V1/inventory/source-items",
                    "{\"sourceItems\":[{\"sku\":\"X-1\",\"source_code\":\"default\",\"quantity\":1,\"status\":1}]}",
                    "{\"sourceItems\":[{\"sku\":\"X-1\",\"source_code\":\"default\",\"quantity\":1,\"status\":1}]}",
                    "async.magento.inventoryapi.api.sourceitemssaveinterface.execute.post"));

    static String method(Call call) {
        return call.topic().substring(call.topic().lastIndexOf('.') + 1).toUpperCase();
    }

    @Test
    void everyRouteIsAcceptedAsyncAndInBulk() throws Exception {
        for (Call call : CALLS) {
            var async = asAdmin().body(call.body().isEmpty() ? "{}" : call.body())
                    .request(method(call), "/rest/async" + call.asyncPath()).then()
                    .statusCode(202).body("errors", equalTo(false)).body("request_items", hasSize(1)).extract();
            String uuid = async.path("bulk_uuid");
            assertEquals(1, count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND topic_name = ?", UUID.fromString(uuid),
                    call.topic()), call.asyncPath());

            var bulk = asAdmin().body("[" + call.bulkItem() + "," + call.bulkItem() + "]")
                    .request(method(call), "/rest/async/bulk" + call.bulkPath()).then()
                    .statusCode(202).body("request_items", hasSize(2)).extract();
            assertEquals(2, count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND topic_name = ?",
                    UUID.fromString(bulk.path("bulk_uuid")), call.topic()), call.bulkPath());
        }
    }

    @Test
    void inputRulesRefuseAtIngest() {
        asAdmin().body(mediaEntry("@@", "image/png", "a.png")).post("/rest/async/V1/products/X-1/media").then().statusCode(400)
                .body("message", equalTo("The image content must be valid base64 encoded data."));
        asAdmin().body("{\"sourceItems\":[{\"sku\":\"X-1\",\"source_code\":\"default\",\"quantity\":1,\"status\":3}]}")
                .post("/rest/async/V1/inventory/source-items").then().statusCode(400);
        asAdmin().body("[{\"sku\":\"P-1\",\"option\":{\"attribute_id\":\"1\",\"values\":[]}}]")
                .post("/rest/async/bulk/V1/configurable-products/bySku/options").then().statusCode(400);
        asAdmin().body("{\"attribute\":{\"attribute_code\":\"has space\",\"frontend_input\":\"select\",\"default_frontend_label\":\"x\"}}")
                .post("/rest/async/V1/products/attributes").then().statusCode(400);
    }

    @Test
    void aBulkWithOneBadImageIsRefusedWhole() {
        String sku = newProduct("Media tee", 20);
        // The bad item refuses the whole request before anything is stored.
        asAdmin().body("[{\"sku\":\"" + sku + "\"," + mediaEntry(PNG, "image/png", "ok.png").substring(1)
                        + ",{\"sku\":\"" + sku + "\"," + mediaEntry("@@@", "image/png", "x.png").substring(1) + "]")
                .post("/rest/async/bulk/V1/products/bySku/media").then().statusCode(400);
        asAdmin().get("/rest/V1/products/" + sku + "/media").then().statusCode(200).body("", hasSize(0));
    }
}
