package io.catalogbulk.status.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.security.ConsoleSessionCredentials;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * The console's import pages and their forward to ingest-service ({@link ImportForward}), against {@link IngestRecorder}
 * at INGEST_URL: the upload is streamed through whole and unchanged as the signed-in operator (a credential ingest
 * resolves to the same principal), nothing is forwarded without a session or without the CSRF token, only the
 * allow-listed routes are, and ingest's answer (a streamed download, a 404 of an import one may not see) comes back as is.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
@WithTestResource(IngestRecorder.class)
class ConsoleImportTests {

    @TestHTTPResource("/")
    URL base;

    @Inject
    ConsoleSessionCredentials credentials;

    private ConsoleClient console;
    private int userId;

    @BeforeEach
    void signIn() {
        String name = "imp" + UUID.randomUUID().toString().substring(0, 8);
        userId = ConsoleData.adminUser(name, "Console-pass-1", "Magento_ImportExport::import");
        console = ConsoleClient.admin(name, "Console-pass-1");
        IngestRecorder.RECEIVED.clear();
    }

    @Test
    void importPagesAreShellsOfTheSignedInConsole() {
        console.request().get("/console/imports").then().statusCode(200)
                .header("Content-Security-Policy", equalTo(ConsoleHeaders.POLICY))
                .body(containsString("<script src=\"/console/static/imports.js\" defer></script>"), containsString("id=\"new-import\""),
                        not(containsString("style=")));
        console.request().get("/console/imports/new").then().statusCode(200)
                .body(containsString("<label for=\"file\""), containsString("<label for=\"import-type\">"), containsString("id=\"rules\""));
        String uuid = UUID.randomUUID().toString();
        console.request().get("/console/imports/" + uuid).then().statusCode(200).body(containsString("data-uuid=\"" + uuid + "\""));
        // A path that is not a uuid is refused, its markup shown as text.
        console.request().get("/console/imports/<script>x").then().statusCode(400)
                .body(containsString("&lt;script&gt;x"), not(containsString("<script>x")));
        given().redirects().follow(false).get("/console/imports").then().statusCode(303).header("Location", containsString("/console/sign-in"));
        assertTrue(IngestRecorder.RECEIVED.isEmpty(), "pages forward nothing");
    }

