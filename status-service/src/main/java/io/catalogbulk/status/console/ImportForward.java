package io.catalogbulk.status.console;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.catalogbulk.core.security.ConsoleSessionCredentials;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.status.console.ConsoleSessions.Session;
import io.netty.channel.ConnectTimeoutException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's import calls, {@code /console/imports/api/...}, forwarded to ingest-service's import routes as the
 * signed-in operator ({@code Authorization: Console <session id>}, which ingest resolves to the same principal and ACL
 * as the session). Both bodies are streamed with back-pressure: an upload of gigabytes passes through holding a few
 * buffers, and so does the failed-rows download. The session and, for anything but a GET, the CSRF token (header
 * {@code X-CSRF-Token}) are checked here before a byte is forwarded; what ingest answers (its status, its Magento-shaped
 * errors, another principal's import as 404) is passed back as is.
 * <p>
 * Only the routes below are forwarded (an allow-list, never a path the browser chooses), and only the headers that
 * describe the body: no cookie, no other credential leaves the console.
 */
@ApplicationScoped
public class ImportForward {

    private static final Logger LOG = Logger.getLogger(ImportForward.class);

    static final String PREFIX = "/console/imports/api/";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private static final String UUID = "[0-9a-fA-F-]{36}";
    /** Magento's store code of the path (/rest/default/V1/...): letters, digits, underscore; "all" included. */
    private static final Pattern STORE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** A forwarded call: method, the console path after {@link #PREFIX}, and the Web API path it becomes. */
    private record Rule(HttpMethod method, Pattern path, String target) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, Pattern.compile("sources"), "/V1/import/sources"),
            new Rule(HttpMethod.GET, Pattern.compile("sources/(" + UUID + ")"), "/V1/import/sources/$1"),
            new Rule(HttpMethod.POST, Pattern.compile("sources/(" + UUID + ")/start"), "/V1/import/sources/$1/start"),
            new Rule(HttpMethod.GET, Pattern.compile("imports"), "/V1/import"),
            new Rule(HttpMethod.GET, Pattern.compile("imports/(" + UUID + ")"), "/V1/import/$1"),
            new Rule(HttpMethod.GET, Pattern.compile("imports/(" + UUID + ")/failed-rows"), "/V1/import/$1/failed-rows"),
            new Rule(HttpMethod.PUT, Pattern.compile("imports/(" + UUID + ")/rows/([0-9]{1,12})"), "/V1/import/$1/rows/$2"),
            new Rule(HttpMethod.POST, Pattern.compile("imports/(" + UUID + ")/resubmit"), "/V1/import/$1/resubmit"));

    /** Request headers that describe the body or what the browser accepts; nothing else is passed on. */
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Content-Length", "Content-Encoding", "Accept");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Content-Length", "Content-Disposition", "Retry-After");

    @Inject
    ConsoleConfig config;

    @Inject
    ConsoleSessions sessions;

    @Inject
    Vertx vertx;

    private volatile HttpClient client;
    private String host;
    private int port;
    private String basePath;

    void install(@Observes Router router) {
        URI target = config.ingestUrl();
        boolean tls = "https".equalsIgnoreCase(target.getScheme());
        if (!tls && !"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            throw new IllegalArgumentException("catalog-bulk.console.ingest-url (INGEST_URL) must be an http or https URL with a host: " + target);
        }
        host = target.getHost();
        port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        client = vertx.createHttpClient(new HttpClientOptions().setSsl(tls).setConnectTimeout((int) config.ingestConnectTimeout().toMillis()));
        // Quarkus' body limit is raised for the uploads passing through here; every other route gets the small one back,
        // checked as Quarkus checks its own (Content-Length now, a chunked body as it is read).
        long otherLimit = config.otherMaxBodySize().asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(context -> {
            if (context.request().path().startsWith(PREFIX)) {
                context.next();
                return;
            }
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared;
            try {
                declared = length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > otherLimit) {
                context.request().pause();
                answer(context, 413, "The request body is larger than the service accepts.");
                return;
            }
            context.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, otherLimit);
            context.next();
        });
        // Before the REST routes, so the body is still unread and can be streamed on.
        router.route(PREFIX + "*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest in = context.request();
        // Hold the body until the forwarded request can take it; send(in) resumes it with back-pressure.
        in.pause();
        securityHeaders(context.response());
        String tail = in.path().substring(PREFIX.length());
        Optional<String> target = target(in.method(), tail);
        if (target.isEmpty()) {
            answer(context, 404, "The console has no such import call.");
            return;
        }
        Cookie cookie = in.getCookie(ConsoleResource.SESSION_COOKIE);
        String sessionId = cookie == null ? null : cookie.getValue();
        String csrf = in.getHeader(CSRF_HEADER);
        // The session lookup reads the database: off the event loop.
        vertx.<Optional<Session>>executeBlocking(() -> sessions.find(sessionId)).onComplete(found -> {
            if (found.failed()) {
                int status = found.cause() instanceof WebapiException e ? e.status() : 503;
                answer(context, status, "The database is unavailable. Retry later.");
                return;
            }
            if (found.result().isEmpty()) {
                answer(context, 401, "Sign in to the console again: the session ended.");
                return;
            }
            if (in.method() != HttpMethod.GET && !ConsoleSessions.sameSecret(found.result().get().csrfToken(), csrf)) {
                answer(context, 403, "The form's CSRF token is missing or wrong.");
                return;
            }
            forward(context, sessionId, target.get());
        });
    }

    /** The Web API path (with the query) of an allowed console call; empty when it is not one. */
    Optional<String> target(HttpMethod method, String tail) {
        for (Rule rule : RULES) {
            Matcher matcher = rule.path().matcher(tail);
            if (rule.method().equals(method) && matcher.matches()) {
                return Optional.of(matcher.replaceFirst(rule.target()));
            }
        }
        return Optional.empty();
    }

    private void forward(RoutingContext context, String sessionId, String webapiPath) {
        HttpServerRequest in = context.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String name : REQUEST_HEADERS) {
            String value = in.getHeader(name);
            if (value != null) {
                headers.set(name, value);
            }
        }
        headers.set(HttpHeaders.AUTHORIZATION, ConsoleSessionCredentials.SCHEME + sessionId);
        if (in.remoteAddress() != null) {
            headers.set("X-Forwarded-For", in.remoteAddress().hostAddress());
        }
        // The store scope of the Web API path: ?store=code (the start form's store), "default" otherwise.
        String store = in.getParam("store");
        if (store != null && !STORE.matcher(store).matches()) {
            in.resume();
            answer(context, 400, "The store code is not valid.");
            return;
        }
        String query = queryWithoutStore(in.query());
        String uri = basePath + "/rest/" + (store == null ? "default" : store) + webapiPath + query;
        // Every forwarded call but a GET carries a body. Not decided from Content-Length or Transfer-Encoding: an HTTP/2
        // request (a client that upgraded with h2c) streams its body with neither.
        boolean hasBody = in.method() != HttpMethod.GET;
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(host).setPort(port).setURI(uri).setHeaders(headers)
                .setConnectTimeout(config.ingestConnectTimeout().toMillis()).setIdleTimeout(config.ingestIdleTimeout().toMillis());
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

    /** The browser's query for ingest, without the console's own store parameter. */
    static String queryWithoutStore(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (!pair.equals("store") && !pair.startsWith("store=")) {
                kept.append(kept.length() == 0 ? "?" : "&").append(pair);
            }
        }
        return kept.toString();
    }

    private static void relay(RoutingContext context, HttpClientResponse response) {
        HttpServerResponse out = context.response();
        if (out.ended() || out.closed()) {
            response.request().reset();
            return;
        }
        out.setStatusCode(response.statusCode());
        for (String name : RESPONSE_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                out.putHeader(name, value);
            }
        }
        if (!out.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            out.setChunked(true);
        }
        response.pipeTo(out);
    }

    private static void fail(RoutingContext context, Throwable cause) {
        HttpServerResponse out = context.response();
        LOG.warnf("Forwarding console call %s %s to ingest-service failed: %s", context.request().method(), context.request().path(),
                cause.toString());
        if (out.headWritten()) {
            // Part of the answer has gone out already: closing is the only honest end.
            out.reset();
            return;
        }
        boolean timedOut = cause instanceof TimeoutException || cause instanceof ConnectTimeoutException;
        answer(context, timedOut ? 504 : 502, timedOut ? "The ingest service did not answer in time. Retry later."
                : "The ingest service is unavailable. Retry later.");
    }

    /** An answer of the console itself, in Magento's error shape; the unread body is dropped with the connection. */
    private static void answer(RoutingContext context, int status, String message) {
        HttpServerResponse out = context.response();
        HttpServerRequest in = context.request();
        if (out.ended() || out.closed()) {
            return;
        }
        String body = new JsonObject().put("message", message).put("parameters", new JsonArray()).encode();
        boolean bodyPending = !in.isEnded();
        if (bodyPending) {
            // Refused before the body was read: do not read gigabytes to throw them away; close after the answer.
            out.putHeader(HttpHeaders.CONNECTION, "close");
        }
        out.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body).onComplete(done -> {
            if (bodyPending) {
                in.connection().close();
            }
        });
    }

    /** The console's headers (ConsoleHeaders sets them on REST responses; this handler answers before those). */
    private static void securityHeaders(HttpServerResponse out) {
        out.putHeader("Content-Security-Policy", ConsoleHeaders.POLICY);
        out.putHeader("X-Content-Type-Options", "nosniff");
        out.putHeader("Referrer-Policy", "no-referrer");
        out.putHeader("X-Frame-Options", "DENY");
        out.putHeader("Cache-Control", "no-store");
    }

    @PreDestroy
    void close() {
        HttpClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
