package io.catalogbulk.ingest.shutdown;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import io.catalogbulk.core.webapi.ErrorBodies;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.IngestConfig;

/**
 * What ingest does with requests once SIGTERM arrived. Quarkus' graceful shutdown waits up to
 * {@code quarkus.shutdown.timeout} for the requests in flight, but since Quarkus 3 it keeps handling new ones
 * meanwhile (it only closes each connection after its answer), so a client that reconnected could have an upload
 * taken, stored and cut at the timeout before its 202 left. At the start of the shutdown (Quarkus' pre-shutdown,
 * when readiness also goes down) this gate closes: after {@code quarkus.shutdown.delay} (the time a load balancer
 * needs to see the readiness change; none by default) every new request is answered 503 with Retry-After in
 * Magento's error shape and the connection closed, nothing stored, while the requests already accepted finish.
 * The health endpoints stay open so probes keep their real answers.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);
    static final String MESSAGE = "The service is shutting down; nothing was stored. Retry later.";
    /** Closed: no shutdown has started. */
    private static final long OPEN = Long.MAX_VALUE;

    @Inject
    IngestConfig config;

    @ConfigProperty(name = "quarkus.shutdown.delay")
    Optional<Duration> delay;

    /** System.nanoTime() from which new requests are refused. */
    private volatile long refuseFrom = OPEN;
    /** Requests let through and not yet answered: what the shutdown waits for. */
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Fired by Quarkus' pre-shutdown when quarkus.shutdown.delay-enabled (build time) is set, as it is in ingest. */
    void shutdownStarted(@Observes ShutdownDelayInitiatedEvent event) {
        Duration wait = delay.filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        refuseFrom = System.nanoTime() + wait.toNanos();
        LOG.infof("Shutdown started: new requests are answered 503 after %s; requests in flight finish", wait);
    }

    /** True once new requests are refused. */
    public boolean refusing() {
        long from = refuseFrom;
        return from != OPEN && System.nanoTime() - from >= 0;
    }

    void install(@Observes Router router) {
        // After the upload limit, before every handler of the application.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (!refusing() || context.normalizedPath().startsWith("/q/")) {
            inFlight.incrementAndGet();
            context.addEndHandler(ignored -> inFlight.decrementAndGet());
            context.next();
            return;
        }
        HttpServerRequest request = context.request();
        // While accepted requests are still running (the shutdown waits for them anyway), read what is left of the
        // body first, so that the client of an upload reads the 503 rather than a connection reset under it. Once
        // none runs, answer at once: Quarkus waits for every request, refused ones included, and clients that keep
        // sending would otherwise hold the shutdown until its timeout.
        if (request.isEnded() || inFlight.get() == 0) {
            refuse(context);
        } else {
            request.handler(ignored -> {
            });
            request.endHandler(ignored -> refuse(context));
            request.exceptionHandler(ignored -> context.response().close());
            request.resume();
        }
    }

    private void refuse(RoutingContext context) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        long retryAfter = Math.max(1, config.shutdownRetryAfter().toSeconds());
        WebapiException refusal = WebapiException.serviceUnavailable(MESSAGE, (int) retryAfter);
        context.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("Retry-After", String.valueOf(retryAfter))
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(Json.string(ErrorBodies.of(refusal)));
    }
}
