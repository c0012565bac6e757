package io.catalogbulk.catalog.importexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ImportRowTest {

    @Test
    void emptyCellMeansUnchangedAndTheConstantMeansEmpty() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("sku", "24-MB01");
        cells.put("name", "");
        cells.put("description", "__EMPTY__VALUE__");
        ImportRow row = new ImportRow(3, cells);
        assertTrue(row.has("sku"));
        assertFalse(row.has("name"));
        assertFalse(row.has("weight"));
        assertTrue(row.isEmptyValue("description"));
        assertFalse(row.isEmptyValue("name"));
    }

    @Test
    void travelsAsJsonInColumnOrder() {
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("sku", "a");
        cells.put("store_view_code", "default");
        cells.put("price", "");
        ImportRow row = new ImportRow(7, cells, "|", "__EMPTY__VALUE__");
        ImportRow back = ImportRow.fromJson(7, row.cellsJson(), "|", "__EMPTY__VALUE__");
        assertEquals(row, back);
        assertEquals(List.of("sku", "store_view_code", "price"), List.copyOf(back.cells().keySet()));
    }

    @Test
    void behavioursParseAsMagentoAndAdobeNameThem() {
        assertEquals(Optional.of(ImportBehaviour.APPEND), ImportBehaviour.parse("append"));
        assertEquals(Optional.of(ImportBehaviour.APPEND), ImportBehaviour.parse("add_update"));
        assertEquals(Optional.of(ImportBehaviour.REPLACE), ImportBehaviour.parse("Replace"));
        assertEquals(Optional.of(ImportBehaviour.DELETE), ImportBehaviour.parse("delete"));
        assertEquals(Optional.empty(), ImportBehaviour.parse("merge"));
        assertEquals(Optional.empty(), ImportBehaviour.parse(null));
        assertEquals("append", ImportBehaviour.APPEND.code());
    }
}
