package io.catalogbulk.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/** Objects, lists and custom attributes; messages are Magento's (entities.md §0). */
class InputNormalizerTest {

    private static final String PRODUCT_INTERFACE = "Magento\\Catalog\\Api\\Data\\ProductInterface";

    private static final ObjectSchema EXTENSION = ObjectSchema.named("Magento\\Catalog\\Api\\Data\\ProductExtensionInterface")
            .field("website_ids", ListType.of(ScalarType.INT))
            .build();

    private static final ObjectSchema PRODUCT = ObjectSchema.named(PRODUCT_INTERFACE)
            .required("sku", ScalarType.STRING, FieldCheck.maxLength(64, "SKU length should be 64 characters maximum."))
            .field("name", ScalarType.STRING)
            .field("attribute_set_id", ScalarType.INT, FieldCheck.positive())
            .field("price", ScalarType.FLOAT, FieldCheck.nonNegative())
            .field("status", ScalarType.INT, FieldCheck.oneOf(1, 2))
            .field("extension_attributes", EXTENSION)
            .field("custom_attributes", CustomAttributesType.INSTANCE)
            .build();

    private final List<Phrase> errors = new ArrayList<>();

    private JsonNode normalize(String json, InputType type) {
        return InputNormalizer.normalizeParameter("product", Json.parse(json), type, errors);
    }

    private List<String> rendered() {
        return errors.stream().map(Phrase::render).toList();
    }

    @Test
    void keysBecomeSnakeCaseInDeclaredOrderAndNullsAreDropped() {
        JsonNode out = normalize("{\"price\":\"29.5\",\"attributeSetId\":\"4\",\"name\":null,\"sku\":\"MS-Champ-S\"}", PRODUCT);
        assertEquals(List.of(), errors);
        assertEquals("{\"sku\":\"MS-Champ-S\",\"attribute_set_id\":4,\"price\":29.5}", Json.string(out));
    }

    @Test
    void unknownFieldGetsMagentosMissingAccessorMessage() {
        assertNull(normalize("{\"sku\":\"a\",\"colour\":\"red\",\"special_thing\":null}", PRODUCT));
        assertEquals(List.of(
                "Property \"Colour\" does not have accessor method \"getColour\" in class \"" + PRODUCT_INTERFACE + "\".",
                "Property \"SpecialThing\" does not have accessor method \"getSpecialThing\" in class \"" + PRODUCT_INTERFACE + "\"."),
                rendered(), "refused even when the value is empty, as Magento does");
    }

    @Test
    void unknownFieldOfANestedObjectNamesThatInterface() {
        assertNull(normalize("{\"sku\":\"a\",\"extension_attributes\":{\"stock\":1}}", PRODUCT));
        assertEquals(List.of("Property \"Stock\" does not have accessor method \"getStock\" in class "
                + "\"Magento\\Catalog\\Api\\Data\\ProductExtensionInterface\"."), rendered());
    }

