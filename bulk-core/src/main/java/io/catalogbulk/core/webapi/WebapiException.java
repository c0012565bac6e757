package io.catalogbulk.core.webapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any failure that reaches a client. It carries the HTTP status and a body in Magento's error shape
 * ({@code message}, {@code errors}, {@code code}, {@code parameters}); {@link ErrorBodies} renders it.
 * Handlers throw it for business errors; in the worker the same exception becomes the operation's
 * result message and error code, so sync and async callers see the same text.
 */
public class WebapiException extends RuntimeException {

    public static final String NO_ROUTE = "Request does not match any route.";
    public static final String CANNOT_PROCESS = "Specified request cannot be processed.";
    public static final String NOT_AUTHORIZED = "The consumer isn't authorized to access %resources.";
    public static final String DECODING_ERROR = "Decoding error.";
    public static final String REQUIRED_FIELD = "\"%fieldName\" is required. Enter and try again.";
    public static final String INVALID_FIELD_VALUE = "Invalid value of \"%value\" provided for the %fieldName field.";
    public static final String NO_SUCH_ENTITY = "No such entity with %fieldName = %fieldValue";
    public static final String STORE_NOT_FOUND = "The store that was requested wasn't found. Verify the store and try again.";
    public static final String AGGREGATE = "One or more input exceptions have occurred.";

    private final int status;
    private final Phrase phrase;
    private final List<ErrorEntry> errors;
    private final Integer retryAfterSeconds;

    /** One entry of the {@code errors} array; {@code index} names the bulk item it belongs to, if any. */
    public record ErrorEntry(Phrase phrase, Integer index) {
        public ErrorEntry(Phrase phrase) {
            this(phrase, null);
        }
    }

    public WebapiException(int status, Phrase phrase) {
        this(status, phrase, List.of(), null);
    }

    public WebapiException(int status, Phrase phrase, List<ErrorEntry> errors, Integer retryAfterSeconds) {
        super(phrase.render(), null, false, false);
        this.status = status;
        this.phrase = phrase;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static WebapiException badRequest(String message) {
        return new WebapiException(400, Phrase.of(message));
    }

    public static WebapiException badRequest(Phrase phrase) {
        return new WebapiException(400, phrase);
    }

    public static WebapiException notFound(Phrase phrase) {
        return new WebapiException(404, phrase);
    }

    public static WebapiException noRoute() {
        return new WebapiException(404, Phrase.of(NO_ROUTE));
    }

    public static WebapiException cannotProcess() {
        return new WebapiException(400, Phrase.of(CANNOT_PROCESS));
    }

    public static WebapiException notAuthorized(String resources) {
        return new WebapiException(401, Phrase.of(NOT_AUTHORIZED, Map.of("resources", resources)));
    }

    public static WebapiException requiredField(String fieldName) {
        return new WebapiException(400, Phrase.of(REQUIRED_FIELD, Map.of("fieldName", fieldName)));
    }

    public static WebapiException noSuchEntity(String fieldName, Object fieldValue) {
        return new WebapiException(404, Phrase.of(NO_SUCH_ENTITY, orderedMap("fieldName", fieldName, "fieldValue", fieldValue)));
    }

    public static WebapiException storeNotFound() {
        return new WebapiException(400, Phrase.of(STORE_NOT_FOUND));
    }

    public static WebapiException serviceUnavailable(String message, int retryAfterSeconds) {
        return new WebapiException(503, Phrase.of(message), List.of(), retryAfterSeconds);
    }

    /** Several input errors: Magento's aggregate message when there are two or more, the error itself otherwise. */
    public static WebapiException ofErrors(int status, List<Phrase> phrases) {
        if (phrases.size() == 1) {
            return new WebapiException(status, phrases.get(0));
        }
        return new WebapiException(status, Phrase.of(AGGREGATE),
                phrases.stream().map(ErrorEntry::new).toList(), null);
    }

    static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    public int status() {
        return status;
    }

    public Phrase phrase() {
        return phrase;
    }

    public List<ErrorEntry> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
