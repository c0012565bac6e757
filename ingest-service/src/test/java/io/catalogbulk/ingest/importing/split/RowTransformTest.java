package io.catalogbulk.ingest.importing.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.catalogbulk.core.webapi.Json;
import io.catalogbulk.core.webapi.WebapiException;
import io.catalogbulk.ingest.importing.source.SourceCheck;
import io.catalogbulk.ingest.importing.source.SourceFormat;

/** The pure parts of an import: converting rules, mapping, CSV rows as nested items, start parameters, the check. */
class RowTransformTest {

    static Map<String, String> row(String... pairs) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }

    static ImportParameters parameters(String json) {
        return ImportParameters.parse(Json.parse("{\"import\":" + json + "}"), 1000);
    }

    @Test
    void convertingRulesApplyInOrderToTheirColumns() {
        ImportParameters p = parameters("{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"convertingRules\":["
                + "{\"identifier\":\"string_replace\",\"applyTo\":[\"sku\"],\"parameters\":{\"search\":\"_\",\"replace\":\"-\"}},"
                + "{\"identifier\":\"string_to_upper\",\"applyTo\":[\"sku\"]},"
                + "{\"identifier\":\"string_to_lower\",\"applyTo\":[\"name\"]},"
                + "{\"identifier\":\"yes_no_to_bool\",\"applyTo\":[\"active\",\"other\"]},"
                + "{\"identifier\":\"remove_field\",\"applyTo\":[\"junk\"]}]}");
        assertEquals(row("sku", "A-B-C", "name", "mixed case", "active", "1", "other", "maybe"),
                p.transform(row("sku", "a_b_c", "name", "Mixed CASE", "active", "YES", "junk", "x", "other", "maybe")));
        assertEquals("0", p.transform(row("active", " no ")).get("active"));
        ImportParameters leave = parameters("{\"importType\":\"route\",\"route\":\"POST /V1/products\",\"convertingRules\":["
                + "{\"identifier\":\"leave_columns\",\"applyTo\":[\"b\",\"a\"]}]}");
        assertEquals(row("a", "1", "b", "2"), leave.transform(row("a", "1", "c", "3", "b", "2")));
        assertEquals(List.of("a", "b"), leave.transformColumns(List.of("a", "b", "c")));
    }

    @Test
    void mappingRenamesBeforeTheRules() {
        ImportParameters p = parameters("{\"importType\":\"route\",\"route\":\"POST /V1/products\","
                + "\"mapping\":[{\"source\":\"Artikel\",\"target\":\"product.sku\"}],"
                + "\"convertingRules\":[{\"identifier\":\"string_to_lower\",\"applyTo\":[\"product.sku\"]}]}");
        assertEquals(row("product.sku", "abc", "price", "1"), p.transform(row("Artikel", "ABC", "price", "1")));
    }

    @Test
    void malformedParametersAreClientErrors() {
        for (String bad : List.of("{}", "{\"importType\":\"route\"}",
                "{\"importType\":\"route\",\"route\":\"POST /V1/x\",\"importBehaviour\":\"merge\"}",
                "{\"importType\":\"route\",\"route\":\"POST /V1/x\",\"allowedErrorCount\":\"-2\"}",
                "{\"importType\":\"route\",\"route\":\"POST /V1/x\",\"format\":{\"delimiter\":\";;\"}}",
                "{\"importType\":\"route\",\"route\":\"POST /V1/x\",\"format\":{\"delimiter\":\"\\\"\"}}",
                "{\"importType\":\"route\",\"route\":\"POST /V1/x\",\"mapping\":[{\"source\":\"a\"}]}",
                "{\"importType\":\"route\",\"route\":\"POST /V1/x\",\"convertingRules\":[{\"identifier\":\"string_replace\",\"applyTo\":[\"a\"]}]}",
                "{\"importType\":\"route\",\"route\":\"POST /V1/x\",\"convertingRules\":[{\"identifier\":\"string_to_lower\"}]}")) {
            WebapiException e = assertThrows(WebapiException.class, () -> parameters(bad), bad);
            assertEquals(400, e.status(), bad);
        }
        ImportParameters defaults = parameters("{\"importType\":\"route\",\"route\":\"POST /V1/x\"}");
        assertTrue(defaults.stopOnError());
        assertEquals(0, defaults.allowedErrorCount());
        assertEquals(',', defaults.format().delimiter());
        ImportParameters adobe = parameters("{\"importType\":\"route\",\"route\":\"POST /V1/x\",\"validation_strategy\":\"validation-skip-errors\","
                + "\"allowed_error_count\":\"10\",\"format\":{\"delimiter\":\";\",\"escape\":\"\"}}");
        assertEquals(false, adobe.stopOnError());
        assertEquals(10, adobe.allowedErrorCount());
        assertEquals(';', adobe.format().delimiter());
        assertEquals(null, adobe.format().escape());
    }

    @Test
    void dottedColumnsBecomeNestedItems() {
        JsonNode item = NestedItem.of(row("product.sku", "A", "product.price", "10", "product.extension_attributes.website_ids.0", "1",
                "product.extension_attributes.website_ids.1", "2", "product.custom_attributes.0.attribute_code", "color",
                "product.custom_attributes.0.value", "red", "product.name", "", "saveOptions", "true"));
        assertEquals(Json.parse("{\"product\":{\"sku\":\"A\",\"price\":\"10\",\"extension_attributes\":{\"website_ids\":[\"1\",\"2\"]},"
                + "\"custom_attributes\":[{\"attribute_code\":\"color\",\"value\":\"red\"}]},\"saveOptions\":\"true\"}"), item);
        assertThrows(IllegalArgumentException.class, () -> NestedItem.of(row("product", "x", "product.sku", "y")));
        assertThrows(IllegalArgumentException.class, () -> NestedItem.of(row("a..b", "x")));
        assertThrows(IllegalArgumentException.class, () -> NestedItem.of(row("a.99999", "x")));
    }

    @Test
    void checkCountsRowsAndListsStructuralErrors() throws Exception {
        SourceCheck.Result csv = new SourceCheck(2, 100, 1000).check(
                new ByteArrayInputStream("\uFEFFa,b\n1,2\n3\n4,5,6\n7\n\"x\ny\",z\n".getBytes(StandardCharsets.UTF_8)), SourceFormat.CSV);
        assertEquals(5, csv.rows());
        assertEquals(List.of("a", "b"), csv.columns());
        assertEquals(List.of(2L, 3L), csv.errors().stream().map(SourceCheck.Error::row).toList());
        assertEquals(false, csv.unreadable());
        SourceCheck.Result dup = new SourceCheck(10, 100, 1000).check(new ByteArrayInputStream("a,a\n".getBytes(StandardCharsets.UTF_8)),
                SourceFormat.CSV);
        assertTrue(dup.errors().get(0).message().contains("twice"));
        assertThrows(SourceCheck.TooManyRows.class, () -> new SourceCheck(10, 2, 1000).check(
                new ByteArrayInputStream("a\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8)), SourceFormat.CSV));
        SourceCheck.Result json = new SourceCheck(10, 100, 1000).check(
                new ByteArrayInputStream("[{\"a\":1},{\"b\":{\"c\":2}}] x".getBytes(StandardCharsets.UTF_8)), SourceFormat.JSON);
        assertTrue(json.unreadable());
        assertEquals(List.of("a", "b"), json.columns());
        SourceCheck.Result hugeCell = new SourceCheck(10, 100, 5).check(
                new ByteArrayInputStream("a\n123456\n".getBytes(StandardCharsets.UTF_8)), SourceFormat.CSV);
        assertTrue(hugeCell.unreadable());
        // Nesting deeper than the parser allows is a limit without a place in the file: the file is invalid, no error.
        SourceCheck.Result deep = new SourceCheck(10, 100, 1000).check(
                new ByteArrayInputStream(("[{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}]").getBytes(StandardCharsets.UTF_8)),
                SourceFormat.JSON);
        assertTrue(deep.unreadable());
        assertTrue(deep.errors().get(0).message().startsWith("Malformed JSON:"), deep.errors().toString());
    }
}
