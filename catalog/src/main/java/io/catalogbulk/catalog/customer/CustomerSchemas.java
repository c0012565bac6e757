package io.catalogbulk.catalog.customer;

import static io.catalogbulk.core.input.FieldCheck.date;
import static io.catalogbulk.core.input.FieldCheck.matches;
import static io.catalogbulk.core.input.FieldCheck.maxLength;
import static io.catalogbulk.core.input.FieldCheck.oneOf;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.input.CustomAttributesType;
import io.catalogbulk.core.input.FieldCheck;
import io.catalogbulk.core.input.ListType;
import io.catalogbulk.core.input.ObjectSchema;
import io.catalogbulk.core.input.ScalarType;
import io.catalogbulk.core.webapi.Phrase;

/** Input shapes of Magento's CustomerInterface and AddressInterface. */
public final class CustomerSchemas {

    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    static final ObjectSchema REGION = ObjectSchema.named("Magento\\Customer\\Api\\Data\\RegionInterface")
            .field("region_code", ScalarType.STRING, maxLength(32))
            .field("region", ScalarType.STRING, maxLength(255))
            .field("region_id", ScalarType.INT)
            .build();

    static final ObjectSchema ADDRESS = ObjectSchema.named("Magento\\Customer\\Api\\Data\\AddressInterface")
            .field("id", ScalarType.INT)
            .field("customer_id", ScalarType.INT)
            .field("region", REGION)
            .field("region_id", ScalarType.INT)
            .required("country_id", ScalarType.STRING, matches(Pattern.compile("[A-Za-z]{2}")))
            .required("street", ListType.of(ScalarType.STRING))
            .field("company", ScalarType.STRING, maxLength(255))
            .field("telephone", ScalarType.STRING, maxLength(64))
            .field("fax", ScalarType.STRING, maxLength(64))
            .field("postcode", ScalarType.STRING, maxLength(32))
            .required("city", ScalarType.STRING, maxLength(255))
            .required("firstname", ScalarType.STRING, maxLength(255))
            .required("lastname", ScalarType.STRING, maxLength(255))
            .field("middlename", ScalarType.STRING, maxLength(255))
            .field("prefix", ScalarType.STRING, maxLength(40))
            .field("suffix", ScalarType.STRING, maxLength(40))
            .field("vat_id", ScalarType.STRING, maxLength(64))
            .field("default_shipping", ScalarType.BOOL)
            .field("default_billing", ScalarType.BOOL)
            .field("custom_attributes", CustomAttributesType.INSTANCE)
            .build();

    static final ObjectSchema EXTENSION_ATTRIBUTES = ObjectSchema.named("Magento\\Customer\\Api\\Data\\CustomerExtensionInterface")
            .field("is_subscribed", ScalarType.BOOL)
            .build();

    /** Server-managed members (id, created_at, updated_at, created_in) are accepted so a read customer can be sent back. */
    public static final ObjectSchema CUSTOMER = ObjectSchema.named("Magento\\Customer\\Api\\Data\\CustomerInterface")
            .field("id", ScalarType.INT)
            .field("group_id", ScalarType.INT)
            .field("default_billing", ScalarType.STRING)
            .field("default_shipping", ScalarType.STRING)
            .field("confirmation", ScalarType.STRING, maxLength(64))
            .field("created_at", ScalarType.STRING)
            .field("updated_at", ScalarType.STRING)
            .field("created_in", ScalarType.STRING)
            .field("dob", ScalarType.STRING, date())
            .required("email", ScalarType.STRING, maxLength(255),
                    matches(EMAIL, Phrase.of("\"Email\" is not a valid email address.")))
            .required("firstname", ScalarType.STRING, maxLength(255))
            .required("lastname", ScalarType.STRING, maxLength(255))
            .field("middlename", ScalarType.STRING, maxLength(255))
            .field("prefix", ScalarType.STRING, maxLength(40))
            .field("suffix", ScalarType.STRING, maxLength(40))
            .field("gender", ScalarType.INT, oneOf(0, 1, 2, 3))
            .field("store_id", ScalarType.INT)
            .field("taxvat", ScalarType.STRING, maxLength(50))
            .field("website_id", ScalarType.INT)
            .field("addresses", ListType.of(ADDRESS))
            .field("disable_auto_group_change", ScalarType.INT, oneOf(0, 1))
            .field("extension_attributes", EXTENSION_ATTRIBUTES)
            .field("custom_attributes", CustomAttributesType.INSTANCE)
            .build();

    /** The customer of PUT /V1/customers/:customerId: every member optional, members left out keep their value. */
    public static final ObjectSchema CUSTOMER_UPDATE = optional(CUSTOMER);

    private static ObjectSchema optional(ObjectSchema schema) {
        ObjectSchema.Builder builder = ObjectSchema.named(schema.interfaceName());
        schema.fields().values().forEach(f -> builder.field(f.name(), f.type(), f.checks().toArray(FieldCheck[]::new)));
        return builder.build();
    }

    /** Writes of one existing customer serialize on its id. */
    static String idLockKey(ObjectNode params) {
        return "customer:" + params.path("customerId").asText();
    }

    /** Concurrent creations of one e-mail address serialize on this key. */
    static String lockKey(ObjectNode params) {
        return "customer-email:" + params.path("customer").path("email").asText().toLowerCase();
    }

    private CustomerSchemas() {
    }
}
