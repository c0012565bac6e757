package io.catalogbulk.status.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestTokens;

/**
 * The operator console through HTTP: sign-in (admin password or integration token), the session cookie's flags,
 * CSRF on every form, the Content-Security-Policy, sign-out revoking, visibility (own bulks; all with the bulk-log
 * ACL), the bulk detail (failure groups, paging, retry, acknowledge, downloads) and escaping of operation data.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ConsoleTests {

    @Inject
    ConsoleOverview overview;

    private static final String BULK_LOG = "Magento_AsynchronousOperations::system_magento_logging_bulk_operations";
    private static final int RETRIABLY = OperationStatus.RETRIABLY_FAILED.code();
    private static final int NOT_RETRIABLY = OperationStatus.NOT_RETRIABLY_FAILED.code();

    private static String freshName() {
        return "op" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void signInPageHasAStrictPolicyAndAFormToken() {
        Response page = given().redirects().follow(false).get("/console/sign-in");
        page.then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo(ConsoleHeaders.POLICY))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .body(containsString("<label for=\"username\">"), not(containsString("<script>")), not(containsString("style=")));
        assertTrue(ConsoleHeaders.POLICY.contains("script-src 'self'") && !ConsoleHeaders.POLICY.contains("unsafe-inline"));
        String setCookie = page.getHeader("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
    }

    @Test
    void withoutASessionPagesLeadToSignInAndJsonIs401() {
        given().redirects().follow(false).get("/console/bulks").then().statusCode(303)
                .header("Location", containsString("/console/sign-in"));
        given().redirects().follow(false).cookie(ConsoleResource.SESSION_COOKIE, "forged").get("/console/bulks").then().statusCode(303);
        given().get("/console/bulks/rows").then().statusCode(401).body("message", equalTo("The consumer isn't authorized to access %resources."));
    }

    @Test
    void adminSignsInWithAnHttpOnlyStrictCookieSecureBehindTlsAndSignOutRevokes() {
        String name = freshName();
        ConsoleData.adminUser(name, "Secret-pass-1", "Magento_Backend::all");
        Response signedIn = ConsoleClient.postSignIn(ConsoleClient.signInForm(), "method", "password", "username", name,
                "password", "Secret-pass-1");
        signedIn.then().statusCode(303).header("Location", containsString("/console/bulks"));
        String cookie = signedIn.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(ConsoleResource.SESSION_COOKIE + "="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/console"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: " + cookie);

        ConsoleClient.SignInForm form = ConsoleClient.signInForm();
        String behindTls = given().redirects().follow(false).header("X-Forwarded-Proto", "https")
                .contentType("application/x-www-form-urlencoded").cookie(ConsoleResource.SIGN_IN_COOKIE, form.cookie())
                .formParam("csrf", form.csrf()).formParam("method", "password").formParam("username", name)
                .formParam("password", "Secret-pass-1").post("/console/sign-in").getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleResource.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(behindTls.contains("; Secure"), behindTls);

        ConsoleClient console = ConsoleClient.admin(name, "Secret-pass-1");
        console.request().get("/console/bulks").then().statusCode(200).body(containsString(name + " (admin)"));
        // Sign-out is a form: without the session's token it is refused and the session stays.
        console.post("/console/sign-out").then().statusCode(403);
        console.post("/console/sign-out", "csrf", "wrong").then().statusCode(403);
        console.request().get("/console/bulks").then().statusCode(200);
        console.post("/console/sign-out", "csrf", console.csrf).then().statusCode(303).header("Location", containsString("/console/sign-in"));
        console.request().get("/console/bulks").then().statusCode(303);
        // Only the signed-out session is gone: the two sign-ins above keep theirs.
        assertEquals(2, ConsoleData.count("SELECT count(*) FROM console_session WHERE username = ?", name));
    }

    @Test
    void wrongPasswordOrMissingFormTokenSignsNobodyIn() {
        String name = freshName();
        ConsoleData.adminUser(name, "Secret-pass-1", "Magento_Backend::all");
        Response wrong = ConsoleClient.postSignIn(ConsoleClient.signInForm(), "method", "password", "username", name, "password", "nope");
        wrong.then().statusCode(401).body(containsString("The account sign-in was incorrect"));
        assertNull(wrong.getCookie(ConsoleResource.SESSION_COOKIE));
        // The form's token must match its cookie: a cross-site post has neither.
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").formParam("method", "password")
                .formParam("username", name).formParam("password", "Secret-pass-1").post("/console/sign-in").then().statusCode(403);
        ConsoleClient.postSignIn(new ConsoleClient.SignInForm("forged", ConsoleClient.signInForm().cookie()), "method", "password",
                "username", name, "password", "Secret-pass-1").then().statusCode(403);
        Response badToken = ConsoleClient.postSignIn(ConsoleClient.signInForm(), "method", "token", "token", "not-a-token");
        badToken.then().statusCode(401).body(containsString("The token is not valid"));
    }

    @Test
    void aCustomerTokenOpensNoSessionAndRevokingAPrincipalsTokensEndsItsSessions() {
        int customer = ConsoleData.freshUserId();
        ConsoleClient.postSignIn(ConsoleClient.signInForm(), "method", "token", "token",
                TestTokens.token(customer, 3, Set.of("self"))).then().statusCode(401);

        int integration = ConsoleData.freshUserId();
        ConsoleClient console = ConsoleClient.token(TestTokens.token(integration, TestTokens.INTEGRATION, Set.of()));
        console.request().get("/console/bulks").then().statusCode(200);
        // What deleting the integration writes (ingest's TokenRevoker): its tokens and its console sessions stop.
        ConsoleData.execute("INSERT INTO token_revocation (user_type, user_id, revoked_before) VALUES (?, ?, clock_timestamp())",
                (short) TestTokens.INTEGRATION, integration);
        console.request().get("/console/bulks").then().statusCode(303).header("Location", containsString("/console/sign-in"));
        console.request().get("/console/bulks/rows").then().statusCode(401);
    }

    @Test
    void anIntegrationSeesItsOwnBulksAndAnAdminWithTheBulkLogSeesAll() {
        int integration = ConsoleData.freshUserId();
        int other = ConsoleData.freshUserId();
        String tag = freshName();
        UUID own = ConsoleData.bulk(integration, TestTokens.INTEGRATION, "own " + tag, List.of(ConsoleData.Op.complete("a")));
        UUID foreign = ConsoleData.bulk(other, TestTokens.INTEGRATION, "foreign " + tag, List.of(ConsoleData.Op.complete("b")));

        ConsoleClient console = ConsoleClient.token(TestTokens.token(integration, TestTokens.INTEGRATION, Set.of()));
        console.request().queryParam("text", tag).get("/console/bulks").then().statusCode(200)
                .body(containsString(own.toString()), not(containsString(foreign.toString())), containsString("Your own bulks."));
        // Someone else's bulk is answered like an unknown one, as by the status routes.
        console.request().get("/console/bulks/" + foreign).then().statusCode(404).body(containsString("Bulk uuid " + foreign + " not exist"));
        console.request().get("/console/bulks/" + foreign + "/failed.ndjson").then().statusCode(404);

        String name = freshName();
        ConsoleData.adminUser(name, "Secret-pass-1", BULK_LOG);
        ConsoleClient auditor = ConsoleClient.admin(name, "Secret-pass-1");
        auditor.request().queryParam("text", tag).get("/console/bulks").then().statusCode(200)
                .body(containsString(own.toString()), containsString(foreign.toString()));
        auditor.request().queryParam("text", tag).queryParam("status", "9").get("/console/bulks").then().statusCode(400)
                .body(containsString("Invalid value of &quot;9&quot; provided for the status field."));
    }

    @Test
    void theLogFiltersByStatusUserAndTimeAndPollsProgress() {
        String name = freshName();
        int admin = ConsoleData.adminUser(name, "Secret-pass-1", "Magento_Backend::all");
        String tag = freshName();
        UUID running = ConsoleData.bulk(admin, TestTokens.ADMIN, "running " + tag,
                List.of(ConsoleData.Op.complete("a"), ConsoleData.Op.open("b")));
        UUID failed = ConsoleData.bulk(admin, TestTokens.ADMIN, "failed " + tag,
                List.of(ConsoleData.Op.failed(NOT_RETRIABLY, 400, "bad sku", "c")));
        ConsoleClient console = ConsoleClient.admin(name, "Secret-pass-1");
        console.request().queryParam("text", tag).queryParam("status", "1").get("/console/bulks").then().statusCode(200)
                .body(containsString(running.toString()), not(containsString(failed.toString())));
        console.request().queryParam("text", tag).queryParam("status", "3").get("/console/bulks").then().statusCode(200)
                .body(not(containsString(running.toString())), containsString(failed.toString()));
        console.request().queryParam("user", name).get("/console/bulks").then().statusCode(200)
                .body(containsString(running.toString()), containsString(failed.toString()));
        console.request().queryParam("text", tag).queryParam("from", "2999-01-01T00:00").get("/console/bulks").then().statusCode(200)
                .body(not(containsString(running.toString())), containsString("No bulk matches."));
        console.request().queryParam("text", tag).get("/console/bulks/rows").then().statusCode(200)
                .body("rows.size()", equalTo(2), "rows.find { it.uuid == '" + running + "' }.counts.open", equalTo(1),
                        "rows.find { it.uuid == '" + running + "' }.status", equalTo("In progress"));
    }

    @Test
    void theDetailGroupsFailuresPagesOperationsRetriesAcknowledgesAndDownloads() {
        String name = freshName();
        int admin = ConsoleData.adminUser(name, "Secret-pass-1", "Magento_Backend::all");
        // 45 operations: 30 complete, 10 retriably failed (one message), 5 not retriably failed (another).
        UUID uuid = ConsoleData.bulk(admin, TestTokens.ADMIN, "detail " + freshName(), ConsoleData.ops(45, i -> i < 30
                ? ConsoleData.Op.complete("p" + i)
                : i < 40 ? ConsoleData.Op.failed(RETRIABLY, 503, "Lock wait timeout", "p" + i)
                        : ConsoleData.Op.failed(NOT_RETRIABLY, 400, "The product SKU is invalid", "p" + i)));
        ConsoleClient console = ConsoleClient.admin(name, "Secret-pass-1");
        String page = console.request().get("/console/bulks/" + uuid).then().statusCode(200).extract().asString();
        assertTrue(page.contains("Failures by message (15)"), page);
        assertTrue(page.matches("(?s).*<td data-label=\"Operations\">10</td><td data-label=\"Status\">retriably failed</td>"
                + "<td data-label=\"Error code\">503</td><td data-label=\"Message\" class=\"message\">Lock wait timeout</td>.*"), page);
        assertTrue(page.contains("Page 1 of 3") && page.contains("id=\"operation-19\"") && !page.contains("id=\"operation-20\""));
        // Throughput: all 45 finished in this minute, the last bar of the chart.
        assertTrue(page.contains("Complete 30 · retriably failed 10 · not retriably failed 5 · rejected 0; the tallest bar is 45."), page);
        assertTrue(page.contains("<rect class=\"not-retriably-failed\""), page);
        // Requests and results are pretty-printed.
        assertTrue(page.contains("{\n  &quot;product&quot; : {\n    &quot;sku&quot; : &quot;sku-0&quot;"), page);
        console.request().queryParam("page", "3").get("/console/bulks/" + uuid).then().statusCode(200)
                .body(containsString("id=\"operation-44\""), not(containsString("id=\"operation-39\"")));
        console.request().queryParam("status", "3").get("/console/bulks/" + uuid).then().statusCode(200)
                .body(containsString("Operations (5)"), containsString("id=\"operation-40\""));

        String ndjson = console.request().get("/console/bulks/" + uuid + "/failed.ndjson").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        assertEquals(15, ndjson.strip().split("\n").length, ndjson);
        assertTrue(ndjson.startsWith("{\"id\":30,\"topic_name\":\"" + ConsoleData.PRODUCT_TOPIC + "\",\"status\":2,\"error_code\":503"), ndjson);
        String csv = console.request().get("/console/bulks/" + uuid + "/failed.csv").then().statusCode(200).extract().asString();
        assertEquals(16, csv.strip().split("\r\n").length, csv);
        assertTrue(csv.contains("40,\"" + ConsoleData.PRODUCT_TOPIC + "\",3,400,\"The product SKU is invalid\",\"{\"\"product\"\""), csv);

        // Retry: a form with the session's token; without it nothing changes.
        console.post("/console/bulks/" + uuid + "/retry", "statuses", "2").then().statusCode(403);
        assertEquals(10, ConsoleData.count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND status = 2", uuid));
        console.post("/console/bulks/" + uuid + "/retry", "csrf", console.csrf, "statuses", "2").then().statusCode(303)
                .header("Location", containsString("notice=retried-10"));
        assertEquals(10, ConsoleData.count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND status = 4", uuid));
        console.request().get("/console/bulks/" + uuid + "?notice=retried-10").then().statusCode(200)
                .body(containsString("10 operation(s) re-queued."), containsString("In progress"));
        console.post("/console/bulks/" + uuid + "/retry", "csrf", console.csrf, "statuses", "1").then().statusCode(400)
                .body(containsString("Only failed operations can be retried"));
        // Acknowledge: only a finished bulk.
        console.post("/console/bulks/" + uuid + "/acknowledge", "csrf", console.csrf).then().statusCode(400)
                .body(containsString("is not finished yet"));
        ConsoleData.finishOpen(uuid, OperationStatus.COMPLETE.code(), null, null);
        console.request().get("/console/bulks/" + uuid + "/progress").then().statusCode(200)
                .body("status", equalTo("Finished with failures"), "counts.complete", equalTo(40), "counts.open", equalTo(0));
        console.post("/console/bulks/" + uuid + "/acknowledge", "csrf", console.csrf).then().statusCode(303)
                .header("Location", containsString("notice=acknowledged"));
        assertEquals(1, ConsoleData.count("SELECT count(*) FROM bulk WHERE uuid = ? AND acknowledged_at IS NOT NULL", uuid));
    }

    @Test
    void cancelEndsTheOpenOperationsOnlyWithTheFormToken() {
        String name = freshName();
        int admin = ConsoleData.adminUser(name, "Secret-pass-1", "Magento_Backend::all");
        UUID uuid = ConsoleData.bulk(admin, TestTokens.ADMIN, "cancel " + freshName(),
                List.of(ConsoleData.Op.complete("c0"), ConsoleData.Op.open("c1"), ConsoleData.Op.open("c2")));
        ConsoleClient console = ConsoleClient.admin(name, "Secret-pass-1");
        console.request().get("/console/bulks/" + uuid).then().statusCode(200).body(containsString("id=\"cancel\""));
        console.post("/console/bulks/" + uuid + "/cancel").then().statusCode(403);
        assertEquals(2, ConsoleData.count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND status = 4", uuid));
        console.post("/console/bulks/" + uuid + "/cancel", "csrf", console.csrf).then().statusCode(303)
                .header("Location", containsString("notice=cancelled-2"));
        assertEquals(2, ConsoleData.count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND status = 5"
                + " AND result_message = 'Cancelled by the user.'", uuid));
        assertEquals(1, ConsoleData.count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND status = 1", uuid));
        console.request().get("/console/bulks/" + uuid + "?notice=cancelled-2").then().statusCode(200)
                .body(containsString("2 open operation(s) cancelled."));
    }

    @Test
    void operationDataRendersAsTextNeverAsMarkup() {
        String name = freshName();
        int admin = ConsoleData.adminUser(name, "Secret-pass-1", "Magento_Backend::all");
        UUID uuid = ConsoleData.bulk(admin, TestTokens.ADMIN, ConsoleData.XSS_SCRIPT + ConsoleData.XSS_IMG, List.of(
                ConsoleData.Op.failed(NOT_RETRIABLY, 400, ConsoleData.XSS_IMG, ConsoleData.XSS_SCRIPT),
                ConsoleData.Op.complete(ConsoleData.XSS_IMG)));
        ConsoleClient console = ConsoleClient.admin(name, "Secret-pass-1");
        for (String path : List.of("/console/bulks?text=alert", "/console/bulks/" + uuid)) {
            String page = console.request().get(path).then().statusCode(200).extract().asString();
            assertFalse(page.contains("<script>alert"), path + ": " + page);
            assertFalse(page.contains("<img src=x"), path + ": " + page);
            assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), path + ": " + page);
            assertTrue(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), path + ": " + page);
        }
        // The only script of any console page is the console's own file.
        String page = console.request().get("/console/bulks/" + uuid).asString();
        assertEquals(1, page.split("<script", -1).length - 1, page);
        assertTrue(page.contains("<script src=\"/console/static/console.js\" defer></script>"));
    }

    @Test
    void theOverviewShowsTheExportedFigures() {
        String name = freshName();
        int admin = ConsoleData.adminUser(name, "Secret-pass-1", "Magento_Backend::all");
        ConsoleData.bulk(admin, TestTokens.ADMIN, "overview " + freshName(), List.of(ConsoleData.Op.open("x"),
                ConsoleData.Op.failed(RETRIABLY, 503, "m", "y")));
        ConsoleClient console = ConsoleClient.admin(name, "Secret-pass-1");
        // The per-minute figures are read at most once a minute: another test may have read them before this bulk.
        overview.forget();
        String page = console.request().get("/console/overview").then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"open-operations\">") && page.contains("id=\"queue-depth\">") && page.contains("id=\"oldest-open\">"), page);
        assertFalse(page.contains("id=\"open-operations\">unknown"), page);
        assertTrue(page.contains("Operations finished per minute, last hour"), page);
        assertTrue(page.contains("<rect class=\"retriably-failed\""), page);
    }

    @Test
    void csvFieldsAreQuotedAndFormulasDefused() {
        assertEquals("\"a \"\"b\"\"\"", ConsoleResource.csv("a \"b\""));
        assertEquals("\"'=cmd()\"", ConsoleResource.csv("=cmd()"));
        assertEquals("", ConsoleResource.csv(null));
    }
}
