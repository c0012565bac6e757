package io.catalogbulk.status.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.ledger.Bulk;
import io.catalogbulk.core.ledger.BulkReads;
import io.catalogbulk.core.operation.OperationCounts;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.Authenticator;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.webapi.ErrorBodies;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.status.bulk.BulkAccess;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Live progress of bulks, {@code GET /rest/V1/bulk/:uuid/events} ({@code text/event-stream}). One poller thread per
 * service instance reads the counts of every watched bulk with one query per tick (every {@code events-interval},
 * default 1 s), whatever the number of open streams, and hands each stream what changed: a {@code progress} event
 * when more operations finished than the stream last saw, one {@code finished} event once nothing is open, after
 * which the stream ends. A bulk nobody watches costs nothing.
 * <p>
 * A Vert.x route rather than a JAX-RS SSE method: the token and the bulk's visibility are checked first, with the
 * status routes' own code, and a refusal is an ordinary JSON response in Magento's shape; only a visible bulk opens
 * the stream. (With JAX-RS SSE the response was already committed as a stream, and a 404 hung the client.)
 * <p>
 * Event ids are the number of finished (not open) operations, so a client that reconnects with
 * {@code Last-Event-ID} is sent only progress beyond what it already had.
 */
@ApplicationScoped
public class BulkProgressHub {

    static final String PATH = "/rest/V1/bulk/:bulkUuid/events";

    private static final Logger LOG = Logger.getLogger(BulkProgressHub.class);

    @Inject
    BulkReads reads;

    @Inject
    BulkAccess access;

    @Inject
    Authenticator authenticator;

    @ConfigProperty(name = "catalog-bulk.status.events-interval", defaultValue = "1s")
    Duration interval;

    private final Map<UUID, Set<Stream>> watched = new ConcurrentHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    private ScheduledExecutorService poller;

    /** One open stream: what it was last sent (only the poller thread reads or changes it after it was added). */
    static final class Stream {
        final HttpServerResponse response;
        volatile boolean closed;
        long lastEventId;

        Stream(HttpServerResponse response, long lastEventId) {
            this.response = response;
            this.lastEventId = lastEventId;
        }
    }

    @PostConstruct
    void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bulk-progress-poller");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(interval.toMillis(), 1);
        poller.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        watched.values().forEach(streams -> streams.forEach(stream -> end(stream)));
    }

    void install(@Observes Router router) {
        // Before the REST routes; blocking because the token check and the bulk lookup read the database.
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).blockingHandler(this::handle, false);
    }

    void handle(RoutingContext context) {
        HttpServerResponse response = context.response();
        Bulk bulk;
        try {
            Principal principal = authenticator.authenticated(context.request().getHeader(HttpHeaders.AUTHORIZATION),
                    AclResources.BULK_LOG);
            bulk = access.visible(context.pathParam("bulkUuid"), principal);
        } catch (WebapiException e) {
            if (e.retryAfterSeconds() != null) {
                response.putHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
            }
            response.setStatusCode(e.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Json.string(ErrorBodies.of(e)));
            return;
        }
        response.setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                // Proxies such as nginx would otherwise hold the events back in their buffer.
                .putHeader("X-Accel-Buffering", "no");
        // A comment line: the headers go out now, so the client knows the stream is open before the first tick.
        response.write(":\n\n");
        Stream stream = new Stream(response, lastEventId(context.request().getHeader("Last-Event-ID")));
        watched.computeIfAbsent(bulk.uuid(), uuid -> ConcurrentHashMap.newKeySet()).add(stream);
        // The client left: the stream is dropped at once rather than at the next tick.
        response.closeHandler(ignored -> {
            stream.closed = true;
            Set<Stream> streams = watched.get(bulk.uuid());
            if (streams != null) {
                streams.remove(stream);
            }
        });
    }

    /** The finished-operation count a reconnecting client last saw; anything unreadable means "nothing seen". */
    static long lastEventId(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How many count queries the poller ran (one per tick with anything watched). */
    public long polls() {
        return polls.get();
    }

    /** Open streams, all bulks together. */
    public int streams() {
        return watched.values().stream().mapToInt(Set::size).sum();
    }

    void tick() {
        try {
            watched.forEach((uuid, streams) -> streams.removeIf(stream -> stream.closed));
            watched.entrySet().removeIf(entry -> entry.getValue().isEmpty());
            if (watched.isEmpty()) {
                return;
            }
            polls.incrementAndGet();
            Map<UUID, OperationCounts> counts = reads.counts(List.copyOf(watched.keySet()));
            for (Map.Entry<UUID, OperationCounts> entry : counts.entrySet()) {
                Set<Stream> streams = watched.get(entry.getKey());
                if (streams != null) {
                    for (Stream stream : new ArrayList<>(streams)) {
                        if (deliver(entry.getKey(), entry.getValue(), stream)) {
                            streams.remove(stream);
                        }
                    }
                }
            }
        } catch (Exception e) {
            // The streams stay; the next tick tries again.
            LOG.warnf("Reading bulk progress failed (%s); will try again", e.getMessage());
        }
    }

    /** Sends what this stream has not seen; true when the stream is done (finished sent, or the client left). */
    private static boolean deliver(UUID uuid, OperationCounts counts, Stream stream) {
        if (stream.closed) {
            return true;
        }
        long finished = counts.total() - counts.open();
        if (counts.open() == 0) {
            stream.response.write(event("finished", uuid, counts, finished));
            end(stream);
            return true;
        }
        if (finished > stream.lastEventId) {
            stream.lastEventId = finished;
            stream.response.write(event("progress", uuid, counts, finished));
        }
        return false;
    }

    private static void end(Stream stream) {
        if (!stream.closed && !stream.response.ended()) {
            stream.response.end();
        }
    }

    /** One event in the text/event-stream format; the data is one line of JSON. */
    static String event(String name, UUID uuid, OperationCounts counts, long id) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("bulk_uuid", uuid.toString());
        data.put("operation_count", counts.total());
        ObjectNode byStatus = data.putObject("counts");
        byStatus.put("open", counts.open());
        byStatus.put("complete", counts.complete());
        byStatus.put("retriably_failed", counts.retriablyFailed());
        byStatus.put("not_retriably_failed", counts.notRetriablyFailed());
        byStatus.put("rejected", counts.rejected());
        return "id: " + id + "\nevent: " + name + "\ndata: " + Json.string(data) + "\n\n";
    }
}
