package io.catalogbulk.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver of webhooks on the loopback interface, which verifies every request the way the Standard
 * Webhooks libraries do (https://www.standardwebhooks.com, "Verifying webhooks"): the signed content is
 * {@code webhook-id + "." + webhook-timestamp + "." + body}, HMAC-SHA256 keyed with the base64-decoded part of the
 * {@code whsec_} secret, compared in constant time with each {@code v1,<base64>} of the space-delimited
 * {@code webhook-signature} header; a timestamp more than five minutes away from now is refused. Each path is an
 * endpoint of its own, with its own secret and behaviour (answer 204, answer 500, or hang).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** What an endpoint does with a request. */
    public enum Behaviour { ACCEPT, FAIL, HANG }

    /** One request as received: whether its signature verified, and what it carried. */
    public record Delivery(String path, String id, String timestamp, String signature, String body, boolean verified,
            String verdict, Behaviour answeredWith, Instant receivedAt) {
    }

    private static final long TOLERANCE_SECONDS = 5 * 60;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    private WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** On a free port of 127.0.0.1. */
    public static WebhookReceiver start() throws IOException {
        return new WebhookReceiver(0);
    }

    /** The URL of an endpoint, e.g. {@code url("/a")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secret the endpoint verifies signatures with (the one the subscription answered). */
    public void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    public void behave(String path, Behaviour behaviour) {
        behaviours.put(path, behaviour);
    }

    public List<Delivery> deliveries(String path) {
        List<Delivery> out = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.path().equals(path)) {
                out.add(delivery);
            }
        }
        return out;
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        String verdict = verify(secrets.get(path), id, timestamp, signature, body);
        Behaviour behaviour = behaviours.getOrDefault(path, Behaviour.ACCEPT);
        deliveries.add(new Delivery(path, id, timestamp, signature, new String(body, StandardCharsets.UTF_8), verdict == null,
                verdict, behaviour, Instant.now()));
        switch (behaviour) {
            case ACCEPT -> answer(exchange, verdict == null ? 204 : 401);
            case FAIL -> answer(exchange, 500);
            case HANG -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Null when the request verifies; otherwise why not. */
    public static String verify(String secret, String id, String timestamp, String signatureHeader, byte[] body) {
        if (secret == null) {
            return "no secret for this endpoint";
        }
        if (id == null || timestamp == null || signatureHeader == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number";
        }
        if (Math.abs(Instant.now().getEpochSecond() - seconds) > TOLERANCE_SECONDS) {
            return "webhook-timestamp too far from now";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[head.length + body.length];
            System.arraycopy(head, 0, content, 0, head.length);
            System.arraycopy(body, 0, content, head.length, body.length);
            expected = mac.doFinal(content);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "bad secret: " + e;
        }
        for (String versioned : signatureHeader.split(" ")) {
            int comma = versioned.indexOf(',');
            if (comma < 0 || !versioned.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(versioned.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return null;
            }
        }
        return "no matching v1 signature";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
