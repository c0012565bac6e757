package io.catalogbulk.status.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.core.JsonGenerator;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import io.catalogbulk.core.ledger.Bulk;
import io.catalogbulk.core.ledger.BulkLog;
import io.catalogbulk.core.ledger.OperationReads;
import io.catalogbulk.core.operation.BulkStatus;
import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.operation.OperationCounts;
import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.core.search.SearchCriteria;
import io.catalogbulk.core.search.SearchCriteriaParser;
import io.catalogbulk.core.security.AclResources;
import io.catalogbulk.core.security.Principal;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.status.bulk.BulkAccess;
import io.catalogbulk.status.bulk.OperationRows;
import io.catalogbulk.status.console.ConsoleSessions.Session;
import io.catalogbulk.status.console.ConsoleViews.BulkRow;
import io.catalogbulk.status.console.ConsoleViews.FailureGroupView;
import io.catalogbulk.status.console.ConsoleViews.OperationView;
import io.catalogbulk.status.console.ConsoleViews.Operator;
import io.catalogbulk.status.console.ConsoleViews.Option;
import io.catalogbulk.status.console.ConsoleViews.PageLink;
import io.catalogbulk.status.console.ConsoleViews.Progress;

/**
 * The operator console: server-rendered pages (Qute, escaped by default) and two small JSON reads its script polls.
 * Every page reads through {@link BulkAccess}, the same visibility the status routes apply: a principal sees its
 * own bulks, all of them with the bulk-log ACL. Every POST carries the session's CSRF token; the session cookie is
 * HttpOnly and SameSite=Strict, Secure behind TLS; ConsoleHeaders sets a Content-Security-Policy without inline script.
 */
@Path("/console")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "console", description = "Operator console (HTML)")
public class ConsoleResource {

    static final String SESSION_COOKIE = "cb_console";
    static final String SIGN_IN_COOKIE = "cb_console_signin";
    private static final int FAILURE_GROUPS = 50;

    @Inject
    ConsoleSessions sessions;

    @Inject
    ConsoleSignIn signIn;

    @Inject
    BulkAccess access;

    @Inject
    BulkLog log;

    @Inject
    OperationReads operations;

    @Inject
    ConsoleConfig config;

    @Inject
    ConsoleOverview overview;

    @Location("console/sign-in.html")
    Template signInPage;

    @Location("console/bulks.html")
    Template bulksPage;

    @Location("console/bulk.html")
    Template bulkPage;

    @Location("console/overview.html")
    Template overviewPage;

    @Location("console/error.html")
    Template errorPage;

    @Location("console/imports.html")
    Template importsPage;

    @Location("console/import-new.html")
    Template importNewPage;

    @Location("console/import.html")
    Template importPage;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    // --- Sign in, sign out -------------------------------------------------------------------------------------

    @GET
    @Operation(hidden = true)
    public Response root() {
        return seeOther("/console/bulks");
    }

