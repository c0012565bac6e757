package io.catalogbulk.ingest.webapi;

import static io.catalogbulk.ingest.support.IngestTestSupport.adminToken;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * Requests answered before their body ended (RestResource.discardUnreadBodyOnceAnswered), over raw sockets so the
 * test controls exactly what is sent and when: a long remainder is cut instead of read (and once buffered) to its
 * end, a short one is read so the connection serves the next request.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class UnreadBodyTests {

    /** The test profile's upload limit is 6M and the drain 4M: 256 MiB must be cut long before it is all sent. */
    @Test
    void anUploadOverTheLimitIsAnsweredAndThenNoLongerRead() throws Exception {
        long cap = 256L * 1024 * 1024;
        long sent = 0;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            Answer answer = Answer.readFrom(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /rest/V1/import/sources HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + adminToken()
                    + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
            try {
                while (sent < cap) {
                    out.write(header);
                    out.write(chunk);
                    out.write(end);
                    sent += chunk.length;
                }
            } catch (IOException cutByTheServer) {
                // expected: the server stopped reading after its answer and the drain
            }
            String text = answer.await();
            assertTrue(text.startsWith("HTTP/1.1 413"), text);
            assertTrue(text.contains("exceeds the limit"), text);
        }
        assertTrue(sent < cap, "the server read all " + sent + " bytes instead of cutting the upload");
    }

    /**
     * A 401 given before a small body was read (no token) leaves the connection usable: the rest of the body is
     * read and thrown away, and a second request on the same connection is answered.
     */
    @Test
    void aSmallBodyAnsweredEarlyKeepsTheConnectionUsable() throws Exception {
        byte[] body = new byte[256 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            Answer answer = Answer.readFrom(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /rest/async/bulk/V1/products HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write("GET /rest/V1/store/storeViews HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String text = answer.await();
            assertTrue(text.startsWith("HTTP/1.1 401"), text);
            int second = text.indexOf("HTTP/1.1 ", 1);
            assertTrue(second > 0, "no answer to the second request on the same connection: " + text);
        }
    }

    /** Everything the server sends on a socket until it closes it (or the test's timeout). */
    private record Answer(Thread reader, ByteArrayOutputStream bytes) {

        static Answer readFrom(Socket socket) throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = in.read(buffer)) > 0;) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException closed) {
                    // a reset after the answer: what was read stays
                }
            });
            reader.start();
            return new Answer(reader, bytes);
        }

        String await() throws InterruptedException {
            reader.join(60_000);
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
