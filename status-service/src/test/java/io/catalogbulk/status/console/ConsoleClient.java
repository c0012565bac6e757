package io.catalogbulk.status.console;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A browser-like HTTP client of the console for the rest-assured tests: its cookies and the session's CSRF token. */
final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final String session;
    final String csrf;

    private ConsoleClient(String session, String csrf) {
        this.session = session;
        this.csrf = csrf;
    }

    /** The sign-in form's CSRF token and its cookie. */
    record SignInForm(String csrf, String cookie) {
    }

    static SignInForm signInForm() {
        Response form = given().redirects().follow(false).get("/console/sign-in");
        return new SignInForm(csrfOf(form.asString()), form.getCookie(ConsoleResource.SIGN_IN_COOKIE));
    }

    static Response postSignIn(SignInForm form, String... fields) {
        RequestSpecification request = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie(ConsoleResource.SIGN_IN_COOKIE, form.cookie()).formParam("csrf", form.csrf());
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return request.post("/console/sign-in");
    }

    static ConsoleClient admin(String username, String password) {
        Response answer = postSignIn(signInForm(), "method", "password", "username", username, "password", password);
        answer.then().statusCode(303);
        return of(answer.getCookie(ConsoleResource.SESSION_COOKIE));
    }

    static ConsoleClient token(String token) {
        Response answer = postSignIn(signInForm(), "method", "token", "token", token);
        answer.then().statusCode(303);
        return of(answer.getCookie(ConsoleResource.SESSION_COOKIE));
    }

    private static ConsoleClient of(String session) {
        String page = given().redirects().follow(false).cookie(ConsoleResource.SESSION_COOKIE, session).get("/console/bulks")
                .then().statusCode(200).extract().asString();
        return new ConsoleClient(session, csrfOf(page));
    }

    RequestSpecification request() {
        return given().redirects().follow(false).cookie(ConsoleResource.SESSION_COOKIE, session);
    }

    Response post(String path, String... fields) {
        RequestSpecification request = request().contentType("application/x-www-form-urlencoded");
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return request.post(path);
    }

    static String csrfOf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in the page: " + html);
        }
        return matcher.group(1);
    }
}