    @Test
    void missingRequiredFieldUsesTheRequiredPhrase() {
        assertNull(normalize("{\"name\":\"N\"}", PRODUCT));
        assertEquals(List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "sku"))), errors);
        assertEquals("\"sku\" is required. Enter and try again.", errors.get(0).render());
    }

    @Test
    void requiredFieldGivenAsNullIsMissing() {
        assertNull(normalize("{\"sku\":null}", PRODUCT));
        assertEquals(List.of(Phrase.of(WebapiException.REQUIRED_FIELD, Map.of("fieldName", "sku"))), errors);
    }

    @Test
    void requiredFieldGivenInCamelCaseIsPresent() {
        ObjectSchema schema = ObjectSchema.named("Vendor\\Module\\Api\\Data\\ThingInterface")
                .required("attribute_set_id", ScalarType.INT).build();
        assertEquals("{\"attribute_set_id\":4}", Json.string(normalize("{\"attributeSetId\":4}", schema)));
        assertEquals(List.of(), errors);
    }

    @Test
    void aWronglyTypedRequiredFieldIsReportedOnceAsATypeError() {
        assertNull(normalize("{\"sku\":{\"a\":1}}", PRODUCT));
        assertEquals(List.of("Error occurred during \"sku\" processing. The \"{\"a\":1}\" value's type is invalid. "
                + "The \"string\" type was expected. Verify and try again."), rendered());
    }

    @Test
    void nestedTypeErrorIsFullyRenderedWithoutParameters() {
        assertNull(normalize("{\"sku\":\"a\",\"price\":\"abc\"}", PRODUCT));
        assertEquals(1, errors.size());
        assertEquals("Error occurred during \"price\" processing. The \"abc\" value's type is invalid. "
                + "The \"float\" type was expected. Verify and try again.", errors.get(0).message());
        assertNull(errors.get(0).parameters());
    }

    @Test
    void topLevelTypeErrorKeepsPlaceholdersAndParameters() {
        assertNull(normalize("\"not an object\"", PRODUCT));
        Phrase error = errors.get(0);
        assertEquals("The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.", error.message());
        assertEquals(Map.of("value", "not an object", "type", "\\" + PRODUCT_INTERFACE), error.parameters());
    }

    @Test
    void fieldChecksReportMagentoTexts() {
        String longSku = "x".repeat(65);
        assertNull(normalize("{\"sku\":\"" + longSku + "\",\"status\":3,\"price\":-1,\"attribute_set_id\":0}", PRODUCT));
        assertEquals(List.of(
                "Invalid value of \"-1\" provided for the price field.",
                "Invalid value of \"0\" provided for the attribute_set_id field.",
                "Invalid value of \"3\" provided for the status field.",
                "SKU length should be 64 characters maximum."), rendered().stream().sorted().toList());
        Phrase status = errors.stream().filter(p -> p.render().contains("status")).findFirst().orElseThrow();
        assertEquals(WebapiException.INVALID_FIELD_VALUE, status.message());
        assertEquals(Map.of("value", "3", "fieldName", "status"), status.parameters());
    }

    @Test
    void maxLengthCountsCharactersNotBytes() {
        assertEquals("\u00e9".repeat(64), normalize("{\"sku\":\"" + "\u00e9".repeat(64) + "\"}", PRODUCT).get("sku").asText());
        assertEquals(List.of(), errors);
    }

    @Test
    void everyErrorOfAnObjectIsCollected() {
        assertNull(normalize("{\"price\":\"x\",\"status\":\"y\",\"foo\":1}", PRODUCT));
        assertEquals(4, errors.size(), rendered().toString());
    }

    @Test
    void listsAreCheckedElementByElementAndSkipNulls() {
        JsonNode out = normalize("{\"sku\":\"a\",\"extension_attributes\":{\"website_ids\":[\"1\",null,2]}}", PRODUCT);
        assertEquals(List.of(), errors);
        assertEquals("[1,2]", Json.string(out.get("extension_attributes").get("website_ids")));
    }

    @Test
    void listTypeErrors() {
        assertNull(normalize("{\"sku\":\"a\",\"extension_attributes\":{\"website_ids\":1}}", PRODUCT));
        assertEquals(List.of("Error occurred during \"website_ids\" processing. The \"1\" value's type is invalid. "
                + "The \"int[]\" type was expected. Verify and try again."), rendered());
        errors.clear();
        assertNull(normalize("{\"sku\":\"a\",\"extension_attributes\":{\"website_ids\":[1,\"x\"]}}", PRODUCT));
        assertEquals(List.of("Error occurred during \"website_ids\" processing. The \"x\" value's type is invalid. "
                + "The \"int\" type was expected. Verify and try again."), rendered());
    }

    @Test
    void valuesInMessagesAreTheirJsonCutAfter80Characters() {
        assertEquals("{\"a\":1,\"b\":[2,\"x\"],\"c\":{}}", InputNormalizer.display(Json.parse("{\"a\":1,\"b\":[2,\"x\"],\"c\":{}}")));
        ArrayNode nested = Json.NODES.arrayNode();
        ArrayNode inner = nested;
        for (int i = 0; i < 5000; i++) {
            inner = inner.addArray();
        }
        assertEquals("[".repeat(80) + "...", InputNormalizer.display(nested), "a deep value is cut, never written out whole");
        assertEquals("[" + "1,".repeat(39) + "1...", InputNormalizer.display(Json.parse("[" + "1,".repeat(99) + "1]")));
        assertEquals("x".repeat(80), InputNormalizer.display(Json.NODES.textNode("x".repeat(80))));
    }

    @Test
    void thePlainLengthOfANumberIsKnownWithoutWritingIt() {
        for (String number : new String[] {"0", "7", "-7", "1.5", "-1.5", "0.001", "-0.001", "1E+3", "-1E+3", "123.45", "1E-20", "9.99E+2"}) {
            BigDecimal value = new BigDecimal(number);
            assertEquals(value.toPlainString().length(), InputNormalizer.plainLength(value), number);
        }
    }

    @Test
    void longValuesAreShortenedInMessages() {
        String value = "y".repeat(200);
        assertNull(normalize("{\"sku\":\"a\",\"price\":\"" + value + "\"}", PRODUCT));
        assertTrue(errors.get(0).render().contains("\"" + "y".repeat(80) + "...\""), errors.get(0).render());
    }

    // --- custom attributes ------------------------------------------------------------------------------------

    @Test
    void customAttributesAcceptTheListForm() {
        JsonNode out = normalize("{\"sku\":\"a\",\"custom_attributes\":[{\"attribute_code\":\"color\",\"value\":\"49\"},"
                + "{\"attributeCode\":\"category_ids\",\"value\":[\"3\",\"4\"]}]}", PRODUCT);
        assertEquals(List.of(), errors);
        assertEquals("[{\"attribute_code\":\"color\",\"value\":\"49\"},{\"attribute_code\":\"category_ids\",\"value\":[\"3\",\"4\"]}]",
                Json.string(out.get("custom_attributes")));
    }

    @Test
    void customAttributesAcceptTheMapFormAndNormalizeToTheList() {
        JsonNode out = normalize("{\"sku\":\"a\",\"custom_attributes\":{\"url_key\":\"tee\",\"tax_class_id\":2}}", PRODUCT);
        assertEquals(List.of(), errors);
        assertEquals("[{\"attribute_code\":\"url_key\",\"value\":\"tee\"},{\"attribute_code\":\"tax_class_id\",\"value\":2}]",
                Json.string(out.get("custom_attributes")));
    }

    @Test
    void aRepeatedCustomAttributeKeepsTheLastValue() {
        JsonNode out = normalize("{\"sku\":\"a\",\"custom_attributes\":[{\"attribute_code\":\"color\",\"value\":\"1\"},"
                + "{\"attribute_code\":\"size\",\"value\":\"M\"},{\"attribute_code\":\"color\",\"value\":\"2\"}]}", PRODUCT);
        assertEquals("[{\"attribute_code\":\"size\",\"value\":\"M\"},{\"attribute_code\":\"color\",\"value\":\"2\"}]",
                Json.string(out.get("custom_attributes")));
    }

    @Test
    void customAttributeErrorsUseMagentosTexts() {
        assertNull(normalize("{\"sku\":\"a\",\"custom_attributes\":[{},{\"value\":\"x\"},{\"attribute_code\":\"color\"},"
                + "{\"attribute_code\":\"size\",\"value\":null}]}", PRODUCT));
        assertEquals(List.of(
                "An empty custom attribute is specified. Enter the attribute and try again.",
                "A custom attribute is specified with a missing attribute code. Verify the code and try again.",
                "The \"color\" attribute code doesn't have a value set. Enter the value and try again.",
                "The \"size\" attribute code doesn't have a value set. Enter the value and try again."), rendered());
    }

    @Test
    void customAttributeWithAnExtraKeyNamesAttributeInterface() {
        assertNull(normalize("{\"sku\":\"a\",\"custom_attributes\":[{\"attribute_code\":\"color\",\"value\":\"1\",\"label\":\"x\"}]}",
                PRODUCT));
        assertEquals(List.of("Property \"Label\" does not have accessor method \"getLabel\" in class "
                + "\"Magento\\Framework\\Api\\AttributeInterface\"."), rendered());
    }

    @Test
    void customAttributeCodeAndValueAreChecked() {
        assertNull(normalize("{\"sku\":\"a\",\"custom_attributes\":{\"1bad\":\"x\",\"ok\":{\"nested\":true}}}", PRODUCT));
        assertEquals(List.of(
                "Invalid value of \"1bad\" provided for the attribute_code field.",
                "Error occurred during \"ok\" processing. The \"{\"nested\":true}\" value's type is invalid. "
                        + "The \"mixed\" type was expected. Verify and try again."), rendered());
    }

    @Test
    void customAttributesMustBeAListOrAMap() {
        assertNull(normalize("{\"sku\":\"a\",\"custom_attributes\":\"color\"}", PRODUCT));
        assertEquals(List.of("Error occurred during \"custom_attributes\" processing. The \"color\" value's type is invalid. "
                + "The \"\\Magento\\Framework\\Api\\AttributeInterface[]\" type was expected. Verify and try again."), rendered());
    }
}
