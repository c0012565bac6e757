package io.catalogbulk.catalog.media;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.webapi.Phrase;

/**
 * A decoded, checked image upload (Magento's ImageContentInterface). The declared MIME type must be one we
 * serve and must match the file's magic bytes: a client that labels a PDF as image/png learns it at once.
 */
record ImageContent(byte[] bytes, String mimeType, String name) {

    static final List<String> TYPES = List.of("image/jpeg", "image/png", "image/gif");
    static final String INVALID_BASE64 = "The image content must be valid base64 encoded data.";
    static final String INVALID_TYPE = "The image MIME type is not valid or not supported.";
    static final String EMPTY = "The image content is empty. Provide base64_encoded_data, type and name.";
    static final String MISMATCH = "The image content is not a %1 image: its bytes do not match its declared MIME type.";
    static final String BAD_NAME = "Provided image name contains forbidden characters.";

    /** The content, or the reason it is refused. */
    static Result decode(JsonNode content) {
        String data = content.path("base64_encoded_data").asText("");
        String type = content.path("type").asText("").toLowerCase();
        String name = content.path("name").asText("");
        if (data.isBlank()) {
            return Result.error(Phrase.of(EMPTY));
        }
        if (!TYPES.contains(type)) {
            return Result.error(Phrase.of(INVALID_TYPE));
        }
        if (name.isBlank() || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,89}")) {
            return Result.error(Phrase.of(BAD_NAME));
        }
        byte[] bytes;
        try {
            // Line breaks are tolerated (some encoders wrap at 76 characters); any other non-base64 character is not.
            bytes = Base64.getDecoder().decode(data.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return Result.error(Phrase.of(INVALID_BASE64));
        }
        if (bytes.length == 0) {
            return Result.error(Phrase.of(INVALID_BASE64));
        }
        Optional<String> actual = sniff(bytes);
        if (actual.isEmpty() || !actual.get().equals(type)) {
            return Result.error(Phrase.positional(MISMATCH, type));
        }
        return new Result(new ImageContent(bytes, type, name), null);
    }

    /** The image type the bytes start with, if any we accept. */
    static Optional<String> sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return Optional.of("image/png");
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return Optional.of("image/gif");
        }
        return Optional.empty();
    }

    record Result(ImageContent content, Phrase error) {
        static Result error(Phrase phrase) {
            return new Result(null, phrase);
        }
    }
}
