package io.catalogbulk.ingest.body;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.IngestConfig;

/**
 * Reads request bodies under the configured limits (bytes, nesting depth, string length), rejects duplicate
 * keys, and turns every kind of malformed input (broken JSON, invalid UTF-8, an oversized body) into a
 * Magento-shaped 4xx instead of a 500.
 */
@ApplicationScoped
public class RequestJson {

    @Inject
    IngestConfig config;

    private ObjectMapper mapper;
    private ObjectReader elementReader;

    @PostConstruct
    void init() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(config.maxNestingDepth())
                        .maxStringLength(config.maxStringLength())
                        .maxNumberLength(100)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // Reading one element of a streamed array: what follows it is the next element, not trailing junk.
        elementReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The value the parser is positioned on (one element of a bulk array). */
    public JsonNode readElement(JsonParser parser) throws IOException {
        return elementReader.readTree(parser);
    }

    /** Checks the Content-Type of a request that carries a body, as Magento does. */
    public void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw WebapiException.badRequest("Content-Type header is empty.");
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw WebapiException.badRequest(Phrase.positional("Server cannot understand Content-Type HTTP header media type %1",
                    mediaType));
        }
    }

    public void checkLength(long contentLength) {
        if (contentLength > config.maxBodySize().asLongValue()) {
            throw tooLarge();
        }
    }

    public InputStream limit(InputStream body) {
        // Strictly UTF-8: Jackson alone accepts overlong sequences.
        return new StrictUtf8InputStream(new LimitedInputStream(body, config.maxBodySize().asLongValue()));
    }

    /** A whole (small) body as a tree; an empty body is null. */
    public JsonNode readTree(InputStream body) {
        try {
            JsonNode tree = mapper.readTree(limit(body));
            return tree == null || tree.isMissingNode() ? null : tree;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    public JsonParser parser(InputStream body) {
        try {
            return mapper.createParser(limit(body));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Maps a read failure to its client error: 413 for an oversized body, 400 "Decoding error." otherwise. */
    public WebapiException translate(IOException e) {
        if (e instanceof LimitedInputStream.TooLargeException) {
            return tooLarge();
        }
        StreamConstraintsException constraint = constraint(e);
        if (constraint != null && constraint.getOriginalMessage() != null
                && constraint.getOriginalMessage().startsWith("String value length")) {
            // Over the configured string length is 413 naming the limit, like an oversized body (deep nesting
            // stays a decoding error: no legitimate payload comes near it).
            return new WebapiException(413, Phrase.of("A string value in the request exceeds the limit of %limit characters.",
                    Map.of("limit", config.maxStringLength())));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (e instanceof JsonProcessingException processing) {
            parameters.put("reason", processing.getOriginalMessage());
            JsonLocation location = processing.getLocation();
            if (location != null && location.getLineNr() > 0) {
                parameters.put("line", location.getLineNr());
                parameters.put("column", location.getColumnNr());
            }
        } else if (e instanceof CharConversionException) {
            parameters.put("reason", "The body is not valid UTF-8: " + e.getMessage());
        } else {
            parameters.put("reason", e.getMessage());
        }
        return new WebapiException(400, Phrase.of(WebapiException.DECODING_ERROR, parameters));
    }

    private static StreamConstraintsException constraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException c) {
                return c;
            }
        }
        return null;
    }

    public WebapiException tooLarge() {
        return new WebapiException(413, Phrase.of("The request body exceeds the limit of %limit bytes.",
                Map.of("limit", config.maxBodySize().asLongValue())));
    }

}