    @GET
    @Path("sign-in")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response signInForm() {
        // The sign-in form has no session yet: its CSRF token is a double-submit cookie of its own.
        String csrf = ConsoleSessions.randomToken();
        return Response.ok(signInPage.data("csrf", csrf).data("error", null).data("username", ""))
                .header(HttpHeaders.SET_COOKIE, cookie(SIGN_IN_COOKIE, csrf, 600)).build();
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response signIn(@FormParam("csrf") String csrf, @FormParam("method") String method, @FormParam("username") String username,
            @FormParam("password") String password, @FormParam("token") String token) {
        if (!ConsoleSessions.sameSecret(cookieValue(SIGN_IN_COOKIE), csrf)) {
            return signInAgain(403, "The form expired. Sign in again.", username);
        }
        Principal principal;
        try {
            principal = "token".equals(method) ? signIn.token(token)
                    : signIn.admin(username == null ? "" : username, password == null ? "" : password);
        } catch (WebapiException e) {
            if (e.status() == 503) {
                return signInAgain(503, e.phrase().render(), username);
            }
            return signInAgain(401, "token".equals(method) ? "The token is not valid (or was revoked)." : e.phrase().render(), username);
        }
        ConsoleSessions.Started started = sessions.start(principal);
        return Response.seeOther(URI.create("/console/bulks"))
                .header(HttpHeaders.SET_COOKIE, cookie(SESSION_COOKIE, started.cookieValue(), config.sessionLifetime().toSeconds()))
                .header(HttpHeaders.SET_COOKIE, cookie(SIGN_IN_COOKIE, "", 0))
                .build();
    }

    private Response signInAgain(int status, String error, String username) {
        String csrf = ConsoleSessions.randomToken();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(signInPage.data("csrf", csrf).data("error", error).data("username", username == null ? "" : username))
                .header(HttpHeaders.SET_COOKIE, cookie(SIGN_IN_COOKIE, csrf, 600)).build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOut(@FormParam("csrf") String csrf) {
        Optional<Session> session = session();
        if (session.isPresent() && !ConsoleSessions.sameSecret(session.get().csrfToken(), csrf)) {
            return forbidden();
        }
        sessions.end(cookieValue(SESSION_COOKIE));
        return Response.seeOther(URI.create("/console/sign-in")).header(HttpHeaders.SET_COOKIE, cookie(SESSION_COOKIE, "", 0)).build();
    }

    // --- Bulk actions log --------------------------------------------------------------------------------------

    @GET
    @Path("bulks")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response bulks(@QueryParam("status") String status, @QueryParam("topic") String topic, @QueryParam("user") String user,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("text") String text,
            @QueryParam("page") String page) {
        return page(session -> {
            BulkLog.Filter filter = filter(status, topic, user, from, to, text);
            int pageNumber = positive(page, "page");
            BulkLog.Page found = logPage(session, filter, pageNumber);
            List<BulkRow> rows = new ArrayList<>();
            for (BulkLog.Entry entry : found.entries()) {
                rows.add(row(entry));
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("status", blankToEmpty(status));
            query.put("topic", blankToEmpty(topic));
            query.put("user", blankToEmpty(user));
            query.put("from", blankToEmpty(from));
            query.put("to", blankToEmpty(to));
            query.put("text", blankToEmpty(text));
            List<Option> statuses = new ArrayList<>();
            statuses.add(new Option("", "Any status", filter.status() == null));
            for (BulkStatus s : BulkStatus.values()) {
                statuses.add(new Option(String.valueOf(s.code()), ConsoleViews.statusName(s), s == filter.status()));
            }
            String refresh = "/console/bulks/rows?" + queryString(query) + "&page=" + pageNumber;
            return bulksPage.data("operator", operator(session)).data("rows", rows).data("filters", query).data("statuses", statuses)
                    .data("previous", pageNumber > 1 ? "/console/bulks?" + queryString(query) + "&page=" + (pageNumber - 1) : null)
                    .data("next", found.more() ? "/console/bulks?" + queryString(query) + "&page=" + (pageNumber + 1) : null)
                    .data("page", pageNumber).data("refresh", refresh).data("seesAll", session.principal().allows(AclResources.BULK_LOG));
        });
    }

    /** The rows of a log page as JSON, for the page's live refresh (no full page reload). */
    @GET
    @Path("bulks/rows")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response bulkRows(@QueryParam("status") String status, @QueryParam("topic") String topic, @QueryParam("user") String user,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("text") String text,
            @QueryParam("page") String page) {
        Session session = session().orElseThrow(() -> WebapiException.notAuthorized(AclResources.BULK_LOG.name()));
        BulkLog.Page found = logPage(session, filter(status, topic, user, from, to, text), positive(page, "page"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BulkLog.Entry entry : found.entries()) {
            rows.add(progressJson(entry.bulk().uuid().toString(), Progress.of(entry.counts())));
        }
        return Response.ok(Map.of("rows", rows)).build();
    }

    private BulkLog.Page logPage(Session session, BulkLog.Filter filter, int pageNumber) {
        Principal principal = session.principal();
        // The same rule as the status routes' search: every bulk with the bulk-log ACL, one's own otherwise.
        Caller owner = principal.allows(AclResources.BULK_LOG) ? null : principal.caller();
        int size = config.bulksPerPage();
        return BulkAccess.database(() -> log.page(filter, owner, size, (pageNumber - 1) * size));
    }

    private static BulkRow row(BulkLog.Entry entry) {
        Bulk bulk = entry.bulk();
        String user = (entry.ownerName() == null ? "#" + bulk.owner().userId() : entry.ownerName()) + " ("
                + ConsoleViews.userKind(bulk.owner().userType()) + ")";
        return new BulkRow(bulk.uuid().toString(), bulk.description(), user, ConsoleViews.time(bulk.startTime()), bulk.operationCount(),
                Progress.of(entry.counts()), entry.acknowledged());
    }

    // --- Bulk detail -------------------------------------------------------------------------------------------

    @GET
    @Path("bulks/{uuid}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response bulk(@PathParam("uuid") String uuid, @QueryParam("status") String status, @QueryParam("page") String page,
            @QueryParam("notice") String notice) {
        return page(session -> {
            Bulk bulk = access.visible(uuid, session.principal());
            OperationCounts counts = access.counts(bulk);
            int pageNumber = positive(page, "page");
            Integer statusFilter = operationStatus(status);
            // A page of the bulk's operations through the status routes' own search: never the whole bulk.
            Map<String, String> query = new LinkedHashMap<>();
            query.put("searchCriteria[filter_groups][0][filters][0][field]", "bulk_uuid");
            query.put("searchCriteria[filter_groups][0][filters][0][value]", bulk.uuid().toString());
            if (statusFilter != null) {
                query.put("searchCriteria[filter_groups][1][filters][0][field]", "status");
                query.put("searchCriteria[filter_groups][1][filters][0][value]", String.valueOf(statusFilter));
            }
            query.put("searchCriteria[sort_orders][0][field]", "id");
            query.put("searchCriteria[sort_orders][0][direction]", "ASC");
            query.put("searchCriteria[page_size]", String.valueOf(config.operationsPerPage()));
            query.put("searchCriteria[current_page]", String.valueOf(pageNumber));
            SearchCriteria criteria = SearchCriteriaParser.parse(query);
            OperationRows.SearchPage found = access.search(criteria, session.principal());
            List<OperationView> ops = new ArrayList<>();
            for (Map<String, Object> item : found.items()) {
                int code = ((Number) item.get("status")).intValue();
                ops.add(new OperationView((Integer) item.get("id"), (String) item.get("topic_name"), ConsoleViews.operationStatusName(code),
                        ConsoleViews.operationStatusName(code).replace(' ', '-'),
                        item.get("error_code") == null ? "" : String.valueOf(item.get("error_code")),
                        (String) item.get("result_message"), ConsoleViews.pretty((String) item.get("serialized_data")),
                        ConsoleViews.pretty((String) item.get("result_serialized_data"))));
            }
            List<FailureGroupView> groups = new ArrayList<>();
            for (OperationReads.FailureGroup group : BulkAccess.database(() -> operations.failureGroups(bulk.uuid(), FAILURE_GROUPS))) {
                groups.add(new FailureGroupView(ConsoleViews.operationStatusName(group.status()),
                        group.errorCode() == null ? "" : String.valueOf(group.errorCode()), group.resultMessage(), group.operations()));
            }
            long pages = Math.max(1, (found.total() + config.operationsPerPage() - 1) / config.operationsPerPage());
            String base = "/console/bulks/" + bulk.uuid() + "?" + (statusFilter == null ? "" : "status=" + statusFilter + "&") + "page=";
            List<Option> statuses = new ArrayList<>();
            statuses.add(new Option("", "All operations", statusFilter == null));
            for (OperationStatus s : OperationStatus.values()) {
                statuses.add(new Option(String.valueOf(s.code()), ConsoleViews.operationStatusName(s.code()),
                        statusFilter != null && statusFilter == s.code()));
            }
            Progress progress = Progress.of(counts);
            return bulkPage.data("operator", operator(session)).data("uuid", bulk.uuid().toString())
                    .data("description", bulk.description()).data("startTime", ConsoleViews.time(bulk.startTime()))
                    .data("operationCount", bulk.operationCount()).data("progress", progress)
                    .data("failed", counts.failed()).data("groups", groups).data("operations", ops).data("total", found.total())
                    .data("page", pageNumber).data("pages", pages)
                    .data("previous", pageNumber > 1 ? base + (pageNumber - 1) : null)
                    .data("next", pageNumber < pages ? base + (pageNumber + 1) : null)
                    .data("statuses", statuses).data("notice", notice(notice))
                    .data("refresh", "/console/bulks/" + bulk.uuid() + "/progress")
                    .data("throughput", overview.bulkChart(bulk.uuid(), progress.finished()));
        });
    }

    /** A bulk's counts as JSON, for the detail page's live refresh. */
    @GET
    @Path("bulks/{uuid}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response bulkProgress(@PathParam("uuid") String uuid) {
        Session session = session().orElseThrow(() -> WebapiException.notAuthorized(AclResources.BULK_LOG.name()));
        Bulk bulk = access.visible(uuid, session.principal());
        return Response.ok(progressJson(bulk.uuid().toString(), Progress.of(access.counts(bulk)))).build();
    }

    @POST
    @Path("bulks/{uuid}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response retry(@PathParam("uuid") String uuid, @FormParam("csrf") String csrf, @FormParam("statuses") List<String> statuses) {
        return action(csrf, session -> {
            Bulk bulk = access.visible(uuid, session.principal());
            List<OperationStatus> chosen = new ArrayList<>();
            for (String status : statuses == null ? List.<String>of() : statuses) {
                Integer code = operationStatus(status);
                if (code == null || !(code == OperationStatus.RETRIABLY_FAILED.code() || code == OperationStatus.NOT_RETRIABLY_FAILED.code()
                        || code == OperationStatus.REJECTED.code())) {
                    throw WebapiException.badRequest(Phrase.of(
                            "Only failed operations can be retried: statuses 2, 3 or 5, not %status.", Map.of("status", String.valueOf(status))));
                }
                chosen.add(OperationStatus.of(code));
            }
            if (chosen.isEmpty()) {
                chosen.add(OperationStatus.RETRIABLY_FAILED);
            }
            int retried = access.retry(bulk, chosen, List.of());
            return "/console/bulks/" + bulk.uuid() + "?notice=retried-" + retried;
        });
    }

    @POST
    @Path("bulks/{uuid}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response acknowledge(@PathParam("uuid") String uuid, @FormParam("csrf") String csrf) {
        return action(csrf, session -> {
            Bulk bulk = access.visible(uuid, session.principal());
            access.acknowledge(bulk);
            return "/console/bulks/" + bulk.uuid() + "?notice=acknowledged";
        });
    }

    @POST
    @Path("bulks/{uuid}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response cancel(@PathParam("uuid") String uuid, @FormParam("csrf") String csrf) {
        return action(csrf, session -> {
            Bulk bulk = access.visible(uuid, session.principal());
            int cancelled = access.cancel(bulk);
            return "/console/bulks/" + bulk.uuid() + "?notice=cancelled-" + cancelled;
        });
    }

    /** The bulk's failed operations, streamed from a database cursor: NDJSON, one operation per line. */
    @GET
    @Path("bulks/{uuid}/failed.ndjson")
    @Produces("application/x-ndjson")
    @Operation(hidden = true)
    public Response failedNdjson(@PathParam("uuid") String uuid) {
        Session session = session().orElseThrow(() -> WebapiException.notAuthorized(AclResources.BULK_LOG.name()));
        Bulk bulk = access.visible(uuid, session.principal());
        StreamingOutput body = output -> {
            try (OperationReads.Cursor<OperationReads.OperationDetail> cursor = operations.failedDetails(bulk.uuid())) {
                for (OperationReads.OperationDetail op = cursor.next(); op != null; op = cursor.next()) {
                    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(new NonClosing(output))) {
                        json.writeStartObject();
                        json.writeNumberField("id", op.id());
                        json.writeStringField("topic_name", op.topicName());
                        json.writeNumberField("status", op.status());
                        if (op.errorCode() == null) {
                            json.writeNullField("error_code");
                        } else {
                            json.writeNumberField("error_code", op.errorCode());
                        }
                        json.writeStringField("result_message", op.resultMessage());
                        json.writeStringField("serialized_data", op.serializedData());
                        json.writeEndObject();
                    }
                    output.write('\n');
                }
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("Reading failed operations of " + bulk.uuid() + " failed", e));
            }
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"failed-" + bulk.uuid() + ".ndjson\"").build();
    }

    /** The bulk's failed operations as CSV (RFC 4180 quoting), streamed from a database cursor. */
    @GET
    @Path("bulks/{uuid}/failed.csv")
    @Produces("text/csv")
    @Operation(hidden = true)
    public Response failedCsv(@PathParam("uuid") String uuid) {
        Session session = session().orElseThrow(() -> WebapiException.notAuthorized(AclResources.BULK_LOG.name()));
        Bulk bulk = access.visible(uuid, session.principal());
        StreamingOutput body = output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            writer.write("id,topic_name,status,error_code,result_message,serialized_data\r\n");
            try (OperationReads.Cursor<OperationReads.OperationDetail> cursor = operations.failedDetails(bulk.uuid())) {
                for (OperationReads.OperationDetail op = cursor.next(); op != null; op = cursor.next()) {
                    writer.write(op.id() + "," + csv(op.topicName()) + "," + op.status() + ","
                            + (op.errorCode() == null ? "" : op.errorCode()) + "," + csv(op.resultMessage()) + ","
                            + csv(op.serializedData()) + "\r\n");
                }
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("Reading failed operations of " + bulk.uuid() + " failed", e));
            }
            writer.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"failed-" + bulk.uuid() + ".csv\"").build();
    }

