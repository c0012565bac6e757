package io.catalogbulk.status.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;
import io.catalogbulk.testsupport.TestTokens;

/**
 * GET /V1/bulk/:uuid/events read by a real HTTP client, line by line as it arrives: progress events while
 * operations are open (at most one per second), one finished event, then the stream ends; Last-Event-ID resumes;
 * many streams of one bulk cost one query per tick, not one each.
 */
@QuarkusTest
// A hang fails the test instead of blocking the build.
@Timeout(60)
@WithTestResource(ServiceTestResource.class)
class BulkEventsTests {

    private static final int OPEN = OperationStatus.OPEN.code();
    private static final int COMPLETE = OperationStatus.COMPLETE.code();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    BulkProgressHub hub;

    record Event(String name, String id, JsonNode data, long receivedAtNanos) {
    }

    /** One stream: its events as they arrive; a null-named event marks the end of the stream. */
    static final class EventStream implements AutoCloseable {
        final int status;
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Thread reading;
        private final Stream<String> lines;

        EventStream(HttpResponse<Stream<String>> response) {
            status = response.statusCode();
            lines = response.body();
            reading = new Thread(() -> {
                String name = null;
                String id = null;
                StringBuilder data = new StringBuilder();
                try {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (name != null || data.length() > 0) {
                            events.add(new Event(name, id, Json.parse(data.toString()), System.nanoTime()));
                        }
                        name = null;
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
                } catch (java.io.UncheckedIOException e) {
                    // close() below: the test is done with this stream.
                }
                events.add(new Event(null, null, null, System.nanoTime()));
            }, "event-stream-reader");
            // One thread per stream: the common pool has a single thread on a small machine, and a reader blocks.
            reading.setDaemon(true);
            reading.start();
        }

        Event next() throws InterruptedException {
            Event event = events.poll(15, TimeUnit.SECONDS);
            assertNotNull(event, "no event within 15 s");
            return event;
        }

        @Override
        public void close() {
            lines.close();
            reading.interrupt();
        }
    }

