package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.awaitAllFinished;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.customerJson;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.publish;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static io.catalogbulk.worker.WorkerFixtures.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;

/**
 * Categories, CMS pages and blocks, carts and customer updates consumed from the queue: each business rule a
 * user can trip over ends as a failed operation (3) with Magento's message, never a 500, and the rest of the
 * bulk still completes. What the operations store is tested beside the entities, in catalog.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ContentOperationsTests {

    static final String CATEGORY_POST = "async.magento.catalog.api.categoryrepositoryinterface.save.post";
    static final String CATEGORY_PUT = "async.magento.catalog.api.categoryrepositoryinterface.save.put";
    static final String CATEGORY_DELETE = "async.magento.catalog.api.categoryrepositoryinterface.deletebyidentifier.delete";
    static final String CATEGORY_LINK = "async.magento.catalog.api.categorylinkrepositoryinterface.save.post";
    static final String PAGE_POST = "async.magento.cms.api.pagerepositoryinterface.save.post";
    static final String PAGE_PUT = "async.magento.cms.api.pagerepositoryinterface.save.put";
    static final String PAGE_DELETE = "async.magento.cms.api.pagerepositoryinterface.deletebyid.delete";
    static final String BLOCK_POST = "async.magento.cms.api.blockrepositoryinterface.save.post";
    static final String BLOCK_DELETE = "async.magento.cms.api.blockrepositoryinterface.deletebyid.delete";
    static final String CART_POST = "async.magento.quote.api.cartmanagementinterface.createemptycart.post";
    static final String CART_ITEM = "async.magento.quote.api.cartitemrepositoryinterface.save.post";
    static final String CUSTOMER_POST = "async.magento.customer.api.accountmanagementinterface.createaccount.post";
    static final String CUSTOMER_PUT = "async.magento.customer.api.customerrepositoryinterface.save.put";
    static final String CUSTOMER_DELETE = "async.magento.customer.api.customerrepositoryinterface.deletebyid.delete";

    /** Runs the operations as one bulk (all with the same topic) and returns them finished, in id order. */
    static List<OperationState> run(String topic, String... data) throws Exception {
        NewOperation[] operations = new NewOperation[data.length];
        for (int i = 0; i < data.length; i++) {
            operations[i] = NewOperation.implicit(topic, data[i]);
        }
        return run(operations);
    }

    static List<OperationState> run(NewOperation... operations) throws Exception {
        UUID bulk = bulk(operations);
        List<OperationMessage> messages = new ArrayList<>();
        for (int i = 0; i < operations.length; i++) {
            messages.add(message(bulk, i, operations[i].topic()));
        }
        publish(messages.toArray(OperationMessage[]::new));
        return awaitAllFinished(bulk, operations.length);
    }

    static OperationState complete(OperationState state) {
        assertEquals(COMPLETE, state.status(), () -> "operation failed: " + state.message());
        return state;
    }

    /** Of two operations that compete for one thing, exactly one completes and the other fails as given; the winner. */
    static OperationState onlyOneCompletes(OperationState a, OperationState b, int code, String message) {
        List<OperationState> both = List.of(a, b);
        assertEquals(1, both.stream().filter(s -> s.status() == COMPLETE).count(), () -> "statuses " + both);
        failed(both.stream().filter(s -> s.status() != COMPLETE).findFirst().orElseThrow(), code, message);
        return both.stream().filter(s -> s.status() == COMPLETE).findFirst().orElseThrow();
    }

    static void failed(OperationState state, int code, String message) {
        assertEquals(NOT_RETRIABLY_FAILED, state.status(), () -> "expected a failure: " + state);
        assertEquals(code, state.errorCode());
        assertEquals(message, state.message());
        assertNull(state.resultData());
    }

    @Test
    void categoriesAreCreatedUpdatedLinkedAndDeleted() throws Exception {
        String name = "Shirts " + unique("c");
        List<OperationState> created = run(CATEGORY_POST,
                "{\"category\":{\"name\":\"" + name + "\",\"is_active\":true}}",
                "{\"category\":{\"name\":\"Orphan\",\"parent_id\":987654}}",
                "{\"category\":{\"name\":\"" + name + "\"}}");
        // The two categories of one name may run in either order (separate batches): the first wins the url_key.
        OperationState winner = onlyOneCompletes(created.get(0), created.get(2), 400,
                "Could not save category: URL key for specified store already exists.");
        JsonNode category = winner.result();
        int id = category.get("id").asInt();
        assertEquals("1/2/" + id, category.get("path").asText());
        assertEquals(2, category.get("level").asInt());
        assertEquals("Service execution success Magento\\Catalog\\Api\\CategoryRepositoryInterface::save", winner.message());
        failed(created.get(1), 400, "Could not save category: The parent category 987654 doesn't exist.");

        List<OperationState> renamed = run(CATEGORY_PUT,
                "{\"id\":" + id + ",\"category\":{\"id\":" + id + ",\"name\":\"Renamed\"}}",
                "{\"id\":987654,\"category\":{\"id\":987654,\"name\":\"Nobody\"}}");
        assertEquals("Renamed", complete(renamed.get(0)).result().get("name").asText());
        failed(renamed.get(1), 404, "No such entity with id = 987654");

        String sku = unique("W-Cat");
        complete(run(PRODUCT_POST, productJson(sku, "In a category", 10)).get(0));
        List<OperationState> links = run(CATEGORY_LINK,
                "{\"categoryId\":" + id + ",\"productLink\":{\"sku\":\"" + sku + "\",\"position\":2}}",
                "{\"categoryId\":" + id + ",\"productLink\":{\"sku\":\"no-such-" + sku + "\"}}");
        assertEquals("true", complete(links.get(0)).resultData());
        failed(links.get(1), 404, "The product that was requested doesn't exist. Verify the product and try again.");

        List<OperationState> deleted = run(CATEGORY_DELETE, "{\"categoryId\":" + id + "}", "{\"categoryId\":2}",
                "{\"categoryId\":" + id + "}");
        // The two deletes of one category may run in either order (separate batches): one deletes, one finds nothing.
        onlyOneCompletes(deleted.get(0), deleted.get(2), 404, "No such entity with id = " + id);
        failed(deleted.get(1), 400, "Cannot delete category with id 2");
    }

    @Test
    void cmsPagesAndBlocksIncludingTheSeedsBulkDelete() throws Exception {
        List<OperationState> pages = run(PAGE_POST,
                "{\"page\":{\"identifier\":\"" + unique("p1") + "\",\"title\":\"One\"}}",
                "{\"page\":{\"identifier\":\"" + unique("p2") + "\",\"title\":\"Two\",\"content\":\"<p>2</p>\"}}",
                "{\"page\":{\"identifier\":\"home\",\"title\":\"Home\"}}");
        int first = complete(pages.get(0)).result().get("id").asInt();
        JsonNode second = complete(pages.get(1)).result();
        assertEquals("<p>2</p>", second.get("content").asText());
        assertTrue(second.get("active").asBoolean());
        failed(pages.get(2), 400, "Could not save the page: This identifier is reserved for \"CMS Home Page\" in configuration.");

        List<OperationState> updated = run(PAGE_PUT, "{\"id\":" + first + ",\"page\":{\"id\":" + first + ",\"title\":\"Uno\"}}",
                "{\"id\":987654,\"page\":{\"id\":987654,\"title\":\"None\"}}");
        assertEquals("Uno", complete(updated.get(0)).result().get("title").asText());
        failed(updated.get(1), 404, "The CMS page with the \"987654\" ID doesn't exist.");

        // The seed's DELETE /async/bulk/V1/cmsPage/byPageId [{"page_id":"1"},{"page_id":"2"}], as ingest stores it.
        List<OperationState> deleted = run(PAGE_DELETE, "{\"pageId\":" + first + "}", "{\"pageId\":" + second.get("id").asInt() + "}",
                "{\"pageId\":987654}");
        assertEquals("true", complete(deleted.get(0)).resultData());
        complete(deleted.get(1));
        failed(deleted.get(2), 404, "The CMS page with the \"987654\" ID doesn't exist.");

        String identifier = unique("block");
        List<OperationState> blocks = run(BLOCK_POST, "{\"block\":{\"identifier\":\"" + identifier + "\",\"title\":\"B\"}}",
                "{\"block\":{\"identifier\":\"" + identifier + "\",\"title\":\"Twin\"}}");
        int block = onlyOneCompletes(blocks.get(0), blocks.get(1), 400,
                "A block identifier with the same properties already exists in the selected store.").result().get("id").asInt();
        complete(run(BLOCK_DELETE, "{\"blockId\":" + block + "}").get(0));
    }

    @Test
    void cartItemsFailClearlyOnBadQuantityUnknownSkuAndUnknownCart() throws Exception {
        String sku = unique("W-Cart");
        complete(run(PRODUCT_POST, productJson(sku, "Cart tee", 25)).get(0));
        int cart = complete(run(CART_POST, "{}").get(0)).result().asInt();
        assertTrue(cart > 0);
        String item = "{\"quoteId\":%d,\"cartItem\":{\"sku\":\"%s\",\"qty\":%s,\"quote_id\":\"%d\"}}";
        List<OperationState> items = run(CART_ITEM,
                item.formatted(cart, sku, "2", cart),
                item.formatted(cart, sku, "0", cart),
                item.formatted(cart, "no-such-" + sku, "1", cart),
                item.formatted(987654, sku, "1", 987654),
                item.formatted(cart, sku, "-1", cart));
        JsonNode added = complete(items.get(0)).result();
        assertEquals(25, added.get("price").asInt());
        assertEquals(2, added.get("qty").asInt());
        assertEquals(String.valueOf(cart), added.get("quote_id").asText());
        failed(items.get(1), 400, "Invalid value of \"0\" provided for the qty field.");
        failed(items.get(2), 404, "The product that was requested doesn't exist. Verify the product and try again.");
        failed(items.get(3), 404, "No such entity with cartId = 987654");
        failed(items.get(4), 400, "Invalid value of \"-1\" provided for the qty field.");
    }

    @Test
    void customersAreUpdatedAndDeleted() throws Exception {
        String email = uniqueEmail("upd");
        int id = complete(run(CUSTOMER_POST, customerJson(email, "Jane", "Doe")).get(0)).result().get("id").asInt();
        String taken = uniqueEmail("taken");
        complete(run(CUSTOMER_POST, customerJson(taken, "Tom", "Taken")).get(0));
        List<OperationState> updates = run(CUSTOMER_PUT,
                "{\"customerId\":" + id + ",\"customer\":{\"firstname\":\"Janet\"}}",
                "{\"customerId\":" + id + ",\"customer\":{\"email\":\"" + taken + "\"}}",
                "{\"customerId\":987654,\"customer\":{\"firstname\":\"Nobody\"}}",
                "{\"customerId\":" + id + ",\"customer\":{\"store_id\":987654}}");
        JsonNode customer = complete(updates.get(0)).result();
        assertEquals("Janet", customer.get("firstname").asText());
        assertEquals(email, customer.get("email").asText());
        failed(updates.get(1), 400, "A customer with the same email address already exists in an associated website.");
        failed(updates.get(2), 404, "No such entity with customerId = 987654");
        failed(updates.get(3), 404, "The store that was requested wasn't found. Verify the store and try again.");

        List<OperationState> deletes = run(CUSTOMER_DELETE, "{\"customerId\":" + id + "}", "{\"customerId\":" + id + "}");
        assertEquals(1, deletes.stream().filter(s -> s.status() == COMPLETE).count());
    }

    @Test
    void aDuplicateProductUrlKeyFailsTheSecondSave() throws Exception {
        String key = unique("url").toLowerCase();
        String product = "{\"product\":{\"sku\":\"%s\",\"name\":\"U\",\"attribute_set_id\":4,\"price\":1,"
                + "\"custom_attributes\":[{\"attribute_code\":\"url_key\",\"value\":\"" + key + "\"}]}}";
        List<OperationState> saved = run(PRODUCT_POST, product.formatted(unique("W-Url")), product.formatted(unique("W-Url")));
        assertEquals(1, saved.stream().filter(s -> s.status() == COMPLETE).count(), () -> "statuses " + saved);
        OperationState failed = saved.stream().filter(s -> s.status() != COMPLETE).findFirst().orElseThrow();
        failed(failed, 400, "URL key for specified store already exists.");
    }
}
