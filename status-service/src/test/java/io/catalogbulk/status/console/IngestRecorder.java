package io.catalogbulk.status.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The far end of the console's import forward in status-service's own tests: an HTTP server on a free port, set as
 * {@code catalog-bulk.console.ingest-url}, that records what arrives (method, path and query, headers, the body's
 * length and SHA-256, read as a stream) and answers like ingest's import routes do in shape. It shows what the forward
 * sends and relays; the import routes themselves answer in the end-to-end test (ConsoleBrowserIT) with the real
 * ingest-service.
 */
public class IngestRecorder implements QuarkusTestResourceLifecycleManager {

    /** One request as it arrived. */
    record Received(String method, String uri, Map<String, List<String>> headers, long bodyBytes, String bodySha256) {
        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Lines of the failed-rows answer: enough to be many response chunks. */
    static final int FAILED_ROWS = 20_000;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", IngestRecorder::answer);
        server.start();
        return Map.of("catalog-bulk.console.ingest-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                bytes += n;
            }
        }
        String uri = exchange.getRequestURI().toString();
        RECEIVED.add(new Received(exchange.getRequestMethod(), uri, Map.copyOf(exchange.getRequestHeaders()), bytes,
                HexFormat.of().formatHex(sha.digest())));
        if (uri.contains("/failed-rows")) {
            exchange.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"import-failed-rows.csv\"");
            exchange.getResponseHeaders().set("Set-Cookie", "upstream=1");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("sku,name,row,error\n".getBytes(StandardCharsets.UTF_8));
                for (int row = 1; row <= FAILED_ROWS; row++) {
                    out.write(("SKU-" + row + ",Bag " + row + "," + row + ",\"Price is not valid\"\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return;
        }
        String json = "POST".equals(exchange.getRequestMethod()) && uri.contains("/V1/import/sources?")
                ? "{\"uuid\":\"6f1b7c2e-0000-4000-8000-000000000001\",\"status\":\"uploaded\",\"size\":" + bytes + "}"
                : "{\"message\":\"Import with uuid \\\"%1\\\" does not exist.\",\"parameters\":[\"x\"]}";
        int status = json.startsWith("{\"uuid\"") ? 201 : 404;
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
