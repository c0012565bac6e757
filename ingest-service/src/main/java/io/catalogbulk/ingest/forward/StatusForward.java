package io.catalogbulk.ingest.forward;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.catalogbulk.core.ingress.IngressRoutes;
import io.netty.channel.ConnectTimeoutException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One base URL without an ingress: when {@code catalog-bulk.forward.status-url} is set (bin/start sets it), every
 * request whose path the shared routing table ({@link IngressRoutes}) gives to status-service is forwarded there,
 * so a Magento client configured with ingest's address reaches bulk status too, routed exactly as the chart's
 * ingress routes it. The forward runs on the HTTP layer before the REST routes, streams both bodies (nothing is
 * buffered whole), keeps every end-to-end header (the token included) and adds the X-Forwarded-* headers an
 * ingress adds.
 * <p>
 * It does not go through {@code OutboundHttp}: that client is for URLs a client names and refuses loopback and
 * private addresses, which is exactly where an operator's status-service runs; this target comes from
 * configuration only, never from a request.
 */
@ApplicationScoped
public class StatusForward {

    private static final Logger LOG = Logger.getLogger(StatusForward.class);

    /** Hop-by-hop headers (RFC 9110 7.6.1): they describe one connection and are not forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    @Inject
    ForwardConfig config;

    @Inject
    Vertx vertx;

    private final IngressRoutes routes = IngressRoutes.load();
    private volatile HttpClient client;
    private String host;
    private int port;
    private String basePath;

    void install(@Observes Router router) {
        if (config.statusUrl().isEmpty()) {
            return;
        }
        URI target = config.statusUrl().get();
        boolean tls = "https".equalsIgnoreCase(target.getScheme());
        if (!tls && !"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            throw new IllegalArgumentException("catalog-bulk.forward.status-url must be an http or https URL with a host: " + target);
        }
        host = target.getHost();
        port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        client = vertx.createHttpClient(new HttpClientOptions().setSsl(tls)
                .setConnectTimeout((int) config.connectTimeout().toMillis()));
        // Before the REST routes (ROUTE_ORDER_DEFAULT), after Quarkus' own early handlers.
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
        LOG.infof("Status routes of the shared routing table are forwarded to %s", target);
    }

    void handle(RoutingContext context) {
        HttpServerRequest in = context.request();
        if (!routes.serviceFor(in.path()).filter("status"::equals).isPresent()) {
            context.next();
            return;
        }
        // Hold the body until the forwarded request can take it; send(in) resumes it with back-pressure.
        in.pause();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        in.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        String remote = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
        if (remote != null) {
            String chain = in.getHeader("X-Forwarded-For");
            headers.set("X-Forwarded-For", chain == null || chain.isBlank() ? remote : chain + ", " + remote);
        }
        // What the client saw, as an ingress passes it on; a proxy in front of this one already said it.
        if (!headers.contains("X-Forwarded-Proto")) {
            headers.set("X-Forwarded-Proto", in.scheme());
        }
        if (!headers.contains("X-Forwarded-Host") && in.authority() != null) {
            headers.set("X-Forwarded-Host", in.authority().toString());
        }
        if (!headers.contains("X-Forwarded-Port") && in.authority() != null && in.authority().port() > 0) {
            headers.set("X-Forwarded-Port", String.valueOf(in.authority().port()));
        }
        boolean hasBody = in.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || (in.headers().contains(HttpHeaders.CONTENT_LENGTH) && !"0".equals(in.getHeader(HttpHeaders.CONTENT_LENGTH)));
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(host).setPort(port)
                .setURI(basePath + in.uri()).setHeaders(headers)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.idleTimeout().toMillis());
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                in.resume();
                fail(context, opened.cause());
                return;
            }
            HttpClientRequest out = opened.result();
            out.response().onSuccess(response -> relay(context, response)).onFailure(e -> fail(context, e));
            if (hasBody) {
                if (!headers.contains(HttpHeaders.CONTENT_LENGTH)) {
                    out.setChunked(true);
                }
                out.send(in);
            } else {
                in.resume();
                out.end();
            }
        });
    }

    private static void relay(RoutingContext context, HttpClientResponse response) {
        HttpServerResponse out = context.response();
        if (out.ended() || out.closed()) {
            response.request().reset();
            return;
        }
        out.setStatusCode(response.statusCode());
        response.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                out.headers().add(header.getKey(), header.getValue());
            }
        });
        if (!out.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            out.setChunked(true);
        }
        response.pipeTo(out);
    }

    private static void fail(RoutingContext context, Throwable cause) {
        HttpServerResponse out = context.response();
        HttpServerRequest in = context.request();
        // The path only: a query may hold search criteria, and headers hold the token.
        LOG.warnf("Forwarding %s %s to status-service failed: %s", in.method(), in.path(), cause.toString());
        if (out.headWritten()) {
            // Part of the answer has gone out already: closing is the only honest end.
            out.reset();
            return;
        }
        boolean timedOut = cause instanceof TimeoutException || cause instanceof ConnectTimeoutException;
        String message = timedOut ? "The status service did not answer in time. Retry later."
                : "The status service is unavailable. Retry later.";
        String body = new JsonObject().put("message", message).put("parameters", new JsonArray()).encode();
        out.setStatusCode(timedOut ? 504 : 502).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    @PreDestroy
    void close() {
        HttpClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