    @Test
    void anUploadIsStreamedToIngestWholeAsTheSignedInOperator() throws Exception {
        long size = 48L * 1024 * 1024;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "console/imports/api/sources?filename=big.csv"))
                .header("Cookie", ConsoleResource.SESSION_COOKIE + "=" + console.session)
                .header(ImportForward.CSRF_HEADER, console.csrf).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(size, sha))).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(201, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"size\":" + size), answer.body());
        assertEquals(ConsoleHeaders.POLICY, answer.headers().firstValue("Content-Security-Policy").orElse(null));
        IngestRecorder.Received received = IngestRecorder.RECEIVED.get(0);
        assertEquals("POST", received.method());
        assertEquals("/rest/default/V1/import/sources?filename=big.csv", received.uri());
        assertEquals(size, received.bodyBytes());
        assertEquals(HexFormat.of().formatHex(sha.digest()), received.bodySha256(), "the bytes arrive unchanged");
        assertEquals("text/csv", received.header("Content-Type"));
        assertNull(received.header("Cookie"), "the console's cookie never leaves it");
        assertNull(received.header(ImportForward.CSRF_HEADER));
        // The credential is the session: ingest resolves it to this operator, with the session's ACL.
        String authorization = received.header("Authorization");
        assertTrue(authorization.startsWith(ConsoleSessionCredentials.SCHEME), authorization);
        Optional<Principal> principal = credentials.verify(authorization.substring(ConsoleSessionCredentials.SCHEME.length()));
        assertEquals(userId, principal.orElseThrow().userId());
        assertTrue(principal.get().resources().contains("Magento_ImportExport::import"));
    }

    @Test
    void withoutTheSessionOrItsCsrfTokenNothingIsForwarded() {
        console.request().contentType("text/csv").body("sku\nA\n").post("/console/imports/api/sources").then().statusCode(403)
                .body("message", equalTo("The form's CSRF token is missing or wrong."));
        console.request().header(ImportForward.CSRF_HEADER, "forged").contentType("application/json").body("{\"row\":{}}")
                .put("/console/imports/api/imports/" + UUID.randomUUID() + "/rows/2").then().statusCode(403);
        given().header(ImportForward.CSRF_HEADER, console.csrf).contentType("text/csv").body("sku\nA\n")
                .post("/console/imports/api/sources").then().statusCode(401);
        given().get("/console/imports/api/imports/" + UUID.randomUUID()).then().statusCode(401)
                .header("Content-Security-Policy", equalTo(ConsoleHeaders.POLICY));
        // Signed out: the session no longer forwards anything.
        console.post("/console/sign-out", "csrf", console.csrf).then().statusCode(303);
        console.request().header(ImportForward.CSRF_HEADER, console.csrf).contentType("text/csv").body("sku\nA\n")
                .post("/console/imports/api/sources").then().statusCode(401);
        assertTrue(IngestRecorder.RECEIVED.isEmpty(), "nothing reached ingest: " + IngestRecorder.RECEIVED);
    }

    @Test
    void onlyTheImportRoutesAreForwardedAndTheStoreCodeIsChecked() {
        for (String path : List.of("bulk", "sources/" + UUID.randomUUID() + "/pieces/1", "imports/not-a-uuid", "imports/../../V1/users",
                "imports/" + UUID.randomUUID() + "/rows/x")) {
            console.request().header(ImportForward.CSRF_HEADER, console.csrf).get("/console/imports/api/" + path).then().statusCode(404);
        }
        console.request().header(ImportForward.CSRF_HEADER, console.csrf).delete("/console/imports/api/sources/" + UUID.randomUUID())
                .then().statusCode(404);
        String source = UUID.randomUUID().toString();
        console.request().header(ImportForward.CSRF_HEADER, console.csrf).contentType("application/json").body("{}")
                .post("/console/imports/api/sources/" + source + "/start?store=../admin").then().statusCode(400);
        assertTrue(IngestRecorder.RECEIVED.isEmpty(), "nothing reached ingest: " + IngestRecorder.RECEIVED);

        console.request().header(ImportForward.CSRF_HEADER, console.csrf).contentType("application/json").body("{\"import\":{}}")
                .post("/console/imports/api/sources/" + source + "/start?store=all").then().statusCode(404);
        IngestRecorder.Received start = IngestRecorder.RECEIVED.get(0);
        assertEquals("/rest/all/V1/import/sources/" + source + "/start", start.uri());
        assertEquals("application/json", start.header("Content-Type"));
        assertEquals(13, start.bodyBytes());
    }

    @Test
    void ingestsAnswersComeBackAsTheyAreAndDownloadsStream() {
        String uuid = UUID.randomUUID().toString();
        // An import ingest does not show this operator: its 404, in Magento's shape.
        console.request().get("/console/imports/api/imports/" + uuid).then().statusCode(404)
                .body("message", equalTo("Import with uuid \"%1\" does not exist."));
        assertEquals("/rest/default/V1/import/" + uuid, IngestRecorder.RECEIVED.get(0).uri());
        String csv = console.request().header("Accept", "text/csv").get("/console/imports/api/imports/" + uuid + "/failed-rows")
                .then().statusCode(200).header("Content-Disposition", containsString("attachment"))
                .header("Content-Type", containsString("text/csv")).header("Set-Cookie", (String) null)
                .header("Content-Security-Policy", equalTo(ConsoleHeaders.POLICY)).extract().asString();
        assertEquals(IngestRecorder.FAILED_ROWS + 1, csv.lines().count());
        assertTrue(csv.endsWith("SKU-" + IngestRecorder.FAILED_ROWS + ",Bag " + IngestRecorder.FAILED_ROWS + "," + IngestRecorder.FAILED_ROWS
                + ",\"Price is not valid\"\n"));
        assertEquals("text/csv", IngestRecorder.RECEIVED.get(1).header("Accept"));
    }

    @Test
    void everyOtherRouteKeepsASmallBodyLimit() throws IOException {
        // Quarkus' limit is raised for uploads passing through; a form or a status route still refuses a large body, from
        // its declared length, before reading any of it (the request below sends the head only).
        String cookie = ConsoleResource.SESSION_COOKIE + "=" + console.session;
        assertTrue(headOnly("POST /console/bulks/" + UUID.randomUUID() + "/acknowledge", "application/x-www-form-urlencoded", cookie)
                .startsWith("HTTP/1.1 413"));
        assertTrue(headOnly("POST /rest/V1/bulk/retry", "application/json", null).startsWith("HTTP/1.1 413"));
        // Below the limit the route answers as it always did.
        console.post("/console/bulks/" + UUID.randomUUID() + "/acknowledge", "csrf", console.csrf).then().statusCode(404);
        assertTrue(IngestRecorder.RECEIVED.isEmpty());
    }

    /** Sends a request head declaring an 11 MiB body and none of the body; answers the status line. */
    private String headOnly(String requestLine, String contentType, String cookie) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String head = requestLine + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: " + contentType + "\r\n"
                    + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Content-Length: " + (11 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    /** A CSV of the given size made up on the fly: a large upload without a large file or array. */
    private static final class GeneratedCsv extends InputStream {
        private static final byte[] LINE = "SKU-0000,Joust Duffle Bag,34,4,simple\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        private final long size;
        private final MessageDigest sha;
        private long position;

        GeneratedCsv(long size, MessageDigest sha) {
            this.size = size;
            this.sha = sha;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = LINE[(int) ((position + i) % LINE.length)];
            }
            sha.update(b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
        }
    }
}
