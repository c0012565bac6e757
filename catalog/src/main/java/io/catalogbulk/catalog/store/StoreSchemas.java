package io.catalogbulk.catalog.store;

import static io.catalogbulk.core.input.FieldCheck.matches;
import static io.catalogbulk.core.input.FieldCheck.maxLength;
import static io.catalogbulk.core.input.FieldCheck.oneOf;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.catalogbulk.core.input.FieldCheck;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.webapi.Phrase;

/** Input shape of a store view (Magento's StoreInterface). */
public final class StoreSchemas {

    static final Pattern CODE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,31}");

    /** Codes that would make a URL ambiguous (/rest/async/..., /rest/V1/...) or that already mean something. */
    static final Set<String> RESERVED = Set.of("all", "admin", "async", "v1", "rest", "schema");

    static final FieldCheck NOT_RESERVED = (field, value) -> RESERVED.contains(value.asText().toLowerCase())
            ? Optional.of(Phrase.of("The store code \"%code\" is reserved. Choose another code.", Map.of("code", value.asText())))
            : Optional.empty();

    public static final ObjectSchema STORE = ObjectSchema.named("Magento\\Store\\Api\\Data\\StoreInterface")
            .required("code", ScalarType.STRING, matches(CODE, Phrase.of(
                    "The store code may contain only letters (a-z), numbers (0-9) or underscore (_), and the first character must be a letter.")),
                    NOT_RESERVED)
            .required("name", ScalarType.STRING, maxLength(255))
            .field("website_id", ScalarType.INT)
            .field("store_group_id", ScalarType.INT)
            .field("is_active", ScalarType.INT, oneOf(0, 1))
            .build();

    private StoreSchemas() {
    }
}
