package io.catalogbulk.catalog.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hamcrest.Matcher;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.path.json.JsonPath;

import io.catalogbulk.core.webapi.ErrorBodies;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * What a catalog operation answered: 200 and the handler's JSON, or a business error's status and Magento's error
 * body ({@code {"message","parameters"}}, {@code errors} for several). Paths into the body are rest-assured's
 * JsonPath (GPath) expressions, so the assertions read like the Web API tests'.
 */
public final class Answer {

    private final int status;
    private final JsonNode body;
    private final WebapiException error;

    private Answer(int status, JsonNode body, WebapiException error) {
        this.status = status;
        this.body = body;
        this.error = error;
    }

    static Answer of(JsonNode result) {
        return new Answer(200, result, null);
    }

    static Answer of(WebapiException error) {
        return new Answer(error.status(), ErrorBodies.of(error), error);
    }

    public Answer statusCode(int expected) {
        assertEquals(expected, status, () -> "status of the answer " + text());
        return this;
    }

    /** Asserts on the value at a JsonPath of the body ({@code ""} for the whole body). */
    @SuppressWarnings("unchecked")
    public Answer body(String path, Matcher<?> matcher) {
        assertThat(path + " of " + text(), jsonPath().get(path), (Matcher<Object>) matcher);
        return this;
    }

    /** Asserts on the body as the Web API would send it (e.g. {@code true}). */
    @SuppressWarnings("unchecked")
    public Answer body(Matcher<?> matcher) {
        assertThat(text(), (Matcher<Object>) matcher);
        return this;
    }

    public <T> T path(String path) {
        return jsonPath().get(path);
    }

    public JsonPath jsonPath() {
        return JsonPath.from(text());
    }

    public JsonNode json() {
        return body;
    }

    public String text() {
        return Json.string(body);
    }

    /** A business error's message with its parameters filled in, as the bulk status shows a failed operation's. */
    public String renderedMessage() {
        if (error == null) {
            throw new AssertionError("Not an error: " + text());
        }
        return error.phrase().render();
    }
}