    /** A CSV field: quoted, quotes doubled; a leading formula character is defused for spreadsheets. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    // --- Imports ------------------------------------------------------------------------------------------------
    // The pages are shells: their script reads and acts through ImportForward (/console/imports/api/...), which
    // streams every call to ingest-service's import routes as the signed-in operator.

    @GET
    @Path("imports")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response imports(@QueryParam("page") String page) {
        return page(session -> {
            int pageNumber = positive(page, "page");
            return importsPage.data("operator", operator(session)).data("page", pageNumber).data("perPage", config.bulksPerPage())
                    .data("previousPage", pageNumber > 1 ? pageNumber - 1 : null).data("nextPage", pageNumber + 1)
                    .data("seesAll", session.principal().allows(AclResources.BULK_LOG));
        });
    }

    @GET
    @Path("imports/new")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response newImport() {
        return page(session -> importNewPage.data("operator", operator(session)));
    }

    @GET
    @Path("imports/{uuid}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response importDetail(@PathParam("uuid") String uuid) {
        return page(session -> {
            java.util.UUID parsed;
            try {
                parsed = java.util.UUID.fromString(uuid);
            } catch (IllegalArgumentException e) {
                throw invalid(uuid, "importUuid");
            }
            // Whether it exists and is the operator's is ingest's answer, read by the page's script (404 shown there).
            return importPage.data("operator", operator(session)).data("uuid", parsed.toString());
        });
    }

    // --- Overview ----------------------------------------------------------------------------------------------

    @GET
    @Path("overview")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response overview() {
        return page(session -> overview.render(overviewPage.data("operator", operator(session))));
    }

    // --- Plumbing ----------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Page {
        TemplateInstance render(Session session);
    }

    @FunctionalInterface
    interface Action {
        /** Performs the action; answers where to go next. */
        String perform(Session session);
    }

    /** A page for a signed-in operator; without a session, the sign-in page; an error, as a page. */
    private Response page(Page page) {
        Optional<Session> session = session();
        if (session.isEmpty()) {
            return seeOther("/console/sign-in");
        }
        try {
            return Response.ok(page.render(session.get())).type(MediaType.TEXT_HTML_TYPE).build();
        } catch (WebapiException e) {
            return error(e, session.get());
        }
    }

    /** A form post: session and CSRF token first, then the action, then a redirect (post/redirect/get). */
    private Response action(String csrf, Action action) {
        Optional<Session> session = session();
        if (session.isEmpty()) {
            return seeOther("/console/sign-in");
        }
        if (!ConsoleSessions.sameSecret(session.get().csrfToken(), csrf)) {
            return forbidden();
        }
        try {
            return seeOther(action.perform(session.get()));
        } catch (WebapiException e) {
            return error(e, session.get());
        }
    }

    private Response error(WebapiException e, Session session) {
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE)
                .entity(errorPage.data("operator", operator(session)).data("status", e.status()).data("message", e.phrase().render()))
                .build();
    }

    private Response forbidden() {
        return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE).entity("The form's CSRF token is missing or wrong.").build();
    }

    private Optional<Session> session() {
        return sessions.find(cookieValue(SESSION_COOKIE));
    }

    private String cookieValue(String name) {
        jakarta.ws.rs.core.Cookie cookie = headers.getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** HttpOnly, SameSite=Strict, path /console; Secure when configured or when the request came over TLS. */
    private String cookie(String name, String value, long maxAgeSeconds) {
        String forwarded = headers.getHeaderString("X-Forwarded-Proto");
        boolean tls = config.secureCookie() || "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
                || (forwarded != null && forwarded.trim().toLowerCase().startsWith("https"));
        return name + "=" + value + "; Path=/console; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }

    private static Operator operator(Session session) {
        Principal principal = session.principal();
        return new Operator(principal.username() == null ? "#" + principal.userId() : principal.username(),
                ConsoleViews.userKind(principal.userType()), session.csrfToken());
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    private static Map<String, Object> progressJson(String uuid, Progress progress) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("uuid", uuid);
        row.put("status", progress.status());
        row.put("status_css", progress.statusCss());
        row.put("finished", progress.finished());
        row.put("summary", progress.summary());
        List<Map<String, Object>> segments = new ArrayList<>();
        for (ConsoleViews.Segment segment : progress.segments()) {
            segments.add(Map.of("css", segment.css(), "x", segment.x(), "width", segment.width(), "count", segment.count(),
                    "label", segment.label()));
        }
        row.put("segments", segments);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("open", progress.open());
        counts.put("complete", progress.complete());
        counts.put("retriably_failed", progress.retriablyFailed());
        counts.put("not_retriably_failed", progress.notRetriablyFailed());
        counts.put("rejected", progress.rejected());
        row.put("counts", counts);
        return row;
    }

    private static String notice(String notice) {
        if (notice == null) {
            return null;
        }
        if (notice.equals("acknowledged")) {
            return "The bulk is acknowledged.";
        }
        if (notice.matches("cancelled-\\d{1,9}")) {
            return notice.substring(10) + " open operation(s) cancelled.";
        }
        if (notice.matches("retried-\\d{1,9}")) {
            return notice.substring(8) + " operation(s) re-queued.";
        }
        return null;
    }

    private static BulkLog.Filter filter(String status, String topic, String user, String from, String to, String text) {
        BulkStatus bulkStatus = null;
        if (!blank(status)) {
            int code = -1;
            try {
                code = Integer.parseInt(status.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
            for (BulkStatus s : BulkStatus.values()) {
                if (s.code() == code) {
                    bulkStatus = s;
                }
            }
            if (bulkStatus == null) {
                throw invalid(status, "status");
            }
        }
        return new BulkLog.Filter(bulkStatus, trimmed(topic), trimmed(user), time(from, "from"), time(to, "to"), trimmed(text));
    }

    /** A time of the filter form (datetime-local, read as UTC) or an ISO-8601 time with its offset. */
    private static OffsetDateTime time(String value, String field) {
        if (blank(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value.trim()).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw invalid(value, field);
            }
        }
    }

    private static Integer operationStatus(String status) {
        if (blank(status)) {
            return null;
        }
        try {
            int code = Integer.parseInt(status.trim());
            if (OperationStatus.isValid(code)) {
                return code;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(status, "status");
    }

    private static int positive(String value, String field) {
        if (blank(value)) {
            return 1;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1 && number <= 1_000_000) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(value, field);
    }

    private static WebapiException invalid(String value, String field) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("value", value);
        parameters.put("fieldName", field);
        return WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE, parameters));
    }

    private static String queryString(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((key, value) -> {
            if (!value.isEmpty()) {
                if (out.length() > 0) {
                    out.append('&');
                }
                out.append(key).append('=').append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return out.toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trimmed(String value) {
        return blank(value) ? null : value.trim();
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Lets a JSON generator close without closing the response stream under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
