package io.catalogbulk.worker.ordering;

import static io.catalogbulk.worker.WorkerFixtures.ADMIN;
import static io.catalogbulk.worker.WorkerFixtures.ADMIN_USER_ID;
import static io.catalogbulk.worker.WorkerFixtures.DEFAULT_STORE;
import static io.catalogbulk.worker.WorkerFixtures.WAIT;
import static io.catalogbulk.worker.WorkerFixtures.count;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.ledger.NewBulkWriter;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.StoreScope;
import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteTable;
import io.catalogbulk.core.webapi.Json;

/** Bulks stored as ingest-service stores them (entity keys from the route, acceptance numbers in item order). */
final class OrderedBulks {

    private OrderedBulks() {
    }

    /** Accepts one bulk of {@code topic} with these items (ids 0..n-1), leaving its publication to the test. */
    static UUID accept(NewBulkWriter writer, RouteTable routes, String topic, String... items) throws SQLException {
        RouteDeclaration route = routes.byTopic(topic).orElseThrow();
        List<byte[]> data = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String item : items) {
            data.add(item.getBytes(StandardCharsets.UTF_8));
            keys.add(route.entityKey((ObjectNode) Json.parse(item)));
        }
        UUID uuid = UUID.randomUUID();
        // A lease of an hour: no publish relay of another suite on this database takes the bulk meanwhile.
        writer.write(uuid, topic, StoreScope.implicit(DEFAULT_STORE), new Caller(ADMIN_USER_ID, ADMIN), data, keys,
                Duration.ofHours(1), null);
        return uuid;
    }

    /** Waits until the worker has left the operation waiting for an earlier one on its entity. */
    static void awaitWaiting(UUID bulk, int id) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> waiting(bulk, id));
    }

    static boolean waiting(UUID bulk, int id) throws SQLException {
        return count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND id = ? AND status = 4 AND waits_since IS NOT NULL",
                bulk, id) == 1;
    }
}
