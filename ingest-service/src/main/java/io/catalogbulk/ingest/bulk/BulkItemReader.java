package io.catalogbulk.ingest.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.route.RouteDeclaration;
import io.catalogbulk.core.route.RouteInput;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.body.RequestJson;

/**
 * Reads a bulk body as a stream: one array element at a time is parsed, validated and reduced to its
 * serialized data, so memory grows with the stored data, not with parser trees of the whole body.
 * Any invalid item refuses the whole bulk (nothing is stored); the error lists every invalid item by index.
 */
final class BulkItemReader {

    private BulkItemReader() {
    }

    static BulkItems read(JsonParser parser, RouteDeclaration route, RequestJson json, int maxItems, int maxReportedErrors) {
        BulkItems items = new BulkItems();
        List<WebapiException.ErrorEntry> errors = new ArrayList<>();
        int invalid = 0;
        int index = 0;
        try (parser) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw WebapiException.badRequest(Phrase.of(
                        "A bulk request body is a JSON array with one element per operation, each holding %parameters.",
                        Map.of("parameters", expected(route))));
            }
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    break;
                }
                if (token == null) {
                    throw json.translate(new JsonParseException(parser, "Unexpected end of input inside the array"));
                }
                if (index >= maxItems) {
                    throw new WebapiException(413, Phrase.of("A bulk request may hold at most %max items.", Map.of("max", maxItems)));
                }
                JsonNode element = json.readElement(parser);
                RouteInput.Item item = RouteInput.fromBulkItem(route, element);
                if (item.valid()) {
                    if (invalid == 0) {
                        items.add(Json.bytes(item.params()), route.entityKey(item.params()));
                    }
                } else {
                    invalid++;
                    for (Phrase phrase : item.errors()) {
                        if (errors.size() < maxReportedErrors) {
                            errors.add(new WebapiException.ErrorEntry(phrase, index));
                        }
                    }
                }
                index++;
            }
            if (parser.nextToken() != null) {
                throw json.translate(new JsonParseException(parser, "Unexpected content after the array"));
            }
        } catch (IOException e) {
            throw json.translate(e);
        }
        if (index == 0) {
            throw WebapiException.badRequest(Phrase.of("The bulk request holds no items; send at least one of %parameters.",
                    Map.of("parameters", expected(route))));
        }
        if (invalid > 0) {
            // The first error as the message, every invalid item in "errors"; nothing of the bulk is stored.
            throw new WebapiException(400, errors.get(0).phrase(), errors, null);
        }
        return items;
    }

    private static String expected(RouteDeclaration route) {
        List<String> names = new ArrayList<>(route.path().params());
        route.bodyParams().forEach(p -> names.add(p.name()));
        return names.isEmpty() ? "{}" : "{" + String.join(", ", names) + "}";
    }
}
