package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.DEFAULT_STORE;
import static io.catalogbulk.worker.WorkerFixtures.NOT_RETRIABLY_FAILED;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_POST;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_PUT;
import static io.catalogbulk.worker.WorkerFixtures.PRODUCT_SAVED;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.count;
import static io.catalogbulk.worker.WorkerFixtures.counter;
import static io.catalogbulk.worker.WorkerFixtures.message;
import static io.catalogbulk.worker.WorkerFixtures.messages;
import static io.catalogbulk.worker.WorkerFixtures.operation;
import static io.catalogbulk.worker.WorkerFixtures.priceUpdateJson;
import static io.catalogbulk.worker.WorkerFixtures.productJson;
import static io.catalogbulk.worker.WorkerFixtures.products;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static io.catalogbulk.worker.WorkerFixtures.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationMessage;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;
import io.catalogbulk.worker.WorkerFixtures.StoreValues;

/**
 * Product saves of one batch go through the set-based handler (a few multi-row statements for the whole batch):
 * the outcomes and the catalog must be exactly what one save per operation produces, including for operations
 * the set-based path hands back to the single save (existing SKU, SKU repeated in the batch, partial body), and a failing operation still fails alone.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class SetBasedSaveTests {

    @Inject
    BatchExecutor executor;

    @Inject
    MeterRegistry registry;

    static String fullProduct(String sku, String name, int price) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"attribute_set_id\":4,\"price\":" + price
                + ".5,\"type_id\":\"simple\",\"weight\":1.25,\"visibility\":2,"
                + "\"extension_attributes\":{\"website_ids\":[1]},"
                + "\"custom_attributes\":[{\"attribute_code\":\"description\",\"value\":\"Set-based " + name + "\"}]}}";
    }

    static String withUrlKey(String sku, String urlKey) {
        return "{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"Url\",\"price\":3,"
                + "\"custom_attributes\":[{\"attribute_code\":\"url_key\",\"value\":\"" + urlKey + "\"}]}}";
    }

    double setBased() {
        return counter(registry, "catalog_bulk_set_based_operations");
    }

    /** The result of a save without what differs between two products (id, SKU, timestamps). */
    static JsonNode comparable(OperationState state) {
        ObjectNode result = (ObjectNode) state.result().deepCopy();
        result.remove(List.of("id", "sku", "created_at", "updated_at"));
        return result;
    }

    @Test
    void newProductsAreSavedSetBasedWithTheResultASingleSaveGives() throws Exception {
        // Reference: the same body saved alone (a batch of one runs the single save).
        String reference = unique("W-SetRef");
        UUID single = bulk(NewOperation.implicit(PRODUCT_POST, fullProduct(reference, "Same", 7)));
        executor.execute(List.of(message(single, 0, PRODUCT_POST)));
        OperationState expected = operation(single, 0);
        assertEquals(COMPLETE, expected.status(), expected::message);

        List<NewOperation> operations = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            skus.add(unique("W-Set" + i));
            operations.add(NewOperation.implicit(PRODUCT_POST, fullProduct(skus.get(i), "Same", 7)));
        }
        UUID bulk = bulk(operations.toArray(NewOperation[]::new));
        double before = setBased();
        double redone = counter(registry, "catalog_bulk_optimistic_batches_redone");
        executor.execute(messages(bulk, 6, PRODUCT_POST));

        assertEquals(before + 6, setBased(), "all six through the set-based handler");
        assertEquals(redone, counter(registry, "catalog_bulk_optimistic_batches_redone"));
        for (int i = 0; i < 6; i++) {
            OperationState state = operation(bulk, i);
            assertEquals(COMPLETE, state.status(), state::message);
            assertEquals(PRODUCT_SAVED, state.message());
            assertEquals(skus.get(i), state.result().get("sku").asText());
            assertEquals(comparable(expected), comparable(state));
            assertEquals(1, products(skus.get(i)));
            assertEquals(values(reference, 0), values(skus.get(i), 0), "global values as a single save writes them");
            assertNull(values(skus.get(i), DEFAULT_STORE), "no store row in the implicit scope, as a single save");
        }
    }

    @Test
    void inAStoreScopeTheStoreValuesAreWrittenToo() throws Exception {
        String reference = unique("W-SetStoreRef");
        UUID single = bulk(NewOperation.store(DEFAULT_STORE, PRODUCT_POST, fullProduct(reference, "Store", 9)));
        executor.execute(List.of(message(single, 0, PRODUCT_POST)));
        String[] skus = {unique("W-SetStoreA"), unique("W-SetStoreB")};
        UUID bulk = bulk(NewOperation.store(DEFAULT_STORE, PRODUCT_POST, fullProduct(skus[0], "Store", 9)),
                NewOperation.store(DEFAULT_STORE, PRODUCT_POST, fullProduct(skus[1], "Store", 9)));
        double before = setBased();
        executor.execute(messages(bulk, 2, PRODUCT_POST));

        assertEquals(before + 2, setBased());
        StoreValues expected = values(reference, DEFAULT_STORE);
        assertNotNull(expected);
        for (int i = 0; i < 2; i++) {
            assertEquals(COMPLETE, operation(bulk, i).status());
            assertEquals(comparable(operation(single, 0)), comparable(operation(bulk, i)));
            assertEquals(expected, values(skus[i], DEFAULT_STORE));
            assertEquals(values(reference, 0), values(skus[i], 0));
        }
    }

    @Test
    void operationsTheSetBasedPathCannotTakeRunAsSingleSavesInOrder() throws Exception {
        String existing = unique("W-SetExisting");
        UUID first = bulk(NewOperation.implicit(PRODUCT_POST, productJson(existing, "Before", 1)));
        executor.execute(List.of(message(first, 0, PRODUCT_POST)));

        String repeated = unique("W-SetTwice");
        String fresh = unique("W-SetFresh");
        String url = unique("W-SetUrl");
        UUID bulk = bulk(
                NewOperation.implicit(PRODUCT_POST, productJson(existing, "After", 2)), // exists: an update
                NewOperation.implicit(PRODUCT_POST, productJson(repeated, "Twice one", 10)), // created ...
                NewOperation.implicit(PRODUCT_POST, productJson(repeated, "Twice two", 20)), // ... then updated
                NewOperation.implicit(PRODUCT_POST, withUrlKey(url, url.toLowerCase())), // url_key: checked set-based
                NewOperation.implicit(PRODUCT_POST, productJson(fresh, "Fresh", 5))); // set-based
        double before = setBased();
        executor.execute(messages(bulk, 5, PRODUCT_POST));

        for (int i = 0; i < 5; i++) {
            OperationState state = operation(bulk, i);
            assertEquals(COMPLETE, state.status(), state::message);
        }
        // The run of product saves went to the set-based handler; the existing and the repeated SKU were saved alone.
        assertEquals(before + 5, setBased(), "the handler was given the whole run of product saves");
        // An update in the implicit scope writes the default store's values (as a single save does); each result
        // is the product as that store sees it after its own save.
        assertEquals("After", operation(bulk, 0).result().get("name").asText());
        assertEquals("After", values(existing, DEFAULT_STORE).name());
        assertEquals("Twice one", operation(bulk, 1).result().get("name").asText(), "each result is its own save's");
        assertEquals("Twice two", operation(bulk, 2).result().get("name").asText(), "the later operation on a SKU wins");
        assertEquals(0, new BigDecimal(20).compareTo(operation(bulk, 2).result().get("price").decimalValue()));
        assertEquals("Twice two", values(repeated, DEFAULT_STORE).name());
        assertEquals(1, products(url));
        assertEquals(1, products(fresh));
        assertEquals(1, products(repeated));
    }

    /**
     * Outcomes of a batch are recorded with one statement, which meets the rows in storage order; finished_at must
     * still follow the order of execution, so the operation that wrote an entity last shows the later time. Here
     * the operation stored later runs first (batches execute in (bulk, id) order within one entity).
     */
    @Test
    void finishedAtFollowsTheOrderOfExecutionNotOfStorage() throws Exception {
        String sku = unique("W-SetOrder");
        UUID created = bulk(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Order", 1)));
        executor.execute(List.of(message(created, 0, PRODUCT_POST)));
        UUID first = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 11)));
        UUID second = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 22)));
        while (second.toString().compareTo(first.toString()) > 0) {
            // Stored and executed in the same order: settle this pair and draw another.
            executor.execute(List.of(message(first, 0, PRODUCT_PUT), message(second, 0, PRODUCT_PUT)));
            first = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 11)));
            second = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 22)));
        }
        // Executed in uuid order: the second bulk's operation (stored later) first, then the first bulk's.
        executor.execute(List.of(message(first, 0, PRODUCT_PUT), message(second, 0, PRODUCT_PUT)));

        OperationState ranFirst = operation(second, 0);
        OperationState ranLast = operation(first, 0);
        assertEquals(COMPLETE, ranFirst.status(), ranFirst::message);
        assertEquals(COMPLETE, ranLast.status(), ranLast::message);
        assertEquals(0, new BigDecimal(11).compareTo(ranLast.result().get("price").decimalValue()), "the last write wins");
        assertTrue(ranLast.finishedAt().isAfter(ranFirst.finishedAt()),
                () -> "finished " + ranFirst.finishedAt() + " then " + ranLast.finishedAt());
    }

    @Test
    void aFailingOperationFailsAloneAfterTheSetBasedTry() throws Exception {
        String[] skus = {unique("W-SetOkA"), unique("W-SetLong"), unique("W-SetOkB")};
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(skus[0], "Ok A", 1)),
                NewOperation.implicit(PRODUCT_POST, BatchIsolationTests.tooLongName(skus[1])),
                NewOperation.implicit(PRODUCT_POST, productJson(skus[2], "Ok B", 3)));
        middleFailsAloneAfterTheSetBasedTry(executor, registry, bulk, PRODUCT_POST, skus, BatchIsolationTests.TOO_LONG);
    }

    /**
     * Executes a batch of three operations on {@code skus} whose middle one cannot be saved: the set-based try fails,
     * the batch is redone once with savepoints, and only the middle operation fails (with {@code message}); its
     * product was rolled back, the others' saved.
     */
    static void middleFailsAloneAfterTheSetBasedTry(BatchExecutor executor, MeterRegistry registry, UUID bulk, String topic,
            String[] skus, String message) throws Exception {
        double redone = counter(registry, "catalog_bulk_optimistic_batches_redone");
        executor.execute(messages(bulk, 3, topic));

        assertEquals(redone + 1, counter(registry, "catalog_bulk_optimistic_batches_redone"));
        assertEquals(COMPLETE, operation(bulk, 0).status(), operation(bulk, 0)::message);
        OperationState failed = operation(bulk, 1);
        assertEquals(NOT_RETRIABLY_FAILED, failed.status(), failed::message);
        assertEquals(message, failed.message());
        assertEquals(COMPLETE, operation(bulk, 2).status(), operation(bulk, 2)::message);
        assertEquals(0, products(skus[1]), "the set-based insert of the failing product was rolled back");
        assertEquals(1, products(skus[0]));
        assertEquals(1, products(skus[2]));
    }

    @Test
    void saveAndUpdateRoutesOfOneBatchKeepTheirOwnRuns() throws Exception {
        String sku = unique("W-SetPut");
        UUID created = bulk(NewOperation.implicit(PRODUCT_POST, productJson(sku, "Put", 1)));
        executor.execute(List.of(message(created, 0, PRODUCT_POST)));
        String other = unique("W-SetPost");
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_PUT, priceUpdateJson(sku, 42)),
                NewOperation.implicit(PRODUCT_POST, productJson(other, "Post", 2)));
        List<OperationMessage> batch = List.of(message(bulk, 0, PRODUCT_PUT), message(bulk, 1, PRODUCT_POST));
        executor.execute(batch);

        OperationState put = operation(bulk, 0);
        assertEquals(COMPLETE, put.status(), put::message);
        assertEquals(COMPLETE, operation(bulk, 1).status());
        assertEquals(0, new BigDecimal(42).compareTo(put.result().get("price").decimalValue()));
        assertEquals("Put", put.result().get("name").asText(), "a partial update keeps what it does not set");
        assertEquals(1, products(other));
    }

    /**
     * New products whose body carries tier_prices (a member the set-based statements do not write) are handed to the
     * single save, which applies them; the others of the batch still go set-based.
     */
    @Test
    void tierPricesInABatchOfNewProductsAreSavedByTheSingleSave() throws Exception {
        String[] skus = {unique("W-SetTierA"), unique("W-SetPlain"), unique("W-SetTierB")};
        String tiers = ",\"tier_prices\":[{\"customer_group_id\":32000,\"qty\":2,\"value\":4},"
                + "{\"customer_group_id\":1,\"qty\":5,\"extension_attributes\":{\"website_id\":1,\"percentage_value\":10}}]";
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, productJson(skus[0], "Tier A", 5).replace("}}", tiers + "}}")),
                NewOperation.implicit(PRODUCT_POST, productJson(skus[1], "Plain", 5)),
                NewOperation.implicit(PRODUCT_POST, productJson(skus[2], "Tier B", 5).replace("}}", tiers + "}}")));
        executor.execute(messages(bulk, 3, PRODUCT_POST));

        for (int i = 0; i < 3; i++) {
            OperationState state = operation(bulk, i);
            assertEquals(COMPLETE, state.status(), state::message);
        }
        String tierRows = "SELECT count(*) FROM catalog_product_tier_price t JOIN catalog_product p ON p.id = t.product_id WHERE p.sku = ?";
        assertEquals(2, count(tierRows, skus[0]));
        assertEquals(0, count(tierRows, skus[1]));
        assertEquals(2, count(tierRows, skus[2]));
        assertEquals(1, count(tierRows + " AND t.value_type = 'discount' AND t.value = 10 AND t.website_id = 1", skus[2]));
    }

    /** A full product body with category links and a stock item, as an ERP's bulk of new products sends it. */
    static String withLinksAndStock(String sku, String categoryIds, int qty) {
        StringBuilder links = new StringBuilder();
        for (String id : categoryIds.split(",")) {
            links.append(links.isEmpty() ? "" : ",").append("{\"category_id\":\"").append(id).append("\",\"position\":3}");
        }
        return fullProduct(sku, "Linked", 4).replace("\"website_ids\":[1]}", "\"website_ids\":[1],\"category_links\":[" + links
                + "],\"stock_item\":{\"qty\":" + qty + ",\"is_in_stock\":true}}");
    }

    /**
     * Category links and stock of new products are written set-based too (one check, one insert, one read each for
     * the run), and the result and the stored rows are exactly what one save per product gives.
     */
    @Test
    void categoryLinksAndStockOfNewProductsAreSavedSetBasedLikeASingleSave() throws Exception {
        String reference = unique("W-SetLinkRef");
        UUID single = bulk(NewOperation.implicit(PRODUCT_POST, withLinksAndStock(reference, "2", 17)));
        executor.execute(List.of(message(single, 0, PRODUCT_POST)));
        OperationState expected = operation(single, 0);
        assertEquals(COMPLETE, expected.status(), expected::message);
        assertEquals("2", expected.result().at("/extension_attributes/category_links/0/category_id").asText());
        assertEquals(17, expected.result().at("/extension_attributes/stock_item/qty").asInt());

        String[] skus = {unique("W-SetLinkA"), unique("W-SetLinkB"), unique("W-SetLinkC")};
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, withLinksAndStock(skus[0], "2", 17)),
                NewOperation.implicit(PRODUCT_POST, withLinksAndStock(skus[1], "2", 17)),
                NewOperation.implicit(PRODUCT_POST, withLinksAndStock(skus[2], "2", 17)));
        double before = setBased();
        double redone = counter(registry, "catalog_bulk_optimistic_batches_redone");
        executor.execute(messages(bulk, 3, PRODUCT_POST));

        assertEquals(before + 3, setBased(), "all three through the set-based handler");
        assertEquals(redone, counter(registry, "catalog_bulk_optimistic_batches_redone"));
        String links = "SELECT count(*) FROM catalog_category_product c JOIN catalog_product p ON p.id = c.product_id"
                + " WHERE p.sku = ? AND c.category_id = 2 AND c.position = 3";
        String stock = "SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                + " WHERE p.sku = ? AND i.source_code = 'default' AND i.quantity = 17 AND i.status = 1";
        for (int i = 0; i < 3; i++) {
            OperationState state = operation(bulk, i);
            assertEquals(COMPLETE, state.status(), state::message);
            ObjectNode comparable = (ObjectNode) comparable(state);
            ObjectNode reference2 = (ObjectNode) comparable(expected);
            // stock_item names the product's own id
            ((ObjectNode) comparable.at("/extension_attributes/stock_item")).remove("product_id");
            ((ObjectNode) reference2.at("/extension_attributes/stock_item")).remove("product_id");
            assertEquals(reference2, comparable);
            assertEquals(state.result().get("id").asLong(), state.result().at("/extension_attributes/stock_item/product_id").asLong());
            assertEquals(1, count(links, skus[i]));
            assertEquals(1, count(stock, skus[i]));
        }
    }

    /** A link to a category that does not exist fails its own operation with Magento's message; the others are saved. */
    @Test
    void aLinkToAMissingCategoryFailsItsOperationAloneAfterTheSetBasedTry() throws Exception {
        String[] skus = {unique("W-SetCatOk"), unique("W-SetCatMissing"), unique("W-SetCatOk2")};
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, withLinksAndStock(skus[0], "2", 1)),
                NewOperation.implicit(PRODUCT_POST, withLinksAndStock(skus[1], "2,987654321", 1)),
                NewOperation.implicit(PRODUCT_POST, withLinksAndStock(skus[2], "2", 1)));
        middleFailsAloneAfterTheSetBasedTry(executor, registry, bulk, PRODUCT_POST, skus,
                "The product was unable to be saved. Please try again.");
    }

    /**
     * url keys of new products are locked and checked set-based: a key set twice in the batch or already taken makes
     * the batch run one save at a time, so only the product that takes the key second fails, with Magento's message.
     */
    @Test
    void aUrlKeyTakenInTheBatchOrBeforeFailsOnlyTheProductThatTakesItSecond() throws Exception {
        String taken = unique("w-set-taken").toLowerCase();
        UUID first = bulk(NewOperation.implicit(PRODUCT_POST, withUrlKey(unique("W-SetUrlOwner"), taken)));
        executor.execute(List.of(message(first, 0, PRODUCT_POST)));
        assertEquals(COMPLETE, operation(first, 0).status());

        String shared = unique("w-set-shared").toLowerCase();
        String[] skus = {unique("W-SetUrlA"), unique("W-SetUrlB"), unique("W-SetUrlC"), unique("W-SetUrlD")};
        UUID bulk = bulk(NewOperation.implicit(PRODUCT_POST, withUrlKey(skus[0], shared)),
                NewOperation.implicit(PRODUCT_POST, withUrlKey(skus[1], shared)),
                NewOperation.implicit(PRODUCT_POST, withUrlKey(skus[2], taken)),
                NewOperation.implicit(PRODUCT_POST, withUrlKey(skus[3], unique("w-set-free").toLowerCase())));
        executor.execute(messages(bulk, 4, PRODUCT_POST));

        assertEquals(COMPLETE, operation(bulk, 0).status(), operation(bulk, 0)::message);
        assertEquals(NOT_RETRIABLY_FAILED, operation(bulk, 1).status());
        assertEquals("URL key for specified store already exists.", operation(bulk, 1).message());
        assertEquals(NOT_RETRIABLY_FAILED, operation(bulk, 2).status());
        assertEquals("URL key for specified store already exists.", operation(bulk, 2).message());
        assertEquals(COMPLETE, operation(bulk, 3).status());
        assertEquals(0, products(skus[1]));
        assertEquals(0, products(skus[2]));
    }
}