    private static EventStream open(UUID bulk, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/rest/V1/bulk/" + bulk + "/events"))
                .header("Authorization", TestTokens.bearer(TestTokens.admin()))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new EventStream(CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines()));
    }

    private static UUID bulk(int... statuses) throws Exception {
        UUID uuid = UUID.randomUUID();
        try (Connection c = TestEnvironment.connect(ServiceTestResource.DATABASE)) {
            try (PreparedStatement bulk = c.prepareStatement("INSERT INTO bulk (uuid, user_id, user_type, description,"
                    + " operation_count, publish_lease_until, published_at) VALUES (?, 1, 2, 'Topic events', ?, now(), now())")) {
                bulk.setObject(1, uuid);
                bulk.setInt(2, statuses.length);
                bulk.executeUpdate();
            }
            try (PreparedStatement op = c.prepareStatement("INSERT INTO operation (bulk_uuid, id, topic_name, serialized_data,"
                    + " store_id, store_scope, status) VALUES (?, ?, 'async.events', '{}', 1, 'implicit', ?)")) {
                for (int i = 0; i < statuses.length; i++) {
                    op.setObject(1, uuid);
                    op.setInt(2, i);
                    op.setObject(3, statuses[i], Types.SMALLINT);
                    op.addBatch();
                }
                op.executeBatch();
            }
        }
        return uuid;
    }

    private static void complete(UUID bulk, int id) throws Exception {
        try (Connection c = TestEnvironment.connect(ServiceTestResource.DATABASE);
                PreparedStatement s = c.prepareStatement("UPDATE operation SET status = " + COMPLETE
                        + " WHERE bulk_uuid = ? AND id = ?")) {
            s.setObject(1, bulk);
            s.setInt(2, id);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void progressWhileOpenThenOneFinishedAndTheStreamEnds() throws Exception {
        UUID bulk = bulk(COMPLETE, OPEN, OPEN);
        try (EventStream stream = open(bulk, null)) {
            assertEquals(200, stream.status);
            Event first = stream.next();
            assertEquals("progress", first.name());
            assertEquals("1", first.id());
            assertEquals(bulk.toString(), first.data().get("bulk_uuid").asText());
            assertEquals(3, first.data().get("operation_count").asLong());
            assertEquals(2, first.data().get("counts").get("open").asLong());
            assertEquals(1, first.data().get("counts").get("complete").asLong());

            complete(bulk, 1);
            Event second = stream.next();
            assertEquals("progress", second.name());
            assertEquals("2", second.id());
            assertEquals(1, second.data().get("counts").get("open").asLong());
            assertTrue(second.receivedAtNanos() - first.receivedAtNanos() >= TimeUnit.MILLISECONDS.toNanos(900),
                    "at most one progress event a second");

            complete(bulk, 2);
            Event finished = stream.next();
            assertEquals("finished", finished.name());
            assertEquals("3", finished.id());
            assertEquals(0, finished.data().get("counts").get("open").asLong());
            assertEquals(3, finished.data().get("counts").get("complete").asLong());
            assertNull(stream.next().name(), "the stream ends after finished");
        }
    }

    @Test
    void lastEventIdResumesAfterWhatTheClientSaw() throws Exception {
        UUID bulk = bulk(COMPLETE, COMPLETE, OPEN, OPEN);
        try (EventStream stream = open(bulk, "2")) {
            assertNull(stream.events.poll(2500, TimeUnit.MILLISECONDS), "nothing new since event 2");
            complete(bulk, 2);
            Event resumed = stream.next();
            assertEquals("progress", resumed.name());
            assertEquals("3", resumed.id());
        }
    }

    @Test
    void aFinishedBulkAnswersFinishedAtOnce() throws Exception {
        UUID bulk = bulk(COMPLETE);
        try (EventStream stream = open(bulk, null)) {
            assertEquals("finished", stream.next().name());
            assertNull(stream.next().name());
        }
    }

    @Test
    void manyStreamsOfABulkShareOneQueryPerTick() throws Exception {
        UUID bulk = bulk(OPEN, OPEN);
        List<EventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                streams.add(open(bulk, null));
            }
            for (EventStream stream : streams) {
                assertEquals("progress", stream.next().name());
            }
            long before = hub.polls();
            Thread.sleep(3000);
            long polls = hub.polls() - before;
            // About 3 ticks of 1 s; one query per stream per second would be about 30.
            assertTrue(polls >= 1 && polls <= 5, "queries in 3 s with 10 streams: " + polls);
        } finally {
            streams.forEach(EventStream::close);
        }
    }

    @Test
    void anUnknownBulkIs404Promptly() throws Exception {
        assertNotFound(UUID.randomUUID(), TestTokens.admin());
    }

    @Test
    void someoneElsesBulkIs404Promptly() throws Exception {
        assertNotFound(bulk(OPEN), TestTokens.token(BulkRowsOwner.OTHER, TestTokens.INTEGRATION, Set.of()));
    }

    private void assertNotFound(UUID bulk, String token) throws Exception {
        // A client of its own: nothing left over from the streams of other tests.
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/rest/V1/bulk/" + bulk + "/events"))
                        .header("Authorization", TestTokens.bearer(token)).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode());
        assertEquals("Bulk uuid %bulkUuid not exist", Json.parse(response.body()).get("message").asText());
        assertEquals(0, hub.streams(), "a refused request opens no stream");
    }

    @Test
    void withoutATokenIs401Promptly() throws Exception {
        UUID bulk = bulk(OPEN);
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/rest/V1/bulk/" + bulk + "/events"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertNotNull(Json.parse(response.body()).get("message"));
        assertEquals(0, hub.streams(), "a refused request opens no stream");
    }

    /** An integration user that owns none of these bulks (they belong to the administrator, user 1). */
    static final class BulkRowsOwner {
        static final int OTHER = 1_999_999_999;
    }
}
