package io.catalogbulk.core.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Against a real HTTP server on the loopback interface: refused by default, reachable only where configured. */
class OutboundHttpTest {

    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file", exchange -> {
            byte[] body = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[100_000]);
            } catch (IOException e) {
                // the client stops reading at its limit
            }
        });
        server.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/hook", exchange -> {
            byte[] received = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            byte[] answer = (signature + ":" + new String(received, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.createContext("/hang", exchange -> {
            // answers headers, then trickles: only a total deadline ends the call
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up
            }
        });
        server.createContext("/to-private", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static OutboundHttp http(boolean allowPrivate, boolean allowHttp) {
        OutboundHttp http = new OutboundHttp();
        http.config = new OutboundConfig() {
            public boolean allowPrivateAddresses() {
                return allowPrivate;
            }

            public boolean allowHttp() {
                return allowHttp;
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            public Duration readTimeout() {
                return Duration.ofSeconds(5);
            }

            public int maxRedirects() {
                return 3;
            }
        };
        return http;
    }

    @Test
    void refusesLoopbackByDefaultEvenOverHttps() {
        OutboundException e = assertThrows(OutboundException.class,
                () -> http(false, false).get(URI.create("https://127.0.0.1:1/file"), 1000, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("private"), e.getMessage());
        OutboundException local = assertThrows(OutboundException.class,
                () -> http(false, false).get(URI.create("https://localhost:1/file"), 1000, Duration.ofSeconds(5)));
        assertTrue(local.getMessage().contains("private"), local.getMessage());
    }

    @Test
    void refusesPlainHttpCredentialsAndOtherSchemes() {
        OutboundHttp http = http(true, false);
        assertThrows(OutboundException.class, () -> http.get(URI.create(base + "/file"), 1000, Duration.ofSeconds(5)));
        assertThrows(OutboundException.class, () -> http.check(URI.create("https://user:secret@example.com/x")));
        assertThrows(OutboundException.class, () -> http.check(URI.create("file:///etc/passwd")));
        assertThrows(OutboundException.class, () -> http.check(URI.create("ftp://example.com/x")));
    }

    @Test
    void fetchesWhereConfiguredToAllowIt() throws Exception {
        try (OutboundHttp.Download download = http(true, true).get(URI.create(base + "/file"), 1000, Duration.ofSeconds(5))) {
            assertEquals(200, download.status());
            assertEquals("text/csv", download.contentType());
            assertEquals("a,b\n1,2\n", new String(download.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void stopsReadingPastTheSizeLimit() throws Exception {
        try (OutboundHttp.Download download = http(true, true).get(URI.create(base + "/big"), 10_000, Duration.ofSeconds(5))) {
            InputStream body = download.body();
            IOException e = assertThrows(IOException.class, body::readAllBytes);
            assertTrue(e.getMessage().contains("larger than 10000"), e.getMessage());
        }
    }

    @Test
    void givesUpAfterTooManyRedirects() {
        OutboundException e = assertThrows(OutboundException.class,
                () -> http(true, true).get(URI.create(base + "/loop"), 1000, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("redirects"), e.getMessage());
    }

    @Test
    void postsWithHeadersAndReadsTheAnswer() throws Exception {
        OutboundHttp.Posted posted = http(true, true).post(URI.create(base + "/hook"), Map.of("webhook-signature", "v1,abc"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals(202, posted.status());
        assertEquals("v1,abc:{\"a\":1}", posted.bodyStart());
    }

    @Test
    void refusesToPostToLoopbackByDefault() {
        assertThrows(OutboundException.class, () -> http(false, true).post(URI.create(base + "/hook"), Map.of(),
                new byte[0], "application/json"));
    }

    @Test
    void aPostIsOverByItsDeadlineEvenWhenTheAnswerTrickles() {
        long start = System.nanoTime();
        OutboundException e = assertThrows(OutboundException.class, () -> http(false, false).post(URI.create(base + "/hang"),
                Map.of(), new byte[0], "application/json", Duration.ofMillis(700), new OutboundHttp.Policy(true, true)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs < 3000, "took " + tookMs + " ms");
        assertTrue(e.getMessage().contains("No answer within 700 ms"), e.getMessage());
    }

    @Test
    void aPostIsNeverRedirectedAndThePolicyDecidesOverTheDefaults() throws Exception {
        OutboundHttp http = http(false, false);
        OutboundHttp.Posted posted = http.post(URI.create(base + "/to-private"), Map.of(), new byte[0], "application/json",
                Duration.ofSeconds(2), new OutboundHttp.Policy(true, true));
        assertEquals(307, posted.status());
        assertThrows(OutboundException.class, () -> http.post(URI.create(base + "/hook"), Map.of(), new byte[0], "application/json",
                Duration.ofSeconds(2), new OutboundHttp.Policy(false, true)));
    }
}
