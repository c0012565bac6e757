package io.catalogbulk.ingest.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP server in status-service's place that answers with what it received (method, URI, headers, the body's
 * length and SHA-256), so a test sees exactly what the forward passed on. {@code /big} streams a large answer,
 * {@code /slow} answers after longer than the forward's idle timeout. The real status-service behind the forward
 * is tested end to end (e2e-tests).
 */
public class StatusStub implements QuarkusTestResourceLifecycleManager {

    static final int BIG_ANSWER_BYTES = 6 * 1024 * 1024;
    static volatile HttpServer server;
    static volatile int port;
    /** Every URI received, in order. */
    static final ConcurrentLinkedQueue<String> RECEIVED = new ConcurrentLinkedQueue<>();

    @Override
    public Map<String, String> start() {
        try {
            serve(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("catalog-bulk.forward.status-url", "http://127.0.0.1:" + port,
                "catalog-bulk.forward.idle-timeout", "2s");
    }

    static synchronized void serve(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        s.createContext("/", StatusStub::answer);
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        s.start();
        server = s;
        port = s.getAddress().getPort();
    }

    static synchronized void halt() {
        server.stop(0);
    }

    @Override
    public void stop() {
        halt();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        RECEIVED.add(exchange.getRequestURI().toString());
        String path = exchange.getRequestURI().getPath();
        long length = 0;
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                length += n;
            }
        }
        if (path.endsWith("/slow")) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Status-Stub", "yes");
        if (path.endsWith("/big")) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                for (int sent = 0; sent < BIG_ANSWER_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
            }
            return;
        }
        StringBuilder json = new StringBuilder("{");
        json.append("\"method\":").append(quote(exchange.getRequestMethod()));
        json.append(",\"uri\":").append(quote(exchange.getRequestURI().toString()));
        json.append(",\"body_length\":").append(length);
        json.append(",\"body_sha256\":").append(quote(HexFormat.of().formatHex(sha.digest())));
        json.append(",\"headers\":{");
        boolean first = true;
        for (Map.Entry<String, java.util.List<String>> header : exchange.getRequestHeaders().entrySet()) {
            json.append(first ? "" : ",").append(quote(header.getKey().toLowerCase(java.util.Locale.ROOT)))
                    .append(':').append(quote(String.join(", ", header.getValue())));
            first = false;
        }
        json.append("}}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(path.endsWith("/missing") ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
