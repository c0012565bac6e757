package io.catalogbulk.ingest.bulk;

import static io.catalogbulk.ingest.support.ContentTestSupport.accepted;
import static io.catalogbulk.ingest.support.ContentTestSupport.newStore;
import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.ingest.support.ContentTestSupport.StoredOperation;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * The async and bulk forms of the category, CMS, cart and customer routes: accepted with 202, one operation per
 * item stored with the route's topic, store scope and parameters (path values copied in, Magento's PUT rule);
 * input refused at ingest. What the operations then do to the catalog is tested beside the entities, in catalog.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class EntityRoutesAcceptanceTests {

    @Test
    void cmsTheSeedsBulkDeleteAndTheAsyncFormsAreAccepted() throws Exception {
        List<StoredOperation> deletes = accepted(asAdmin().body("[{\"page_id\":\"1\"},{\"page_id\":\"2\"}]")
                .delete("/rest/async/bulk/V1/cmsPage/byPageId"));
        assertEquals(2, deletes.size());
        assertEquals("async.magento.cms.api.pagerepositoryinterface.deletebyid.delete", deletes.get(0).topic());
        assertTrue(deletes.get(0).serializedData().contains("\"pageId\":1"), deletes.get(0).serializedData());
        assertTrue(deletes.get(1).serializedData().contains("\"pageId\":2"), deletes.get(1).serializedData());

        assertEquals("async.magento.cms.api.pagerepositoryinterface.save.post", accepted(asAdmin().body("{\"page\":{\"title\":\"Async\"}}")
                .post("/rest/async/V1/cmsPage")).get(0).topic());
        assertEquals("async.magento.cms.api.pagerepositoryinterface.save.put", accepted(asAdmin().body("[{\"id\":7,\"page\":{\"title\":\"Bulk\"}}]")
                .put("/rest/async/bulk/V1/cmsPage/byId")).get(0).topic());
        assertEquals("async.magento.cms.api.blockrepositoryinterface.save.post", accepted(asAdmin().body("[{\"block\":{\"identifier\":\"b\",\"title\":\"B\"}}]")
                .post("/rest/async/bulk/V1/cmsBlock")).get(0).topic());
        assertEquals("async.magento.cms.api.blockrepositoryinterface.save.put", accepted(asAdmin().body("{\"block\":{\"title\":\"B\"}}")
                .put("/rest/async/V1/cmsBlock/3")).get(0).topic());
        assertEquals("async.magento.cms.api.blockrepositoryinterface.deletebyid.delete", accepted(asAdmin().body("[{\"blockId\":3}]")
                .delete("/rest/async/bulk/V1/cmsBlock/byBlockId")).get(0).topic());
        asAdmin().body("[{\"page_id\":\"x\"}]").delete("/rest/async/bulk/V1/cmsPage/byPageId").then().statusCode(400);
    }

    @Test
    void cartTheSeedsBulkAndTheAsyncFormsAreAccepted() throws Exception {
        assertEquals("async.magento.quote.api.cartmanagementinterface.createemptycart.post", accepted(asAdmin().post("/rest/async/V1/carts")).get(0).topic());
        List<StoredOperation> items = accepted(asAdmin().body("[{\"quoteId\":\"5\",\"cartItem\":{\"sku\":\"a\",\"qty\":1,\"quote_id\":\"5\"}},"
                + "{\"quote_id\":6,\"cartItem\":{\"sku\":\"b\",\"qty\":2,\"quote_id\":\"6\"}}]").post("/rest/async/bulk/V1/carts/byQuoteId/items"));
        assertEquals(List.of("async.magento.quote.api.cartitemrepositoryinterface.save.post", "async.magento.quote.api.cartitemrepositoryinterface.save.post"),
                items.stream().map(StoredOperation::topic).toList());
        asAdmin().body("[{\"cartItem\":{\"sku\":\"a\",\"qty\":1}}]").post("/rest/async/bulk/V1/carts/byQuoteId/items")
                .then().statusCode(400);
        asAdmin().body("[{\"quoteId\":5,\"cartItem\":{\"sku\":\"a\",\"qty\":\"many\"}}]").post("/rest/async/bulk/V1/carts/byQuoteId/items")
                .then().statusCode(400);
    }

    @Test
    void categoryAsyncAndBulkFormsAreAcceptedWithTheirTopicAndScope() throws Exception {
        List<StoredOperation> created = accepted(asAdmin().body("{\"category\":{\"name\":\"Async\"}}").post("/rest/async/V1/categories"));
        assertEquals(1, created.size());
        assertEquals("async.magento.catalog.api.categoryrepositoryinterface.save.post", created.get(0).topic());

        String store = newStore();
        List<StoredOperation> renamed = accepted(asAdmin().body("[{\"id\":3,\"category\":{\"name\":\"A\"}},{\"id\":\"4\",\"category\":{\"name\":\"B\"}}]")
                .put("/rest/" + store + "/async/bulk/V1/categories/byId"));
        assertEquals(2, renamed.size());
        assertEquals("async.magento.catalog.api.categoryrepositoryinterface.save.put", renamed.get(1).topic());
        assertEquals("store", renamed.get(0).scope());
        // The path id is copied into the category (Magento's PUT rule), as the sync route does.
        assertTrue(renamed.get(1).serializedData().contains("\"id\":4"), renamed.get(1).serializedData());

        List<StoredOperation> links = accepted(asAdmin()
                .body("[{\"categoryId\":3,\"productLink\":{\"sku\":\"a\",\"position\":1}},{\"category_id\":4,\"productLink\":{\"sku\":\"b\"}}]")
                .post("/rest/async/bulk/V1/categories/byCategoryId/products"));
        assertEquals(List.of("async.magento.catalog.api.categorylinkrepositoryinterface.save.post", "async.magento.catalog.api.categorylinkrepositoryinterface.save.post"),
                links.stream().map(StoredOperation::topic).toList());

        List<StoredOperation> deleted = accepted(asAdmin().body("[{\"category_id\":\"5\"}]").delete("/rest/all/async/bulk/V1/categories/byCategoryId"));
        assertEquals("async.magento.catalog.api.categoryrepositoryinterface.deletebyidentifier.delete", deleted.get(0).topic());
        assertEquals("all", deleted.get(0).scope());

        asAdmin().body("[{\"category\":\"not an object\"}]").post("/rest/async/bulk/V1/categories").then().statusCode(400)
                .body("errors.index", hasItem(0));
    }

    @Test
    void customerAsyncAndBulkFormsAreAccepted() throws Exception {
        List<StoredOperation> updates = accepted(asAdmin().body("[{\"customerId\":5,\"customer\":{\"firstname\":\"A\"}},"
                + "{\"customer_id\":\"6\",\"customer\":{\"lastname\":\"B\"}}]").put("/rest/async/bulk/V1/customers/byCustomerId"));
        assertEquals(2, updates.size());
        assertEquals("async.magento.customer.api.customerrepositoryinterface.save.put", updates.get(0).topic());
        assertEquals("async.magento.customer.api.customerrepositoryinterface.deletebyid.delete",
                accepted(asAdmin().delete("/rest/async/V1/customers/5")).get(0).topic());
        assertEquals("async.magento.customer.api.customerrepositoryinterface.deletebyid.delete",
                accepted(asAdmin().body("[{\"customerId\":5},{\"customerId\":6}]").delete("/rest/async/bulk/V1/customers/byCustomerId"))
                        .get(1).topic());
        asAdmin().get("/rest/async/V1/customers/search").then().statusCode(400);
    }
}
