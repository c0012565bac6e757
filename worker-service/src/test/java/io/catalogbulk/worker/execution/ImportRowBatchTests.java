package io.catalogbulk.worker.execution;

import static io.catalogbulk.worker.WorkerFixtures.COMPLETE;
import static io.catalogbulk.worker.WorkerFixtures.bulk;
import static io.catalogbulk.worker.WorkerFixtures.count;
import static io.catalogbulk.worker.WorkerFixtures.counter;
import static io.catalogbulk.worker.WorkerFixtures.db;
import static io.catalogbulk.worker.WorkerFixtures.messages;
import static io.catalogbulk.worker.WorkerFixtures.operation;
import static io.catalogbulk.worker.WorkerFixtures.products;
import static io.catalogbulk.worker.WorkerFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.worker.WorkerFixtures.NewOperation;
import io.catalogbulk.worker.WorkerFixtures.OperationState;

/**
 * A batch of import rows ({@code POST /V1/import/rows/:entityType}, what an import's split publishes) goes to the
 * route's set-based handler: the catalog_product rows that create products are saved with their category links and
 * stock by a few multi-row statements, and a row that fails still fails alone once the batch is redone row by row.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ImportRowBatchTests {

    static final String IMPORT_ROW = "async.catalogbulk.import.api.importrowinterface.apply.post";

    @Inject
    BatchExecutor executor;

    @Inject
    MeterRegistry registry;

    /** The fixtures' bulks belong to admin user 1; import rows need their caller to exist and hold the type's ACL. */
    @BeforeEach
    void adminUserOne() throws Exception {
        try (Connection connection = db(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO admin_user (user_id, username, password_hash) VALUES (1, 'worker-tests-admin', 'unusable')"
                    + " ON CONFLICT DO NOTHING");
        }
    }

    static String row(int number, String sku, String categories, String extraCells) {
        return "{\"entityType\":\"catalog_product\",\"row\":{\"number\":" + number + ",\"cells\":{\"sku\":\"" + sku
                + "\",\"product_type\":\"simple\",\"attribute_set_code\":\"Default\",\"name\":\"Row " + number + "\",\"price\":\"9.5\","
                + "\"categories\":\"" + categories + "\"," + extraCells + "\"qty\":\"12\",\"is_in_stock\":\"1\"}}}";
    }

    @Test
    void newProductRowsOfABatchAreSavedSetBasedWithTheirCategoriesAndStock() throws Exception {
        String path = unique("W-ImpCat");
        String[] skus = {unique("W-ImpA"), unique("W-ImpB"), unique("W-ImpC")};
        UUID bulk = bulk(NewOperation.implicit(IMPORT_ROW, row(1, skus[0], "Default Category/" + path, "")),
                NewOperation.implicit(IMPORT_ROW, row(2, skus[1], "Default Category/" + path + "/Sub", "")),
                NewOperation.implicit(IMPORT_ROW, row(3, skus[2], "Default Category/" + path, "")));
        double setBased = counter(registry, "catalog_bulk_set_based_operations", "topic", IMPORT_ROW);
        double redone = counter(registry, "catalog_bulk_optimistic_batches_redone");
        executor.execute(messages(bulk, 3, IMPORT_ROW));

        OperationState first = operation(bulk, 0);
        assertEquals(COMPLETE, first.status(), first::message);
        assertEquals(setBased + 3, counter(registry, "catalog_bulk_set_based_operations", "topic", IMPORT_ROW));
        assertEquals(redone, counter(registry, "catalog_bulk_optimistic_batches_redone"));
        for (int i = 0; i < 3; i++) {
            OperationState state = operation(bulk, i);
            assertEquals(COMPLETE, state.status(), state::message);
            assertEquals(skus[i], state.result().get("sku").asText());
            assertEquals(1, products(skus[i]));
            assertEquals(1, count("SELECT count(*) FROM catalog_category_product c JOIN catalog_product p ON p.id = c.product_id"
                    + " WHERE p.sku = ? AND c.position = 0", skus[i]));
            assertEquals(1, count("SELECT count(*) FROM inventory_source_item i JOIN catalog_product p ON p.id = i.product_id"
                    + " WHERE p.sku = ? AND i.source_code = 'default' AND i.quantity = 12 AND i.status = 1", skus[i]));
        }
        // The path's first level was created once, by the first row that named it.
        assertEquals(1, count("SELECT count(*) FROM catalog_category_store_value WHERE store_id = 0 AND fields->>'name' = ?", path));
    }

    @Test
    void aRowThatFailsFailsAloneAfterTheSetBasedTry() throws Exception {
        String[] skus = {unique("W-ImpOk"), unique("W-ImpBad"), unique("W-ImpOk2")};
        UUID bulk = bulk(NewOperation.implicit(IMPORT_ROW, row(1, skus[0], "Default Category", "")),
                // A website that does not exist: the row's error, found while its product body is built.
                NewOperation.implicit(IMPORT_ROW, row(2, skus[1], "Default Category", "\"product_websites\":\"nosuchwebsite\",")),
                NewOperation.implicit(IMPORT_ROW, row(3, skus[2], "Default Category", "")));
        SetBasedSaveTests.middleFailsAloneAfterTheSetBasedTry(executor, registry, bulk, IMPORT_ROW, skus,
                "Invalid value in Website column (website does not exist?)");
    }
}
