package io.catalogbulk.ingest.importing.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Unremovable;

import io.catalogbulk.core.operation.Caller;
import io.catalogbulk.core.route.StreamedRequest;
import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.body.RequestJson;

/**
 * The routes of import sources: upload (raw body, Magento's envelope, or a resumable upload in pieces), read, list,
 * delete. A source is its uploader's alone: anyone else gets the 404 of a uuid never issued.
 */
@ApplicationScoped
@Unremovable
public class SourceEndpoints {

    private static final int MAX_FILENAME = 255;
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

    @Inject
    SourceUploads uploads;

    @Inject
    SourceStore store;

    @Inject
    RequestJson json;

    /** {@code POST /V1/import/sources}. */
    public Response upload(StreamedRequest request) throws IOException {
        Caller owner = request.principal().caller();
        String contentType = request.header().apply("Content-Type");
        String encoding = request.header().apply("Content-Encoding");
        boolean gzip = encoding != null && encoding.trim().toLowerCase(Locale.ROOT).equals("gzip");
        if (encoding != null && !encoding.isBlank() && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            throw WebapiException.badRequest(Phrase.of("The Content-Encoding \"%encoding\" is not supported; send gzip or nothing.",
                    Map.of("encoding", encoding)));
        }
        SourceFormat format = SourceFormat.ofMediaType(contentType).orElseThrow(() -> WebapiException.badRequest(
                Phrase.of("An import file is sent as text/csv, application/x-ndjson or application/json, not %type.",
                        Map.of("type", String.valueOf(contentType)))));
        String filename = filename(request.query().get("filename"));
        InputStream body = request.body();
        if (format == SourceFormat.JSON && !gzip) {
            // A JSON file is an array; Magento's envelope is an object with "source".
            PushbackInputStream peek = new PushbackInputStream(body, 1);
            int first;
            do {
                first = peek.read();
            } while (first == ' ' || first == '\t' || first == '\r' || first == '\n');
            if (first >= 0) {
                peek.unread(first);
            }
            if (first == '{') {
                return created(envelope(owner, json.readTree(peek), filename));
            }
            body = peek;
        }
        return created(uploads.upload(owner, body, format, gzip, filename));
    }

    private SourceStore.Source envelope(Caller owner, JsonNode body, String filename) {
        JsonNode source = body == null ? null : body.get("source");
        if (source == null || !source.isObject()) {
            throw WebapiException.requiredField("source");
        }
        String type = text(source, "sourceType", "source_type");
        if (type == null) {
            throw WebapiException.requiredField("sourceType");
        }
        String formatName = text(source, "sourceDataFormat", "source_data_format");
        SourceFormat format = formatName == null ? SourceFormat.CSV : SourceFormat.ofCode(formatName).orElseThrow(() ->
                WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE,
                        Map.of("value", formatName, "fieldName", "sourceDataFormat"))));
        String name = filename != null ? filename : filename(text(source, "filename", "filename"));
        switch (type) {
            case "base64_encoded_data" -> {
                String data = required(source, "sourceDefinition", "source_definition");
                return uploads.uploadBase64(owner, data, format, name);
            }
            case "remote_https_file" -> {
                String url = required(source, "sourceDefinition", "source_definition");
                return uploads.uploadRemote(owner, url, format);
            }
            case "pieces" -> {
                String count = required(source, "pieces_count", "piecesCount");
                int pieces;
                try {
                    pieces = Integer.parseInt(count);
                } catch (NumberFormatException e) {
                    pieces = -1;
                }
                if (pieces < 1 || pieces > 10_000) {
                    throw WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE,
                            Map.of("value", count, "fieldName", "pieces_count")));
                }
                String hash = required(source, "data_hash", "dataHash");
                if (!SHA256.matcher(hash).matches()) {
                    throw WebapiException.badRequest("data_hash is the SHA-256 of the whole file: 64 hexadecimal digits.");
                }
                return uploads.openPieces(owner, pieces, hash, format, name);
            }
            default -> throw WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE,
                    Map.of("value", type, "fieldName", "sourceType")));
        }
    }

    /** {@code PUT /V1/import/sources/:uuid/pieces/:pieceNumber}. */
    public Response putPiece(StreamedRequest request) {
        UUID uuid = uuid(request.path("uuid"));
        int number;
        try {
            number = Integer.parseInt(request.path("pieceNumber"));
        } catch (NumberFormatException e) {
            throw WebapiException.badRequest(Phrase.of(WebapiException.INVALID_FIELD_VALUE,
                    Map.of("value", request.path("pieceNumber"), "fieldName", "pieceNumber")));
        }
        return ok(uploads.putPiece(request.principal().caller(), uuid, number, request.body()).json());
    }

    /** {@code GET /V1/import/sources/:uuid}. */
    public Response get(StreamedRequest request) throws SQLException {
        UUID uuid = uuid(request.path("uuid"));
        return ok(store.find(uuid, request.principal().caller()).orElseThrow(() -> WebapiException.noSuchEntity("uuid", uuid)).json());
    }

    /** {@code GET /V1/import/sources?pageSize=&currentPage=}: the caller's sources, newest first. */
    public Response list(StreamedRequest request) throws SQLException {
        Caller owner = request.principal().caller();
        int pageSize = positive(request.query().get("searchCriteria[pageSize]"), 20, 1000);
        int page = positive(request.query().get("searchCriteria[currentPage]"), 1, Integer.MAX_VALUE);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        var items = answer.putArray("items");
        store.list(owner, pageSize, (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * pageSize)).forEach(s -> items.add(s.json()));
        answer.putObject("search_criteria").put("page_size", pageSize).put("current_page", page);
        answer.put("total_count", store.count(owner));
        return ok(answer);
    }

    /** {@code DELETE /V1/import/sources/:uuid}: true, or 404; refused while an import started from it exists. */
    public Response delete(StreamedRequest request) throws SQLException {
        UUID uuid = uuid(request.path("uuid"));
        Caller owner = request.principal().caller();
        store.find(uuid, owner).orElseThrow(() -> WebapiException.noSuchEntity("uuid", uuid));
        if (store.inUse(uuid)) {
            throw WebapiException.badRequest(Phrase.of("The source %uuid cannot be deleted: an import was started from it.",
                    Map.of("uuid", uuid)));
        }
        if (!store.delete(uuid, owner)) {
            throw WebapiException.noSuchEntity("uuid", uuid);
        }
        return Response.ok("true", MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw WebapiException.noSuchEntity("uuid", value);
        }
    }

    static int positive(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return Math.min(n, max);
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw WebapiException.badRequest(Phrase.of("\"%value\" is not a positive whole number.", Map.of("value", value)));
    }

    private static String filename(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.length() > MAX_FILENAME) {
            throw WebapiException.badRequest(Phrase.of("The filename is longer than %max characters.", Map.of("max", MAX_FILENAME)));
        }
        return name;
    }

    private static String text(JsonNode node, String name, String alias) {
        JsonNode value = node.has(name) ? node.get(name) : node.get(alias);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode node, String name, String alias) {
        String value = text(node, name, alias);
        if (value == null || value.isBlank()) {
            throw WebapiException.requiredField(name);
        }
        return value;
    }

    private static Response created(SourceStore.Source source) {
        return Response.status(201).entity(Json.string(source.json())).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response ok(JsonNode body) {
        return Response.ok(Json.string(body), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
